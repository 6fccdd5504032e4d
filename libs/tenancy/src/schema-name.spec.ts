import { isValidTenantSlug, quotedTenantSchema, tenantSchemaName } from './schema-name';

describe('tenantSchemaName', () => {
  it.each([
    ['katori', 'tenant_katori'],
    ['city003', 'tenant_city003'],
    ['kita-kyushu', 'tenant_kita_kyushu'],
  ])('%s → %s', (slug, schema) => {
    expect(tenantSchemaName(slug)).toBe(schema);
    expect(quotedTenantSchema(slug)).toBe(`"${schema}"`);
  });

  it.each(['', 'a', 'Katori', '1city', 'x"; DROP SCHEMA platform; --', 'a_b', 'a'.repeat(40), 'ｋａｔｏｒｉ'])(
    'refuses unsafe slug %j',
    (slug) => {
      expect(isValidTenantSlug(slug)).toBe(false);
      expect(() => tenantSchemaName(slug)).toThrow(/Invalid tenant slug/);
    },
  );
});
