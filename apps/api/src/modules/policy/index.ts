// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
// The city's places (branches, pickup points, closed days, the bookmobile) are module `places`,
// which stands on this one; this module imports no other.
export { PolicyModule } from './policy.module';
export { PolicyErrors } from './policy.errors';
// a city's policy (the current version), read by every module that decides a rule
export { PolicyStore } from './policy.store';
export type { PolicyVersion } from './policy.store';
export { PresetService } from './preset.service';
export { PolicyAdminService } from './policy-admin.service';
