/** SIP2 as bytes and messages: pure functions, no sockets, no database (see the module README). */
export * from './charsets';
export * from './checksum';
export * from './codec';
export * from './dates';
export * from './layouts';
export * from './lines';
