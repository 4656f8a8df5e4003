import nodemailer from 'nodemailer';
import pg from 'pg';
import type { ChildProcess } from 'node:child_process';
import { renderMessage } from '../../src/server/outbox/email-layout.ts';
import { passwordChangedKind } from '../../src/server/outbox/kinds/portal-access-kinds.ts';
import { ask, cpuSeconds, startPortico, stop } from './processes.ts';

export interface OutboxResult {
  workers: number;
  messages: number;
  perSecond: number;
  received: number;
  duplicates: number;
  lost: number;
  /** CPU the workers spent per email while delivering (startup excluded): steadier than a rate on a shared machine. */
  cpuMsPerEmail: number;
}

export interface CeilingResult {
  perSecond: number;
  /** CPU this process spent per email (nodemailer's work alone). */
  cpuMsPerEmail: number;
}

// The merge data of every bench message (the workers render it; the ceiling sends it rendered).
const PAYLOAD = { contact: { firstName: 'Bench' }, signInLink: 'http://127.0.0.1/portal/sign-in' };

/** Messages sent untimed first, by the ceiling and by each worker: both are measured warm (JIT), as a worker runs. */
const warmUpCount = (messages: number) => Math.min(500, Math.ceil(messages / 4));

/**
 * Pooled nodemailer straight to the sink: the rate the outbox could reach at best. It sends the very
 * email a worker sends (the same kind rendered in the layout, HTML and text, the same headers), rendered
 * once: a bare "Hello" skips MIME encoding of the HTML part, which is most of a send's CPU.
 */
export async function nodemailerCeiling(sinkPort: number, messages: number): Promise<CeilingResult> {
  const email = await renderMessage(passwordChangedKind, passwordChangedKind.defaultTemplate, PAYLOAD);
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: sinkPort,
    pool: true,
    maxConnections: 5,
    ignoreTLS: true,
  });
  const send = (count: number, prefix: string) =>
    Promise.all(
      Array.from({ length: count }, (_, index) =>
        transport.sendMail({
          from: 'Portico <no-reply@portico.test>',
          to: `${prefix}-${index}@bench.test`,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: `<${prefix}-${index}@portico.outbox>`,
          headers: { 'Idempotency-Key': `${prefix}-${index}` },
        }),
      ),
    );
  try {
    await send(warmUpCount(messages), 'ceiling-warm-up');
    const started = performance.now();
    const cpu = process.cpuUsage();
    await send(messages, 'ceiling');
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { perSecond: messages / seconds, cpuMsPerEmail: (used.user + used.system) / 1000 / messages };
  } finally {
    transport.close();
  }
}

/**
 * Has `workers` worker processes deliver a warm-up batch, then enqueues `messages` rows at once and
 * times them from the first claim until every one is sent. The workers find the rows by polling; the
 * wait for their next poll is latency, not delivery rate.
 */
export async function outboxRun(options: {
  url: string;
  sink: ChildProcess;
  sinkPort: number;
  workers: number;
  messages: number;
  run: number;
  /** Node options for the workers (`--cpu-prof`). */
  nodeOptions?: string[];
}): Promise<OutboxResult> {
  const { url, sink, workers, messages, run } = options;
  const env = { DATABASE_URL: url, SMTP_URL: `smtp://127.0.0.1:${options.sinkPort}`, LOG_LEVEL: 'warn' };
  const processes = await Promise.all(
    Array.from({ length: workers }, () => startPortico('worker', env, 'is delivering', options.nodeOptions)),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const insert = async (prefix: string, count: number) => {
    const now = new Date().toISOString();
    await client.query(
      `insert into outbox_messages (id, kind, channel, recipients_json, payload_json, status, attempts, next_attempt_at, created_at, updated_at, captured)
       select '${prefix}-' || i, 'password_changed', 'email', '["${prefix}-' || i || '@bench.test"]',
         $2, 'queued', 0, $1, $1, $1, 0
       from generate_series(1, ${count}) as s(i)`,
      [now, JSON.stringify(PAYLOAD)],
    );
  };
  const count = async (prefix: string, statuses: string) => {
    const { rows } = await client.query(
      `select count(*)::int as n from outbox_messages where id like '${prefix}-%' and status in (${statuses})`,
    );
    return rows[0].n as number;
  };
  /** Polls until `count` messages of `prefix` are finished; returns how many are, and since when the first was claimed. */
  const waitFor = async (prefix: string, total: number) => {
    const deadline = performance.now() + 300_000;
    let started = Number.NaN;
    let done = 0;
    while (done < total && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      if (Number.isNaN(started)) {
        if ((await count(prefix, `'queued'`)) < total) started = performance.now();
        continue;
      }
      done = await count(prefix, `'sent', 'dead'`);
    }
    return { done, seconds: (performance.now() - started) / 1000 };
  };
  try {
    const warmUp = warmUpCount(messages);
    await insert(`bench-warm-up-${run}`, warmUp);
    await waitFor(`bench-warm-up-${run}`, warmUp);
    await ask(sink, 'reset');
    const workerCpu = () => processes.reduce((sum, child) => sum + cpuSeconds(child.pid!), 0);
    const cpuBefore = workerCpu();
    await insert(`bench-${run}`, messages);
    const { done, seconds } = await waitFor(`bench-${run}`, messages);
    const cpuMsPerEmail = ((workerCpu() - cpuBefore) * 1000) / messages;
    const stats = await ask<{ messages: number; distinct: number }>(sink, 'stats');
    return {
      workers,
      messages,
      perSecond: done / seconds,
      received: stats.messages,
      duplicates: stats.messages - stats.distinct,
      lost: messages - stats.distinct,
      cpuMsPerEmail,
    };
  } finally {
    await client.end();
    await Promise.all(processes.map(stop));
  }
}
