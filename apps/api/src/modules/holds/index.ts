// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Its response shapes (HoldView, TrappedHold, HoldShelfEntry …) are in libs/contracts (@shiori/contracts).
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { HoldsModule } from './holds.module';
export { HoldsJobsModule } from './jobs/holds-jobs.module';
export { ExpireHoldsJob } from './jobs/expire-holds.job';
export { HoldsErrors } from './holds.errors';
// what the circulation desk stands on: the rules of a city, trapping a returned copy
export { RulesService } from './services/rules.service';
export type { Rules } from './services/rules.service';
export { AllocationService } from './services/allocation.service';
// a copy already set aside for a hold, scanned at a branch, moves on (check-in)
export { HoldReadyService } from './services/hold-ready.service';
// a patron's holds as they see them (the self-check lists them)
export { HoldViews } from './services/hold-views.service';
export { ITEM_COLUMNS } from './holds.types';
export type { ItemRow } from './holds.types';
