// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { DemoModule } from './demo.module';
export { DemoService } from './demo.service';
export type { DemoInstanceStep, DemoSeedStep } from './demo.service';
export { DEMO_LIBRARIAN_PASSWORD } from './demo-cities';
