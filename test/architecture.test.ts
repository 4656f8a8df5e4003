import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every relative import of every source file under `folder`, resolved to a path from the repository root. */
function importsUnder(folder: string): Array<{ file: string; target: string }> {
  return sourceFiles(join(ROOT, folder)).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((match) => ({
      file: relative(ROOT, file),
      target: relative(ROOT, resolve(dirname(file), match[1]!)),
    })),
  );
}

// style.md: features are reached only through their index.ts; the two web surfaces share only ui/,
// api/ and shared/; the web app never imports server code.
describe('module boundaries', () => {
  it('reaches another server feature only through its index.ts', () => {
    const crossings = importsUnder('src/server/features').filter(({ file, target }) => {
      const own = file.split('/')[3];
      const [, , , feature, rest] = target.split('/', 5);
      return target.startsWith('src/server/features/') && feature !== own && rest !== 'index.ts';
    });
    expect(crossings).toEqual([]);
  });

  it('keeps the staff console and the customer portal apart', () => {
    const crossings = importsUnder('src/web').filter(
      ({ file, target }) =>
        (file.startsWith('src/web/portal/') && target.startsWith('src/web/console/')) ||
        (file.startsWith('src/web/console/') && target.startsWith('src/web/portal/')),
    );
    expect(crossings).toEqual([]);
  });

  it('keeps server code out of the web app', () => {
    expect(importsUnder('src/web').filter(({ target }) => target.startsWith('src/server/'))).toEqual([]);
  });

  it('has no runtime import cycle in the web app', () => {
    expect(runtimeImportCycles('src/web')).toEqual([]);
  });
});

/** Cycles among value imports (`import type` is erased at build time and cannot form one). */
function runtimeImportCycles(folder: string): string[][] {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(join(ROOT, folder))) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from '(\.[^']+)'/gm)]
      .filter((match) => !match[1])
      .map((match) => relative(ROOT, resolve(dirname(file), match[2]!)));
    graph.set(relative(ROOT, file), targets);
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(file)), file]);
      return;
    }
    state.set(file, 'visiting');
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}
