import fs from 'node:fs';
import path from 'node:path';
import { createTestApp, listen, type TestApp } from './test-app';
import { openBrowser, type Browser } from './browser';

/** The web build the e2e tests load: WEB_ROOT (a build in another folder), else client/dist/h5. */
export const WEB_ROOT = process.env.WEB_ROOT
  ? path.resolve(process.env.WEB_ROOT)
  : path.resolve(__dirname, '..', '..', 'client', 'dist', 'h5');

export interface WebApp {
  app: TestApp;
  http: { url: string; close(): Promise<void> };
  /** One Chromium per person in the scenario (each with its own storage, so its own sign-in). */
  browsers: Browser[];
  close(): Promise<void>;
}

/** The server in demo mode over HTTP, serving the web build, and `browsers` Chromium instances. */
export async function startWebApp(browsers = 1): Promise<WebApp> {
  if (!fs.existsSync(path.join(WEB_ROOT, 'index.html')))
    throw new Error(`${WEB_ROOT} is missing: run \`npm run build:h5\` (npm test builds it)`);
  const app = await createTestApp({ DEMO_MODE: '1' });
  const http = await listen(app);
  const opened = await Promise.all(Array.from({ length: browsers }, () => openBrowser()));
  return {
    app,
    http,
    browsers: opened,
    async close() {
      await Promise.all(opened.map((b) => b.close()));
      await http.close();
      await app.close();
    },
  };
}
