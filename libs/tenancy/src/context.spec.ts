import type { DataSource } from 'typeorm';
import { currentTenant, currentTenantSchema, runTenantRead, tenantManager } from './context';

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
