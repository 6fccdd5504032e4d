// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { AgreementsModule } from './agreements.module';
export { AgreementErrors } from './agreements.errors';
export { AgreementsStore, homeCardKey, termsOf } from './agreements.store';
export type { AgreementView } from './agreements.store';
export { DEMO_AGREEMENT, DemoAgreementsSeeder } from './demo-agreements';
