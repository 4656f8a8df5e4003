import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const MANTINE_STYLES = join(ROOT, 'node_modules/@mantine/core/styles');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

// The web app imports Mantine's stylesheet per component (ui/mantine-styles.ts) instead of all of it.
describe('Mantine stylesheets', () => {
  const listed = [
    ...readFileSync(join(ROOT, 'src/web/ui/mantine-styles.ts'), 'utf8').matchAll(/styles\/(\w+)\.css/g),
  ].map((match) => match[1]!);

  it('include one for every Mantine component the app uses', () => {
    const used = new Set(
      sourceFiles(join(ROOT, 'src/web')).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/import \{([^}]*)\} from '@mantine\/core'/g)].flatMap((match) =>
          match[1]!.split(',').map((name) => name.trim().replace(/^type /, '')),
        ),
      ),
    );
    const missing = [...used].filter(
      (name) => existsSync(join(MANTINE_STYLES, `${name}.css`)) && !listed.includes(name),
    );
    expect(missing, 'add these to src/web/ui/mantine-styles.ts, in the order of @mantine/core/styles.css').toEqual([]);
  });

  it('keep the order of @mantine/core/styles.css, which later rules rely on', () => {
    const bundle = readFileSync(join(ROOT, 'node_modules/@mantine/core/styles.css'), 'utf8');
    const offsets = listed.map((name) =>
      bundle.indexOf(
        readFileSync(join(MANTINE_STYLES, `${name}.css`), 'utf8')
          .trim()
          .slice(0, 120),
      ),
    );
    expect(offsets.every((offset) => offset >= 0)).toBe(true);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });
});
