import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { quotedTenantSchema, tenantSchemaName } from './schema-name';

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
}

export interface TenantContext extends TenantRef {
  schema: string;
  /** The EntityManager of the tenant transaction; its connection has `search_path` set to the tenant. */
  manager: EntityManager;
}

const storage = new AsyncLocalStorage<TenantContext>();

/** The tenant of the current request or job. Throws when code runs outside a tenant. */
export function currentTenant(): TenantContext {
  const ctx = storage.getStore();
  if (!ctx) {
    throw new Error('No tenant context: tenant data is reachable only inside runInTenant()');
  }
  return ctx;
}

/** The one accessor for tenant data: the EntityManager of the current tenant transaction. */
export function tenantManager(): EntityManager {
  return currentTenant().manager;
}

export function hasTenantContext(): boolean {
  return storage.getStore() !== undefined;
}

/**
 * Runs `fn` inside one transaction on the shared pool whose first statement binds the
 * tenant's schema (`SET LOCAL` lasts until the transaction ends, so a pooled connection
 * never leaks one tenant's search_path to the next request). Requests, jobs and CLI
 * commands all enter a tenant this way.
 */
export async function runInTenant<T>(
  dataSource: DataSource,
  tenant: TenantRef,
  fn: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL search_path TO ${quotedTenantSchema(tenant.slug)}, platform`);
    const ctx: TenantContext = { ...tenant, schema: tenantSchemaName(tenant.slug), manager };
    return storage.run(ctx, () => fn(manager));
  });
}
