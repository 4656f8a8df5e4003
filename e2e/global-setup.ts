import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_PORT } from '../playwright.config.ts';

/**
 * Starts the real server the way `npm start` does, on a fresh SQLite file, and reads the demo staff
 * credentials it prints, exactly as a newcomer would. Tests read them from process.env.
 */
export default async function globalSetup() {
  const directory = mkdtempSync(join(tmpdir(), 'portico-e2e-'));
  const server = spawn(process.execPath, ['bin/portico.js', 'serve'], {
    env: {
      ...withoutDatabaseUrl(process.env),
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      SQLITE_PATH: join(directory, 'portico.db'),
      PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
      LOG_LEVEL: 'warn',
      // The test mailbox: the Outbox hides one-time links, so journeys read them where a mailbox would.
      CAPTURE_DIRECTORY: join(directory, 'mail'),
      // Lets a journey move the server's clock forward to a timed step (add-on escalation) instead of waiting.
      TEST_CLOCK_CONTROL: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Portico is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const email = /email:\s+(\S+)/.exec(output)?.[1];
  const password = /password:\s+(\S+)/.exec(output)?.[1];
  if (!email || !password) throw new Error(`demo credentials were not printed:\n${output}`);
  process.env.DEMO_STAFF_EMAIL = email;
  process.env.DEMO_STAFF_PASSWORD = password;
  process.env.E2E_DATA_DIRECTORY = directory;

  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(directory, { recursive: true, force: true });
  };
}

function withoutDatabaseUrl(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = environment;
  return rest;
}
