import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { FieldCipher } from '../../server/crypto/field-cipher';

const key = () => randomBytes(32);

describe('FieldCipher (AES-256-GCM)', () => {
  const k1 = key();
  const k2 = key();
  const old = new FieldCipher({ k1 }, 'k1');
  const rotated = new FieldCipher({ k1, k2 }, 'k2');

  it('round-trips any text, and the ciphertext shows nothing of it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), (text) => {
        const env = old.encrypt(text, 'ctx');
        expect(old.decrypt(env, 'ctx')).toBe(text);
        if (text.length >= 4) expect(env).not.toContain(text);
      }),
    );
  });

  it('refuses a ciphertext whose authentication tag was cut short (Node would accept 4 bytes)', () => {
    const parts = old.encrypt('每周都这样', 'ctx').split('.');
    const tag = Buffer.from(parts[3], 'base64url');
    expect(tag).toHaveLength(16);
    parts[3] = tag.subarray(0, 4).toString('base64url');
    expect(() => old.decrypt(parts.join('.'), 'ctx')).toThrow();
  });

  it('uses a fresh IV every time', () => {
    expect(old.encrypt('同样的内容', 'c')).not.toBe(old.encrypt('同样的内容', 'c'));
  });

  it('refuses a ciphertext moved to another record (context is authenticated) or tampered with', () => {
    const env = old.encrypt('经常', 'ChecklistResponse:a');
    expect(() => old.decrypt(env, 'ChecklistResponse:b')).toThrow();
    const parts = env.split('.');
    parts[4] = Buffer.from('x' + Buffer.from(parts[4], 'base64url').toString('latin1'), 'latin1').toString('base64url');
    expect(() => old.decrypt(parts.join('.'), 'ChecklistResponse:a')).toThrow();
  });

  it('after rotation writes with the new key id and still reads the old data', () => {
    const before = old.encrypt('旧数据', 'c');
    const after = rotated.encrypt('新数据', 'c');
    expect(before.split('.')[1]).toBe('k1');
    expect(after.split('.')[1]).toBe('k2');
    expect(rotated.decrypt(before, 'c')).toBe('旧数据');
    expect(() => old.decrypt(after, 'c')).toThrow(/k2/);
  });

  it('parses DATA_KEYS and rejects a short key', () => {
    const c = FieldCipher.fromEnv(`a:${k1.toString('base64')}, b:${k2.toString('base64')}`, 'b');
    expect(c.keyId).toBe('b');
    expect(() => FieldCipher.fromEnv(`a:${randomBytes(16).toString('base64')}`, 'a')).toThrow(/32 字节/);
    expect(() => FieldCipher.fromEnv('nonsense', 'a')).toThrow(/DATA_KEYS/);
  });
});
