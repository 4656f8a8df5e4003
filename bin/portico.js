#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so there is no separate server build step.
import { availableParallelism } from 'node:os';

// Password hashing runs on libuv's pool (4 threads by default), which starts with the first task that
// needs it: sized here, before anything is imported, so every core can hash at once.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, availableParallelism()));
const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('../src/server/main.ts');
await runCli(process.argv.slice(2));
