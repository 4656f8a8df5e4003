import nodemailer from 'nodemailer';
import pg from 'pg';
import type { ChildProcess } from 'node:child_process';
import { ask, startPortico, stop } from './processes.ts';

export interface OutboxResult {
  workers: number;
  messages: number;
  perSecond: number;
  received: number;
  duplicates: number;
  lost: number;
}

/** Pooled nodemailer straight to the sink: the rate the outbox could reach at best. */
export async function nodemailerCeiling(sinkPort: number, messages: number): Promise<number> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: sinkPort,
    pool: true,
    maxConnections: 5,
    ignoreTLS: true,
  });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: messages }, (_, index) =>
      transport.sendMail({
        from: 'bench@portico.test',
        to: `ceiling-${index}@bench.test`,
        subject: 'Bench',
        text: 'Hello',
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return messages / seconds;
}

/** Enqueues `messages` rows at once, then times `workers` worker processes until every one is sent. */
export async function outboxRun(options: {
  url: string;
  sink: ChildProcess;
  sinkPort: number;
  workers: number;
  messages: number;
  run: number;
}): Promise<OutboxResult> {
  const { url, sink, workers, messages, run } = options;
  await ask(sink, 'reset');
  const env = { DATABASE_URL: url, SMTP_URL: `smtp://127.0.0.1:${options.sinkPort}`, LOG_LEVEL: 'warn' };
  const processes = await Promise.all(
    Array.from({ length: workers }, () => startPortico('worker', env, 'is delivering')),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const now = new Date().toISOString();
    await client.query(
      `insert into outbox_messages (id, kind, channel, recipients_json, payload_json, status, attempts, next_attempt_at, created_at, updated_at, captured)
       select 'bench-${run}-' || i, 'password_changed', 'email', '["m${run}-' || i || '@bench.test"]',
         '{"contact":{"firstName":"Bench"},"signInLink":"http://127.0.0.1/portal/sign-in"}', 'queued', 0, $1, $1, $1, 0
       from generate_series(1, ${messages}) as s(i)`,
      [now],
    );
    const started = performance.now();
    const deadline = started + 300_000;
    let done = 0;
    while (done < messages && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const { rows } = await client.query(
        `select count(*)::int as n from outbox_messages where id like 'bench-${run}-%' and status in ('sent', 'dead')`,
      );
      done = rows[0].n;
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = await ask<{ messages: number; distinct: number }>(sink, 'stats');
    return {
      workers,
      messages,
      perSecond: done / seconds,
      received: stats.messages,
      duplicates: stats.messages - stats.distinct,
      lost: messages - stats.distinct,
    };
  } finally {
    await client.end();
    await Promise.all(processes.map(stop));
  }
}
