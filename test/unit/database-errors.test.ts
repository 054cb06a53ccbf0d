import { isDatabaseUnavailable } from '../../server/db/database-errors';

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [
      'a terminated backend',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    ['a database not accepting connections', new Error('database "x" is not currently accepting connections')],
    ['a pool closed during shutdown', new Error('Cannot use a pool after calling end on the pool')],
    [
      'a wrapped driver error',
      Object.assign(new Error('DriverAdapterError'), { cause: new Error('Connection terminated unexpectedly') }),
    ],
  ])('recognises %s', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    [
      'a unique violation',
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
    ],
    ['a syntax error', Object.assign(new Error('syntax error at or near "FROM"'), { code: '42601' })],
    ['nothing', undefined],
  ])('does not mistake %s for an outage', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
