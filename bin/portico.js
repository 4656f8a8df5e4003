#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so there is no separate server build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/server/main.ts');
await runCli(process.argv.slice(2));
