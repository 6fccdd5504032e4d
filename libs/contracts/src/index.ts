// The HTTP contract: the response shapes the API answers and the OPAC and admin console read,
// declared once. The API's services return these types and the apps' API clients read them, so
// renaming a field here (or there) breaks the build of every tier that has not followed.
// Types only: nothing here exists at run time (import it with `import type`).
export type * from './circulation';
export type * from './holds';
export type * from './account';
export type * from './ill';
export type * from './patrons';
export type * from './catalog';
export type * from './places';
export type * from './region';
export type * from './sign-in';
export type * from './policy';
export type * from './alerts';
export type * from './agreements';
// the limits the API validates requests against: plain constants, no code, read by the apps' forms
export { ACCOUNT_LIMITS } from './account';
export { SIGN_IN_LIMITS } from './sign-in';
export { POLICY_LIMITS } from './policy';
export { ALERT_LIMITS } from './alerts';
export * from './reports';
export * from './news';
export * from './notices';
export * from './region-search';
export * from './reading';
