/**
 * @shiori/policy — the policy model and the pure rule evaluators shared by the API, the
 * OPAC and the admin console. No framework, no I/O, no clock: callers pass `today`.
 */
export * from './i18n';
export * from './brand';
export * from './codes';
export * from './dates';
export * from './schema';
export * from './parse';
export * from './card';
export * from './password';
export * from './identity';
export * from './calendar';
export * from './loans';
export * from './renewal';
export * from './holds';
export * from './pickup';
export * from './day-pattern';
export * from './bookmobile';
export * from './courier';
export * from './lists';
export * from './account';
export * from './sign-in';
export * from './email';
export * from './explain';
export * from './patron-facing';
export * from './references';
export * from './presets';
export * from './agreement';
export * from './search';
