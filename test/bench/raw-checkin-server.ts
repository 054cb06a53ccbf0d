/**
 * Baseline for the check-in benchmark: a minimal node:http + pg server doing the same validated,
 * idempotent insert as sessions.checkIn (token → family, code format, one attendance per family).
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 20) });
const port = Number(process.env.PORT ?? 0);

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
      const sessionId = input.code.split('.')[0];
      const who = await pool.query(
        `SELECT g."familyId" FROM "AuthSession" s JOIN "Guardian" g ON g."userId" = s."userId" WHERE s."tokenHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > now()`,
        [createHash('sha256').update(token).digest('hex')],
      );
      if (!who.rows[0]) {
        res.writeHead(401).end('{"error":"unauthorized"}');
        return;
      }
      const r = await pool.query(
        `INSERT INTO "Attendance" (id, "sessionId", "familyId", present, method, at) VALUES (gen_random_uuid()::text, $1, $2, true, 'QR', now())
         ON CONFLICT ("sessionId", "familyId") DO NOTHING RETURNING id`,
        [sessionId, who.rows[0].familyId],
      );
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sessionId, firstTime: r.rowCount === 1 }));
    } catch {
      res.writeHead(400).end('{"error":"bad input"}');
    }
  });
});
server.listen(port, '127.0.0.1', () => {
  const addr = server.address();
  console.log(`RAW_PORT ${typeof addr === 'object' && addr ? addr.port : port}`);
});
