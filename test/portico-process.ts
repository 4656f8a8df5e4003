import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');

export interface PorticoProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves when the output matches; rejects when the process exits first. */
  waitFor(pattern: RegExp, timeoutMilliseconds?: number): Promise<void>;
  alive(): boolean;
  /** Rejects if the process exits: race it against what a test waits for, so a crash fails at once. */
  crashed: Promise<never>;
  /** SIGTERM, then the exit code (SIGKILL after the timeout). */
  stop(timeoutMilliseconds?: number): Promise<number | null>;
}

/** `portico <command>` as its own process, as an operator runs it. */
export function startPortico(args: string[], environment: Record<string, string>): PorticoProcess {
  const child = spawn(process.execPath, ['bin/portico.js', ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const crashed = exited.then((code) => {
    throw new Error(`portico ${args.join(' ')} exited (${code}):\n${output}`);
  });
  crashed.catch(() => {});
  return {
    child,
    crashed,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    waitFor(pattern, timeoutMilliseconds = 90_000) {
      return new Promise<void>((done, fail) => {
        const check = () => {
          if (!pattern.test(output)) return;
          cleanup();
          done();
        };
        const timer = setTimeout(() => {
          cleanup();
          fail(new Error(`timed out waiting for ${pattern} in:\n${output}`));
        }, timeoutMilliseconds);
        const onExit = () => {
          cleanup();
          fail(new Error(`portico ${args.join(' ')} exited (${child.exitCode}) before ${pattern}:\n${output}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop(timeoutMilliseconds = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMilliseconds);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface CapturedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port that keeps every message it accepts. */
export async function startSmtpCapture(): Promise<{ url: string; received: CapturedMail[]; close(): Promise<void> }> {
  const received: CapturedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((done) => smtp.listen(0, '127.0.0.1', done));
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((done) => smtp.close(() => done())),
  };
}
