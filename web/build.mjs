// Builds the web pages into one folder: each page's TypeScript bundled by esbuild (one ES module per
// page, no runtime dependency, nothing fetched from a CDN), the HTML and CSS copied as they are.
// Usage: node web/build.mjs <output folder>. The Workflow project runs it during `dotnet build`
// (eng/Web.targets) and embeds the output; both hosts serve it at /api/pages/.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'dist'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const pages = readdirSync(join(here, 'src', 'pages')).filter((f) => f.endsWith('.ts')).map((f) => join(here, 'src', 'pages', f));
await build({
  entryPoints: pages,
  outdir: out,
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
cpSync(join(here, 'static'), out, { recursive: true });
console.log(`web pages built into ${out}`);
