// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { NewsModule } from './news.module';
export { NewsService, type NewsHeadline } from './news.service';
