// build.mjs: bundles the ties dashboard into web/dist with esbuild.
//
//   npm ci --prefix web && npm run build --prefix web
//
// Output: dist/index.html, dist/app.js, dist/app.css (+ source maps). Everything
// the dashboard needs (charts, graph, world map, country names) is bundled:
// no CDN, no tile server, no web fonts. Country names and ISO numeric codes
// come from Debian's iso-codes (/usr/share/iso-codes/json/iso_3166-1.json) at
// build time; without it the dashboard shows ISO3 codes only.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');
const isoCodes = process.env.TIES_ISO_CODES || '/usr/share/iso-codes/json/iso_3166-1.json';

// Virtual module "ties:countries": { ISO3: [name, numeric] } for the map and pickers.
const countriesPlugin = {
  name: 'ties-countries',
  setup(build) {
    build.onResolve({ filter: /^ties:countries$/ }, (args) => ({ path: args.path, namespace: 'ties-countries' }));
    build.onLoad({ filter: /.*/, namespace: 'ties-countries' }, () => {
      const table = {};
      if (existsSync(isoCodes)) {
        const data = JSON.parse(readFileSync(isoCodes, 'utf8'));
        for (const c of data['3166-1']) table[c.alpha_3] = [c.common_name || c.name, c.numeric];
      } else {
        console.warn(`warning: ${isoCodes} not found (apt-get install iso-codes); country names will be codes`);
      }
      return { contents: `export default ${JSON.stringify(table)};`, loader: 'js' };
    });
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
copyFileSync(join(root, 'src', 'index.html'), join(dist, 'index.html'));
copyFileSync(join(root, 'src', 'favicon.svg'), join(dist, 'favicon.svg'));

const options = {
  entryPoints: { app: join(root, 'src', 'main.js') },  // main.js imports style.css -> app.css
  outdir: dist,
  entryNames: '[name]',
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: !watch,
  sourcemap: true,
  legalComments: 'linked',
  loader: { '.json': 'json' },
  plugins: [countriesPlugin],
  logLevel: 'info',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
