// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { AlertsModule } from './alerts.module';
export { AlertsService, alertsOffered } from './alerts.service';
export type { NewRecord } from './alerts.service';
export type { AlertQuery, StoredAlertQuery } from './alert-query';
