/**
 * Baseline for the check-in benchmark: a minimal node:http + pg server doing the same validated,
 * idempotent insert as sessions.checkIn (token → family, code format, one attendance per family).
 */
import http from 'node:http';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Pool } from 'pg';
import { chinaYear } from '../../server/shared/china-time';
import { LISTEN_BACKLOG } from '../../server/http/listen-backlog';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 20) });
const port = Number(process.env.PORT ?? 0);
const sessions = new Map<string, { secret: string; startsAt: Date; mentalHealth: boolean }>();

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    try {
      const token = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(req.headers.authorization ?? '')?.[1];
      const input = JSON.parse(body) as { code?: unknown };
      if (!token || typeof input.code !== 'string' || !/^[^.]+\.\d+\.[A-Za-z0-9_-]{22}$/.test(input.code)) {
        res.writeHead(400).end('{"error":"bad input"}');
        return;
      }
      // The same checks as the app: a signed code of this or the previous minute.
      const [sessionId, windowText, sig] = input.code.split('.');
      let session = sessions.get(sessionId);
      if (!session) {
        const row = (
          await pool.query(
            `SELECT "checkInSecret" AS secret, "startsAt", "mentalHealth" FROM "Session" WHERE id = $1`,
            [sessionId],
          )
        ).rows[0];
        if (!row) {
          res.writeHead(400).end('{"error":"bad code"}');
          return;
        }
        session = row as { secret: string; startsAt: Date; mentalHealth: boolean };
        sessions.set(sessionId, session);
      }
      const window = Number(windowText);
      const current = Math.floor(Date.now() / 60_000);
      const expected = createHmac('sha256', session.secret)
        .update(`${sessionId}.${window}`)
        .digest('base64url')
        .slice(0, 22);
      if ((window !== current && window !== current - 1) || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) {
        res.writeHead(400).end('{"error":"bad code"}');
        return;
      }
      const who = await pool.query(
        `SELECT g."familyId" FROM "AuthSession" s JOIN "Guardian" g ON g."userId" = s."userId" WHERE s."tokenHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > now()`,
        [createHash('sha256').update(token).digest('hex')],
      );
      if (!who.rows[0]) {
        res.writeHead(401).end('{"error":"unauthorized"}');
        return;
      }
      // The same write: attendance once per family, and the family's guidance service for the year.
      const startsAt: Date = session.startsAt;
      const year = chinaYear(startsAt);
      const r = await pool.query(
        `WITH ins AS (
           INSERT INTO "Attendance" (id, "sessionId", "familyId", present, method, at) VALUES (gen_random_uuid()::text, $1, $2, true, 'QR', now())
           ON CONFLICT ("sessionId", "familyId") DO NOTHING RETURNING id
         ), cnt AS (
           UPDATE "Session" SET "attendedCount" = "attendedCount" + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM ins) RETURNING 1
         ), svc AS (
           INSERT INTO "FamilyServiceYear" ("familyId", year, "orgUnitId", services, "firstServedAt", "lastServedAt")
           SELECT f.id, $3::int, f."orgUnitId", 1, $4::timestamp, $4::timestamp FROM "Family" f WHERE f.id = $2 AND $5::boolean AND EXISTS (SELECT 1 FROM ins)
           ON CONFLICT ("familyId", year) DO UPDATE SET services = "FamilyServiceYear".services + 1
           RETURNING 1
         )
         SELECT EXISTS (SELECT 1 FROM ins) AS "firstTime"`,
        [
          sessionId,
          who.rows[0].familyId,
          year,
          startsAt.toISOString().replace('T', ' ').replace('Z', ''),
          session.mentalHealth,
        ],
      );
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ sessionId, firstTime: r.rows[0].firstTime }));
    } catch {
      res.writeHead(400).end('{"error":"bad input"}');
    }
  });
});
// The same accept queue as the app (server/main.ts), so a burst meets the same kernel limits on both.
server.listen({ port, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, () => {
  const addr = server.address();
  console.log(`RAW_PORT ${typeof addr === 'object' && addr ? addr.port : port}`);
});
