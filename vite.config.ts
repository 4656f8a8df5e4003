import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const OUT_DIR = 'dist/web';

/** Writes .br and .gz beside every text asset once, at build time; the server sends them as they are. */
function precompress(): Plugin {
  return {
    name: 'portico-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of filesUnder(OUT_DIR)) {
        if (!/\.(js|css|html|svg|json)$/.test(file)) continue;
        const content = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}

export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  // The manifest maps each source module to its chunks; test/web-budgets.test.ts reads it.
  build: { outDir: `../../${OUT_DIR}`, emptyOutDir: true, manifest: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});
