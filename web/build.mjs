// Builds the web pages into one folder: each page's TypeScript bundled by esbuild (one ES module per
// page, no runtime dependency, nothing fetched from a CDN), each page's HTML composed from the one
// layout (web/html/layout.html: head, skip link, header, main) and the page's own main, and the
// static files (CSS) copied as they are.
// Usage: node web/build.mjs <output folder>. The Workflow project runs it during `dotnet build`
// (eng/Web.targets) and embeds the output; both hosts serve it at /api/pages/.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'dist'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// The workspaces, in the order of the navigation: <name>.html runs src/pages/<name>.ts, which fills
// the main of web/html/workspace.html; the title is the tab's (before " – Partenariat") and the
// heading's, the label the navigation's.
const workspaces = [
  { name: 'bailleur', label: 'Bailleurs', title: 'Espace bailleur' },
  { name: 'instruction', label: 'Instruction', title: 'Instruction des demandes' },
  { name: 'pilotage', label: 'Comité de pilotage', title: 'Comité de pilotage' },
  { name: 'exploitation', label: 'Exploitation', title: 'Exploitation' },
];

await build({
  entryPoints: workspaces.map(({ name }) => join(here, 'src', 'pages', `${name}.ts`)),
  outdir: out,
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});

const html = (file) => readFileSync(join(here, 'html', file), 'utf8');

/** Replaces each {{name}} in the template by its value; a name without a value stops the build. */
function fill(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`web/html: {{${name}}} has no value`);
    return values[name];
  });
}

/** A page: the layout filled with the page's parts, without the lines a missing part leaves empty. */
function page(file, parts) {
  const text = fill(html('layout.html'), parts).replace(/^[ \t]*\n/gm, '');
  writeFileSync(join(out, file), text);
}

function navigation(current) {
  const items = workspaces.map((space) =>
    `        <li><a href="${space.name}.html"${space === current ? ' aria-current="page"' : ''}>${space.label}</a></li>`);
  return ['    <nav aria-label="Espaces">', '      <ul>', ...items, '      </ul>', '    </nav>'].join('\n');
}

page('index.html', { title: 'Accueil', script: '', home: ' aria-current="page"', nav: '', main: html('home.html').trimEnd() });
for (const space of workspaces) {
  page(`${space.name}.html`, {
    title: space.title,
    script: `  <script type="module" src="${space.name}.js"></script>`,
    home: '',
    nav: navigation(space),
    main: fill(html('workspace.html'), { title: space.title }).trimEnd(),
  });
}

cpSync(join(here, 'static'), out, { recursive: true });
console.log(`web pages built into ${out}`);
