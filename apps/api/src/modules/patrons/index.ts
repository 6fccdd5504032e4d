// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { PatronsModule } from './patrons.module';
export { PatronErrors } from './patrons.errors';
export { PatronsService } from './patrons.service';
export { PatronAuthService } from './patron-auth.service';
export { MeService } from './me.service';
export type { PatronView } from './patron-view';
export { DemoPatronsSeeder, demoCard } from './demo-patrons';
