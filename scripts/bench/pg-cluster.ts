import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const POSTGRES_BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find(
  (dir) => existsSync(`${dir}/initdb`),
);

export interface PgCluster {
  url: string;
  stop(): void;
}

/** A throwaway cluster for one bench run (initdb refuses root, so as root it runs as postgres). */
export function startPgCluster(port: number): PgCluster | null {
  if (!POSTGRES_BIN) return null;
  const isRoot = process.getuid?.() === 0;
  const directory = mkdtempSync(join(tmpdir(), 'portico-bench-pg-'));
  const data = join(directory, 'data');
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
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  // Durability off (a throwaway cluster); memory settings of a small production box.
  const options = [
    `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1`,
    '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200',
    '-c shared_buffers=512MB -c work_mem=16MB -c maintenance_work_mem=256MB -c max_wal_size=4GB',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', join(directory, 'server.log'), '-w', '-o', options, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
