/**
 * What answers at the database URL, known from start-up (probeCitus): plain PostgreSQL (the
 * default, embedded or DATABASE_URL) or the coordinator of a Citus cluster. Injectable, for
 * the few places that differ: the pool's session options, where search statistics are read,
 * the cluster operations of regional IT.
 */
export class DatabaseKind {
  constructor(readonly citus: boolean) {}
}
