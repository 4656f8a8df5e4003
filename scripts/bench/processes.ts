import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const BENCH_SECRET_KEY = 'bench-secret-key-bench-secret-key-0123456789';

export type BenchDatabase = { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string };

export function databaseEnv(database: BenchDatabase): Record<string, string> {
  return database.kind === 'postgres' ? { DATABASE_URL: database.url } : { SQLITE_PATH: database.path };
}

/** A TypeScript helper of the bench in its own process, answering 'ready' over IPC once listening. */
export function forkHelper(file: string, args: string[], env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = fork(resolve(import.meta.dirname, file), args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolveReady, reject) => {
    child.once('message', () => resolveReady(child));
    child.once('exit', (code) => reject(new Error(`${file} exited (${code})`)));
  });
}

export function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolveAnswer) => {
    child.once('message', (answer) => resolveAnswer(answer as T));
    child.send(message);
  });
}

/** `portico <command>` as a deployment runs it; resolves once it printed its ready line. */
export function startPortico(
  command: 'serve' | 'worker',
  env: Record<string, string>,
  readyText: string,
  nodeOptions: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeOptions, resolve(ROOT, 'bin/portico.js'), command], {
    cwd: ROOT,
    env: { ...process.env, SECRET_KEY: BENCH_SECRET_KEY, OUTBOX_IN_PROCESS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveReady, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(readyText)) {
        resolveReady(child);
        // Keep draining (request logs) so the pipe never blocks the server.
        seen = '';
      } else if (seen.length > 100_000) seen = seen.slice(-1000);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`portico ${command} exited (${code})`)));
  });
}

export async function stop(child: ChildProcess | null | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** A process's resident memory now, in MB (0 once it ended). */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's resident memory; `peak()` is the highest seen, in MB. */
export function watchMemory(pid: number) {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, rssMb(pid));
  };
  const timer = setInterval(sample, 250);
  sample();
  return {
    peak: () => Math.round(peak),
    stop: () => clearInterval(timer),
  };
}

/** CPU seconds (user + system) a process has used so far; Linux clock ticks are 1/100 s. */
export function cpuSeconds(pid: number): number {
  try {
    // The command name may hold spaces, so the fields are counted from its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * Resolves once a process is idle (under 20 ms of CPU in a quarter second), at most after 15 s: the
 * requests a load run left in flight (queued hashes, say) must not run into the next measurement.
 */
export async function settle(pid: number): Promise<void> {
  const deadline = performance.now() + 15_000;
  let before = cpuSeconds(pid);
  while (performance.now() < deadline) {
    await new Promise((resolveLater) => setTimeout(resolveLater, 250));
    const now = cpuSeconds(pid);
    if (!(now - before >= 0.02)) return;
    before = now;
  }
}
