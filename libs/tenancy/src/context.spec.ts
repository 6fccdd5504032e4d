import type { DataSource } from 'typeorm';
import { afterTransaction, currentTenant, currentTenantSchema, runTenantRead, tenantManager } from './context';

describe('runTenantRead', () => {
  const ds = {} as DataSource;

  it('knows the tenant and its quoted schema, but offers no transaction manager', async () => {
    await runTenantRead(ds, { id: '1', slug: 'kushiro-city', name: '釧路市' }, async () => {
      expect(currentTenant().slug).toBe('kushiro-city');
      expect(currentTenantSchema()).toBe('"tenant_kushiro_city"');
      expect(() => tenantManager()).toThrow(/No tenant transaction here/);
    });
  });

  it('leaves no tenant behind', async () => {
    await runTenantRead(ds, { id: '1', slug: 'koga', name: '古河市' }, async () => undefined);
    expect(() => currentTenant()).toThrow(/No tenant context/);
  });
});

describe('afterTransaction', () => {
  it('runs at once where no transaction holds a connection (outside a tenant, or in runTenantRead)', async () => {
    const ran: string[] = [];
    await afterTransaction(async () => void ran.push('outside'));
    await runTenantRead({} as DataSource, { id: '1', slug: 'koga', name: '古河市' }, () => afterTransaction(async () => void ran.push('read')));
    expect(ran).toEqual(['outside', 'read']);
  });
});
