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
    [...readFileSync(file, 'utf8').matchAll(/(?:from |import\(?)'(\.[^']+)'/g)].map((match) => ({
      file: relative(ROOT, file),
      target: relative(ROOT, resolve(dirname(file), match[1]!)),
    })),
  );
}

// Features are reached only through their index.ts; the three web surfaces share only ui/,
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

  it('keeps the staff console, the customer portal and the pro page apart', () => {
    const surfaces = ['src/web/console/', 'src/web/portal/', 'src/web/pro/'];
    const crossings = importsUnder('src/web').filter(({ file, target }) =>
      surfaces.some(
        (own) => file.startsWith(own) && !target.startsWith(own) && surfaces.some((other) => target.startsWith(other)),
      ),
    );
    expect(crossings).toEqual([]);
  });

  it('keeps server code out of the web app', () => {
    expect(importsUnder('src/web').filter(({ target }) => target.startsWith('src/server/'))).toEqual([]);
  });
});

/** Groups of files that import each other, directly or through others (Tarjan's strongly connected components). */
function importCycles(folder: string): string[][] {
  const edges = new Map<string, string[]>();
  for (const { file, target } of importsUnder(folder)) edges.set(file, [...(edges.get(file) ?? []), target]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || edges.get(node)?.includes(node)) cycles.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

// A cycle, even of type-only imports, means two modules cannot be understood (or loaded) one before the other.
describe('import cycles', () => {
  it('has none in the server', () => {
    expect(importCycles('src/server')).toEqual([]);
  });

  it('has none in the web app', () => {
    expect(importCycles('src/web')).toEqual([]);
  });
});
