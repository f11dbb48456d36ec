import { isTransientFailure } from './transient-failure';

const failure = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields);

describe('isTransientFailure', () => {
  it.each([
    ['a refused connection', failure('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['a reset socket', failure('read ECONNRESET', { code: 'ECONNRESET' })],
    ['PostgreSQL shutting down', failure('terminating connection due to administrator command', { code: '57P01' })],
    ['PostgreSQL still starting', failure('the database system is starting up', { code: '57P03' })],
    ['PostgreSQL out of connections', failure('sorry, too many clients already', { code: '53300' })],
    ['a serialization failure', failure('could not serialize access', { code: '40001' })],
    ['a deadlock', failure('deadlock detected', { code: '40P01' })],
    ['a dropped node-postgres connection', failure('Connection terminated unexpectedly')],
    ['no pooled connection in time', failure('timeout exceeded when trying to connect')],
    ['MongoDB unreachable', failure('Server selection timed out after 30000 ms', { name: 'MongoServerSelectionError' })],
    ['MongoDB through mongoose unreachable', failure('Server selection timed out', { name: 'MongooseServerSelectionError' })],
    ['a MongoDB network error', failure('connection 4 to 127.0.0.1:27017 closed', { name: 'MongoNetworkError' })],
    ['a MongoDB primary stepping down', failure('not primary', { name: 'MongoServerError', code: 10107 })],
    ['a MongoDB write conflict', failure('WriteConflict', { name: 'MongoServerError', code: 112 })],
    ['a retryable MongoDB write', failure('interrupted', { name: 'MongoServerError', errorLabels: ['RetryableWriteError'] })],
    ['KurrentDB unavailable', failure('14 UNAVAILABLE: No connection established', { type: 'unavailable' })],
    ['KurrentDB electing a leader', failure('Not leader', { type: 'not-leader' })],
    ['a concurrent append to the same stream', failure('Stream run-1: expected version 3, actual 4', { name: 'WrongExpectedVersionError' })],
    ['an outage wrapped by the handler', new Error('could not record the fact', { cause: failure('connect ECONNREFUSED', { code: 'ECONNREFUSED' }) })],
  ])('waits out %s', (_what, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['a plain programming error', new TypeError("Cannot read properties of undefined (reading 'runId')")],
    ['a domain refusal', failure('course run 9 does not exist')],
    ['a duplicate key', failure('E11000 duplicate key error', { name: 'MongoServerError', code: 11000 })],
    ['a PostgreSQL constraint violation', failure('null value in column "payload"', { code: '23502' })],
    ['a MongoDB-like code on an error that is not MongoDB’s', failure('not primary', { code: 10107 })],
    ['KurrentDB refusing access', failure('Access denied', { type: 'access-denied' })],
    ['something that is not an error', 'down'],
    ['nothing', undefined],
  ])('does not wait out %s', (_what, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });
});
