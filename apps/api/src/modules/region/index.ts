// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { RegionModule } from './region.module';
export { RegionErrors } from './region.errors';
export { RegionsService } from './regions.service';
export { RegionCodePipe } from './region-code.pipe';
export { RegionMembers } from './search/region-members.service';
// the one order of works across cities (regional search and regional SRU)
export { rankWorks } from './search/grouping';
// the courier timetable (連絡車): when something handed over arrives (inter-library loans)
export { CourierService } from './courier/courier.service';
