// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { PlatformModule } from './platform.module';
export { PlatformErrors } from './platform.errors';
export { PlatformAuditService } from './platform-audit.service';
export { StaffService } from './staff.service';
export { TenantsService } from './tenants.service';
export { ClusterService } from './cluster.service';
