import type { DataSource } from 'typeorm';
import { AfterTransactionError, afterTransaction, currentTenant, currentTenantSchema, runInTenant, runTenantRead, tenantManager } from './context';

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

describe('runInTenant with work after the transaction', () => {
  // a data source whose transaction runs the callback on a manager that accepts any statement
  const ds = { transaction: async (fn: (m: unknown) => Promise<unknown>) => fn({ query: async () => [] }) } as unknown as DataSource;
  const city = { id: '1', slug: 'koga', name: '古河市' };

  it('throws what failed after the transaction instead of the transaction’s own error: a lockout counter that fails is loud', async () => {
    const run = runInTenant(ds, city, async () => {
      await afterTransaction(async () => {
        throw new Error('failed-login counter: the database refused the UPDATE');
      });
      throw new Error('LOGIN_FAILED');
    });
    await expect(run).rejects.toBeInstanceOf(AfterTransactionError);
    const e = (await run.catch((x) => x)) as AfterTransactionError;
    expect(e.message).toMatch(/failed-login counter/);
    expect((e.transactionError as Error).message).toBe('LOGIN_FAILED');
  });

  it('runs every registered work even when one fails, and otherwise keeps the transaction’s outcome', async () => {
    const ran: string[] = [];
    const failing = runInTenant(ds, city, async () => {
      await afterTransaction(async () => {
        throw new Error('first');
      });
      await afterTransaction(async () => void ran.push('second'));
      return 'answer';
    });
    await expect(failing).rejects.toThrow(/first/);
    expect(ran).toEqual(['second']);
    await expect(runInTenant(ds, city, async () => 'answer')).resolves.toBe('answer');
    await expect(runInTenant(ds, city, async () => Promise.reject(new Error('LOGIN_FAILED')))).rejects.toThrow('LOGIN_FAILED');
  });
});
