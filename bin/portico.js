#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so there is no separate server build step.
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

// V8 lets the old generation grow to 4× what survived the last full collection when its heap limit is
// large, and that limit scales with the machine's memory: under mixed load serve's ~50 MB of live heap
// swung up to ~200 MB between collections (RSS 310–390 MB). Doubling at most keeps the peak near 220 MB
// at the cost of more frequent full collections. Read by V8 at every collection, so it applies from here;
// `node --heap-growing-percent=N bin/portico.js` still chooses another.
if (!process.execArgv.some((flag) => flag.startsWith('--heap-growing-percent'))) {
  setFlagsFromString('--heap-growing-percent=100');
}

// Password hashing runs on libuv's pool (4 threads by default), which starts with the first task that
// needs it: sized here, before anything is imported, so every core can hash at once.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, availableParallelism()));
const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('../src/server/main.ts');
await runCli(process.argv.slice(2));
