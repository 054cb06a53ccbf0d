import { hashPassword, verifyPassword } from '../../server/services/auth/password';
import { hashToken, newToken } from '../../server/services/auth/tokens';
import { bearerToken } from '../../server/trpc/context';
import { newInviteCode } from '../../server/services/families/invite-code';

describe('passwords', () => {
  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horse ', stored)).toBe(false);
    expect(await verifyPassword('correct horse', null)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});

describe('tokens', () => {
  it('are 256-bit random, base64url, and stored as SHA-256', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('only a well-formed Bearer header yields a token', () => {
    const t = newToken();
    expect(bearerToken(`Bearer ${t}`)).toBe(t);
    expect(bearerToken(`bearer ${t}`)).toBeNull();
    expect(bearerToken('Bearer short')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe('invite codes', () => {
  it('use no characters that are easily misread', () => {
    for (let i = 0; i < 200; i += 1) expect(newInviteCode()).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
  });
});
