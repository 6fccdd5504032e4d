import type { TenantMigration } from '@shiori/tenancy';
import { Core0001 } from './0001-core';

/** Every tenant migration, in order. New migrations are appended, never reordered. */
export const TENANT_MIGRATIONS: TenantMigration[] = [new Core0001()];
