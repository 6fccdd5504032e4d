export * from './schema-name';
export * from './context';
export * from './migrations';
export * from './citus';
export * from './sql-statements';
