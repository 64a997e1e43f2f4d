import { ConnectionException, DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { isDatabaseUnavailable } from '../../../services/database/connection-errors';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('a database that cannot be reached', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
    ['an unknown host', withCode('getaddrinfo ENOTFOUND postgres', 'ENOTFOUND')],
    [
      'an administrator shutdown (57P01)',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['a server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    [
      'a full disk (53100)',
      withCode('could not extend file "base/16384/16385": No space left on device', '53100'),
    ],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', new Error('timeout expired')],
    [
      'a pool timeout',
      new Error('Connection terminated due to connection timeout', { cause: new Error('x') }),
    ],
    ['a full pool', new Error('Knex: Timeout acquiring a connection. The pool is probably full.')],
    [
      'the ORM wrapping it',
      new ConnectionException(withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')),
    ],
    ['a wrapped cause', new Error('could not file the case', { cause: withCode('x', 'ECONNREFUSED') })],
    [
      'an AggregateError',
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    ],
  ])('is recognised: %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new UniqueConstraintViolationException(withCode('duplicate key', '23505'))],
    ['invalid input', withCode('invalid input syntax for type uuid', '22P02')],
    [
      'a NUL byte in a text parameter (08P01)',
      new DriverException(withCode('invalid message format', '08P01')),
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'ECONNREFUSED'],
  ])('is not confused with a refused query or a bug: %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
