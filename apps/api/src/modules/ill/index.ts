// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { IllModule } from './ill.module';
export { IllErrors } from './ill.errors';
export { IllLoans } from './ill-loans.service';
export type { IllLoan } from './ill-loans.service';
