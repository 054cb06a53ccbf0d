import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseDatabaseUrl } from './database-url';

const root = path.resolve(__dirname, '..', '..');

/**
 * Runs `prisma migrate deploy` in a child process (the CLI owns the connection while it runs;
 * PGlite allows one process at a time, so the server opens the database only afterwards).
 */
export function runMigrations(databaseUrl: string | undefined): Promise<void> {
  const target = parseDatabaseUrl(databaseUrl, root);
  const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  // On PGlite the advisory lock makes `migrate deploy` hang (single connection).
  if (target.kind === 'pglite') env.PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK = '1';
  const cli = require.resolve('prisma/build/index.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cli, 'migrate', 'deploy', '--config', path.join(root, 'prisma', 'prisma.config.ts')],
      {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let done = false;
    // With PGlite the CLI keeps its event loop alive after the work is done; once it has said so,
    // end it ourselves (SIGTERM lets PGlite close its files).
    const onOutput = (chunk: Buffer) => {
      output += chunk;
      if (!done && /successfully applied|No pending migrations/.test(output)) {
        done = true;
        setTimeout(() => child.kill('SIGTERM'), 200).unref();
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 || done) resolve();
      else reject(new Error(`prisma migrate deploy exited with ${code}\n${output.trim()}`));
    });
  });
}
