import { Client } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { isDatabaseUnavailable } from './connection-errors';
import { freePort } from './embedded-postgres';

/** An error as node-postgres makes it from a server's ErrorResponse. */
const serverError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('isDatabaseUnavailable: "the database is not there" versus "this request is wrong"', () => {
  it('knows a refused connection (a real one: nothing listens on the port)', async () => {
    const client = new Client({ host: '127.0.0.1', port: await freePort(), user: 'x', database: 'x' });
    const refused = await client.connect().then(() => undefined, (e: unknown) => e);
    expect(refused).toBeDefined();
    expect(isDatabaseUnavailable(refused)).toBe(true);
  });

  it('knows the server states of a server going down, starting up or full', () => {
    expect(isDatabaseUnavailable(serverError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('57P02', 'terminating connection because of crash of another server process'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('08006', 'connection failure'))).toBe(true);
  });

  it("knows node-postgres's words for a connection cut under a query or never made", () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it("looks inside TypeORM's QueryFailedError, causes and AggregateError", () => {
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('query failed', { cause: serverError('57P03', 'the database system is in recovery mode') }))).toBe(true);
    const aggregate = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], 'all addresses failed');
    expect(isDatabaseUnavailable(aggregate)).toBe(true);
  });

  it('leaves errors of the request or of the code alone (they answer 4xx, or 500 and are logged)', () => {
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT …', [], serverError('23505', 'duplicate key value violates unique constraint')))).toBe(false);
    expect(isDatabaseUnavailable(new QueryFailedError('SELEC 1', [], serverError('42601', 'syntax error at or near "SELEC"')))).toBe(false);
    expect(isDatabaseUnavailable(serverError('57014', 'canceling statement due to statement timeout'))).toBe(false);
    expect(isDatabaseUnavailable(new DomainError('VALIDATION'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });

  it('takes "query runner already released" for an outage only when a pooled connection has just broken', () => {
    for (const released of [new QueryRunnerAlreadyReleasedError(), new QueryRunnerProviderAlreadyReleasedError()]) {
      expect(isDatabaseUnavailable(released, true)).toBe(true);
      expect(isDatabaseUnavailable(released, false)).toBe(false);
    }
  });
});
