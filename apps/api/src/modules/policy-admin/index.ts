// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { PolicyAdminModule } from './policy-admin.module';
export { PolicyAdminErrors } from './policy-admin.errors';
// a city's policy (the current version), read by every module that decides a rule
export { PolicyStore } from './policy.store';
export type { PolicyVersion } from './policy.store';
export { PresetService } from './preset.service';
export { PolicyAdminService } from './policy-admin.service';
// the city's branches and pickup points, and its public /info
export { PlacesService } from './places.service';
export { InfoService } from './info.service';
export { CalendarService } from './calendar.service';
export { BookmobileService } from './bookmobile/bookmobile.service';
export type { StationRules } from './bookmobile/bookmobile.service';
export { TodayQueryDto } from './bookmobile/bookmobile.dto';
