// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
// The city's places stand on its policy (module `policy`, through its front door), never the reverse.
export { PlacesModule } from './places.module';
export { PlacesErrors } from './places.errors';
// the city's branches and pickup points, and its public /info
export { PlacesService } from './places.service';
export { InfoService } from './info.service';
export { CalendarService } from './calendar.service';
export { BookmobileService } from './bookmobile/bookmobile.service';
export type { StationRules } from './bookmobile/bookmobile.service';
export { TodayQueryDto } from './bookmobile/bookmobile.dto';
