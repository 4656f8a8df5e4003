import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist/web');
const MANIFEST = join(DIST, '.vite/manifest.json');
const KB = 1024;

// What a first visit downloads before the page shows: the entry plus the lazy route modules the page needs
// (its layout and its page), with everything they import statically. Keys are paths under src/web.
const FIRST_LOADS = [
  { page: 'portal sign-in', modules: ['portal/session/portal-sign-in-page.tsx'], maxJs: 150 * KB },
  {
    page: 'portal home',
    modules: ['portal/home/portal-layout.tsx', 'portal/home/portal-home-page.tsx'],
    maxJs: 150 * KB,
  },
  { page: 'pro sign-in', modules: ['pro/pro-sign-in-page.tsx'], maxJs: 150 * KB },
  {
    page: 'pro services',
    modules: ['pro/pro-layout.tsx', 'pro/pro-assignments-page.tsx'],
    maxJs: 150 * KB,
  },
  { page: 'console sign-in', modules: ['console/session/sign-in-page.tsx'], maxJs: 250 * KB },
  {
    page: 'console customers',
    modules: ['console/console-layout.tsx', 'console/customers/customers-page.tsx'],
    maxJs: 250 * KB,
  },
];
const MAX_CSS = 40 * KB;

type Manifest = Record<string, { file: string; imports?: string[]; css?: string[] }>;
let manifest: Manifest;

/** Builds the web app unless dist/web is newer than every source it is made from (npm test builds first). */
function ensureFreshBuild() {
  const newestSource = Math.max(
    ...['src/web', 'src/shared']
      .flatMap((folder) => filesUnder(join(ROOT, folder)))
      .map((file) => statSync(file).mtimeMs),
    statSync(join(ROOT, 'vite.config.ts')).mtimeMs,
    statSync(join(ROOT, 'package-lock.json')).mtimeMs,
  );
  if (existsSync(MANIFEST) && statSync(MANIFEST).mtimeMs > newestSource) return;
  // Vitest sets NODE_ENV=test, which would build React's development bundles.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}

function staticClosure(keys: string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...keys];
  while (pending.length) {
    const key = pending.pop()!;
    if (seen.has(key)) continue;
    if (!manifest[key]) throw new Error(`${key} is not a chunk of the build: was the page renamed or made eager?`);
    seen.add(key);
    pending.push(...(manifest[key].imports ?? []));
  }
  return seen;
}

/** The size a browser downloads: the .gz copy the build wrote beside the file (and a .br beside it). */
function gzipBytes(file: string): number {
  expect(existsSync(join(DIST, `${file}.br`)), `${file}.br`).toBe(true);
  return statSync(join(DIST, `${file}.gz`)).size;
}

describe('first-load budgets of the web build', () => {
  beforeAll(() => {
    ensureFreshBuild();
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  }, 240_000);

  it.each(FIRST_LOADS)('$page: JavaScript and CSS within budget (gzip)', ({ modules, maxJs }) => {
    const chunks = [...staticClosure(['index.html', ...modules])].map((key) => manifest[key]!);
    const js = chunks.reduce((total, chunk) => total + gzipBytes(chunk.file), 0);
    const css = [...new Set(chunks.flatMap((chunk) => chunk.css ?? []))].reduce(
      (total, file) => total + gzipBytes(file),
      0,
    );
    expect(js, `JavaScript ${(js / KB).toFixed(1)} KB`).toBeLessThanOrEqual(maxJs);
    expect(css, `CSS ${(css / KB).toFixed(1)} KB`).toBeLessThanOrEqual(MAX_CSS);
  });
});
