/**
 * The one place that turns a tenant slug into a PostgreSQL schema name.
 * Nothing else in the code base builds schema names or concatenates SQL identifiers.
 */
export const TENANT_SLUG_PATTERN = /^[a-z][a-z0-9-]{1,30}$/;

export function isValidTenantSlug(slug: unknown): slug is string {
  return typeof slug === 'string' && TENANT_SLUG_PATTERN.test(slug);
}

/** `katori` → `tenant_katori`; hyphens become underscores (slugs never contain `_`, so no two slugs collide). */
export function tenantSchemaName(slug: string): string {
  if (!isValidTenantSlug(slug)) {
    throw new Error(`Invalid tenant slug: ${JSON.stringify(slug)}`);
  }
  return `tenant_${slug.replace(/-/g, '_')}`;
}

/** The schema name as a quoted SQL identifier, safe to splice into DDL and `SET search_path`. */
export function quotedTenantSchema(slug: string): string {
  return `"${tenantSchemaName(slug)}"`;
}
