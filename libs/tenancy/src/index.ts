export * from './schema-name';
export * from './context';
export * from './migrations';
