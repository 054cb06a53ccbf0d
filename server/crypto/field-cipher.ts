import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** GCM's full 128-bit authentication tag, written and required. */
const TAG_BYTES = 16;

/**
 * AES-256-GCM for sensitive fields at rest (checklist answers, visit notes, addresses, phone numbers).
 * Envelope: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url). The key id allows rotation: new data is
 * written with the current key, old data stays readable while its key is configured.
 * `context` is bound as additional authenticated data, so a ciphertext copied to another row fails.
 */
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    keys: Record<string, Buffer>,
    private readonly currentKeyId: string,
  ) {
    this.keys = new Map(Object.entries(keys));
    for (const [id, key] of this.keys) {
      if (key.length !== 32) throw new Error(`数据加密密钥 ${id} 须为 32 字节（base64 编码）`);
    }
    if (!this.keys.has(currentKeyId)) throw new Error(`找不到当前数据加密密钥 ${currentKeyId}`);
  }

  /** `DATA_KEYS="k2026:<base64 32 bytes>,k2025:<…>"`, `DATA_KEY_ID=k2026`. */
  static fromEnv(spec: string, currentKeyId: string): FieldCipher {
    const keys: Record<string, Buffer> = {};
    for (const part of spec
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const idx = part.indexOf(':');
      if (idx <= 0) throw new Error('DATA_KEYS 格式应为 “密钥编号:base64密钥”，多个以逗号分隔');
      keys[part.slice(0, idx)] = Buffer.from(part.slice(idx + 1), 'base64');
    }
    return new FieldCipher(keys, currentKeyId);
  }

  get keyId(): string {
    return this.currentKeyId;
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v1',
      this.currentKeyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ct.toString('base64url'),
    ].join('.');
  }

  decrypt(envelope: string, context: string): string {
    const [version, keyId, iv, tag, ct] = envelope.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || ct === undefined) throw new Error('无法识别的加密数据');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`缺少数据加密密钥 ${keyId}`);
    // A shorter tag would be accepted without authTagLength (Node takes 4 bytes): forging one is then easy.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    const authTag = Buffer.from(tag, 'base64url');
    if (authTag.length !== TAG_BYTES) throw new Error('加密数据已损坏');
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  encryptJson(value: unknown, context: string): string {
    return this.encrypt(JSON.stringify(value), context);
  }

  decryptJson<T>(envelope: string, context: string): T {
    return JSON.parse(this.decrypt(envelope, context)) as T;
  }

  /**
   * A keyed digest (HMAC-SHA256 under a key derived from the current one) that tells whether a value is
   * unchanged without decrypting the stored one: a re-imported roster leaves its contacts as they are.
   */
  digest(plaintext: string, context: string): string {
    const key = createHmac('sha256', this.keys.get(this.currentKeyId)!).update('digest').digest();
    return `${this.currentKeyId}.${createHmac('sha256', key).update(`${context}\n${plaintext}`).digest('base64url')}`;
  }
}

/** A fixed development key, so that `npm start` works out of the box; production must set DATA_KEYS. */
export const DEV_DATA_KEYS = `dev:${createHash('sha256').update('heartbridge-development-only-key').digest('base64')}`;
