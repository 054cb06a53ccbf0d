import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createStaticHandler } from '../../server/http/static-files';

/** Serves one GET through the handler and gives back status and body. */
function get(handler: ReturnType<typeof createStaticHandler>, url: string) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    let status = 200;
    const chunks: Buffer[] = [];
    const res = {
      writeHead(code: number) {
        status = code;
        return res;
      },
      setHeader() {},
      end(chunk?: string | Buffer) {
        if (chunk) chunks.push(Buffer.from(chunk));
        resolve({ status, body: Buffer.concat(chunks).toString('utf8') });
        return res;
      },
      write(chunk: string | Buffer) {
        chunks.push(Buffer.from(chunk));
        return true;
      },
      on() {
        return res;
      },
      once() {
        return res;
      },
      emit() {
        return true;
      },
    };
    handler({ method: 'GET', url, headers: {} } as IncomingMessage, res as unknown as ServerResponse);
  });
}

describe('the web build’s static files', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-static-'));
  const root = path.join(base, 'h5');
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(root, 'index.html'), '<html>心桥</html>');
  // A folder beside the web root whose name starts like it.
  fs.mkdirSync(path.join(base, 'h5-backup'));
  fs.writeFileSync(path.join(base, 'h5-backup', 'secret.js'), 'SECRET');
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('never reads a sibling folder that merely starts like the root', async () => {
    const handler = createStaticHandler(root);
    for (const url of ['/..%2fh5-backup/secret.js', '/%2e%2e/h5-backup/secret.js', '/../h5-backup/secret.js']) {
      const res = await get(handler, url);
      expect([url, res.body.includes('SECRET')]).toEqual([url, false]);
      expect(res.status).toBe(404);
    }
  });
});
