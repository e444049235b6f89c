// Builds the web app into the Python package: src/newsgraph/serve/static/.
// node build.mjs   (scripts/build-web.sh runs npm ci first)
import {build} from 'esbuild';
import {copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'newsgraph', 'serve', 'static');
rmSync(out, {recursive: true, force: true});
mkdirSync(out, {recursive: true});

const common = {bundle: true, minify: true, target: ['es2020'], legalComments: 'none', logLevel: 'info', charset: 'utf8'};
// The app: ES modules with code splitting, so the network (sigma) and the map (world outlines)
// load only on their pages.
await build({
  ...common,
  entryPoints: {app: join(here, 'src', 'main.js')},
  outdir: out,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  loader: {'.json': 'json'},
  metafile: false,
});
// The layout worker: one classic script.
await build({...common, entryPoints: {'layout-worker': join(here, 'src', 'layout-worker.js')}, outdir: out, format: 'iife'});
copyFileSync(join(here, 'src', 'index.html'), join(out, 'index.html'));
// The interactive API docs (/docs): Swagger UI as its package ships it, and our page over it.
const swagger = join(here, 'node_modules', 'swagger-ui-dist');
mkdirSync(join(out, 'docs'), {recursive: true});
for (const name of ['swagger-ui-bundle.js', 'swagger-ui.css']) copyFileSync(join(swagger, name), join(out, 'docs', name));
copyFileSync(join(here, 'src', 'docs.html'), join(out, 'docs', 'index.html'));
copyFileSync(join(here, 'src', 'docs.js'), join(out, 'docs', 'docs.js'));

// The licenses of every npm package that ends up in the bundles (the runtime dependencies).
const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));
const notices = ['Third-party software bundled in the newsgraph web app (built from npm by scripts/build-web.sh).', ''];
for (const [where, info] of Object.entries(lock.packages).sort()) {
  if (!where.startsWith('node_modules/') || info.dev) continue;
  const dir = join(here, where);
  const file = existsSync(dir) ? readdirSync(dir).find((name) => /^(LICEN[CS]E|COPYING)/i.test(name)) : null;
  notices.push('='.repeat(78), `${where.slice('node_modules/'.length)} ${info.version} (${info.license || 'see below'})`, '='.repeat(78));
  notices.push(file ? readFileSync(join(dir, file), 'utf8').trim() : '(no license file in the package)', '');
}
notices.push('The country outlines (world-atlas) are made from Natural Earth data, which is in the public domain.');
writeFileSync(join(out, 'THIRD_PARTY_LICENSES.txt'), notices.join('\n') + '\n');
console.log('built:', readdirSync(out).join(', '));
