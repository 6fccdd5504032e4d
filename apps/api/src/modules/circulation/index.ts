// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Its response shapes (LoanView, CheckinResult …) are in libs/contracts (@shiori/contracts).
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { CirculationModule } from './circulation.module';
export { CirculationJobsModule } from './jobs/circulation-jobs.module';
export { CirculationErrors } from './circulation.errors';
export { CheckinService } from './services/checkin.service';
export { CheckoutService } from './services/checkout.service';
export type { LoanPlace } from './services/checkout.service';
export { LoansService } from './services/loans.service';
