import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/create-db';

/** 256-bit opaque bearer token, base64url (43 chars). Only its SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueSession(db: Pick<Db, 'authSession'>, userId: string, ttlHours: number) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db.authSession.create({ data: { tokenHash: hashToken(token), userId, expiresAt }, select: { id: true } });
  return { token, expiresAt };
}

export async function revokeSession(db: Pick<Db, 'authSession'>, sessionId: string) {
  await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
