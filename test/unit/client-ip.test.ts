import { clientIp } from '../../server/http/client-ip';

const req = (xff: string | string[] | undefined, socket = '10.0.0.2') =>
  ({ headers: xff === undefined ? {} : { 'x-forwarded-for': xff }, socket: { remoteAddress: socket } }) as never;

describe('clientIp', () => {
  it('without a trusted proxy, ignores X-Forwarded-For entirely', () => {
    expect(clientIp(req('1.2.3.4'), 0)).toBe('10.0.0.2');
  });

  it('behind one proxy, takes the entry that proxy appended, not what the client wrote on the left', () => {
    expect(clientIp(req('203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(req('1.2.3.4, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(req(['1.2.3.4', '5.6.7.8, 203.0.113.9']), 1)).toBe('203.0.113.9');
  });

  it('behind two proxies, the second entry from the right', () => {
    expect(clientIp(req('1.2.3.4, 203.0.113.9, 10.0.0.7'), 2)).toBe('203.0.113.9');
  });

  it('a header shorter than the chain falls back to the farthest address known', () => {
    expect(clientIp(req(undefined), 1)).toBe('10.0.0.2');
    expect(clientIp(req('203.0.113.9'), 3)).toBe('203.0.113.9');
  });
});
