import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const POSTGRES_BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find(
  (dir) => existsSync(`${dir}/initdb`),
);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PostgresCluster {
  /** postgres://…/postgres on the cluster. */
  url: string;
  /** `pg_ctl stop -m fast`: every connection is closed, new ones are refused until start(). */
  stop(): void;
  start(): void;
  destroy(): void;
}

export interface PostgresClusterOptions {
  /** A free one when unset. */
  port?: number;
  /** Extra server settings (`-c name=value`), on top of durability off. */
  settings?: Record<string, string | number>;
}

/** PostgreSQL's binaries were found (the bench skips PostgreSQL without them; the tests fail). */
export const hasPostgres = POSTGRES_BIN !== undefined;

/**
 * A throwaway PostgreSQL cluster (fsync off) on a free port. initdb refuses to run as root, so as root
 * the cluster runs as the postgres user. Fault tests start their own, so they can stop it.
 */
export async function startPostgresCluster(options: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  if (!POSTGRES_BIN) {
    throw new Error(
      'PostgreSQL server binaries not found (expected /usr/lib/postgresql/15/bin/initdb). Install them with: apt-get install -y postgresql',
    );
  }
  const isRoot = process.getuid?.() === 0;
  const directory = mkdtempSync(join(tmpdir(), 'portico-pg-'));
  const dataDirectory = join(directory, 'data');
  const run = (binary: string, args: string[]) => {
    const command = `${POSTGRES_BIN}/${binary}`;
    if (isRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  };
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(directory, uid, gid);
  }
  const port = options.port ?? (await freePort());
  const settings = {
    listen_addresses: '127.0.0.1',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: 300,
    ...options.settings,
  };
  const serverOptions = [
    `-p ${port} -k ${directory}`,
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  run('initdb', ['-D', dataDirectory, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const start = () =>
    run('pg_ctl', ['-D', dataDirectory, '-l', join(directory, 'server.log'), '-w', '-o', serverOptions, 'start']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => run('pg_ctl', ['-D', dataDirectory, '-m', 'fast', '-w', 'stop']),
    start,
    destroy() {
      try {
        run('pg_ctl', ['-D', dataDirectory, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
