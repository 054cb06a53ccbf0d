/**
 * A server file started as its own Node process (the crash-safety tests and the benchmark), on a port
 * the kernel has just handed out, and awaited until it answers. A process that exits before it
 * answers fails at once with what it printed to stderr; one that takes too long is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
}

export interface StartOptions {
  /** The path to poll until any HTTP answer arrives. */
  readyPath?: string;
  /** A fixed port (e.g. to restart on the address clients already use); otherwise a free one. */
  port?: number;
  /** Copy the child's stderr to ours as it comes (the benchmark), besides keeping its tail for errors. */
  echoStderr?: boolean;
  timeoutMs?: number;
}

/** A port nothing listens on right now: bound on port 0, read back and released. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startOnce(
  file: string,
  env: Record<string, string>,
  port: number,
  opts: StartOptions,
): Promise<ServerProcess> {
  // The heap cap of `npm start` and `npm run serve` (package.json): the server measured is the one deployed.
  const child = spawn(process.execPath, ['--max-old-space-size=192', '--import', 'tsx', file], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    if (opts.echoStderr) process.stderr.write(chunk);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(
        Object.assign(
          new Error(
            `${path.basename(file)} exited before answering (code ${code}, signal ${signal}): ${stderr.trim() || '(nothing on stderr)'}`,
          ),
          { stderr },
        ),
      ),
    ),
  );
  exited.catch(() => undefined);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const ready = (async () => {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        await fetch(`${url}${opts.readyPath ?? '/healthz'}`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    child.kill('SIGKILL');
    throw new Error(
      `${path.basename(file)} did not answer within ${opts.timeoutMs ?? 60_000} ms: ${stderr.trim() || '(nothing on stderr)'}`,
    );
  })();
  await Promise.race([ready, exited]);
  if (child.exitCode !== null || child.signalCode !== null) await exited;
  return { child, port, url };
}

/**
 * Starts `file` with `env` and resolves once it answers. On a free port, a lost race for the port
 * (EADDRINUSE: something took it between probe and listen) is retried on another one.
 */
export async function startServerProcess(
  file: string,
  env: Record<string, string>,
  opts: StartOptions = {},
): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt += 1) {
    const port = opts.port ?? (await freePort());
    try {
      return await startOnce(file, env, port, opts);
    } catch (err) {
      const lostPort = String((err as { stderr?: string }).stderr ?? '').includes('EADDRINUSE');
      if (!lostPort || opts.port !== undefined || attempt >= 3) throw err;
    }
  }
}
