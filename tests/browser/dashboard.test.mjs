// dashboard.test.mjs: the ties dashboard in a real browser.
//
//   node tests/browser/dashboard.test.mjs --ties build/ties [--port N] [--out DIR] [--work DIR]
//                                         [--docs-screenshot docs/images/dashboard.png] [--db FILE]
//
// Builds a small database with `ties ingest` (samples/, the seed article from
// ../shared/seed when present, and one article carrying script payloads),
// starts `ties serve` on a loopback port, and drives Debian's chromium
// (headless, through playwright-core) through every page: search, the seed
// article with Aida Balayeva and her quotes highlighted, the KAZ-CHN dyad
// chart, network, map, quotes, entities, stats and sources (empty, then after
// `ties fetch` from a loopback news site started here, 127.0.0.1 only). Each
// step saves a screenshot in --out. Every request the page makes must stay on the loopback
// server (the dashboard works offline), no console error or CSP violation may
// occur, and no script from an article may run.
//
// Exit codes: 0 passed, 1 failed, 77 skipped (chromium, node_modules or the
// built dashboard missing; CTest maps 77 to "skipped").
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = 77;
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const tiesBin = resolve(arg('ties', join(repo, 'build', 'ties')));
const port = Number(arg('port', '0'));  // 0: ties serve picks a free port and prints it
const outDir = resolve(arg('out', join(repo, 'build', 'browser-screenshots')));
const workDir = resolve(arg('work', join(repo, 'build', 'browser-work')));
const docsShot = arg('docs-screenshot', '');
const givenDb = arg('db', '');  // serve this database instead of ingesting one (it should hold the probe article)
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const webDir = process.env.TIES_WEB_DIR || join(repo, 'web', 'dist');
const seedPath = join(repo, '..', 'shared', 'seed', 'xinhua-2025-06-17-kazakhstan-china.txt');

function skip(message) {
  console.log(`SKIP: ${message}`);
  process.exit(SKIP);
}

if (!existsSync(chromiumPath)) skip(`${chromiumPath} not found (apt-get install -y chromium)`);
let chromium;
try {
  chromium = createRequire(join(repo, 'web', 'package.json'))('playwright-core').chromium;
} catch (err) {
  skip('playwright-core is not installed (npm ci --prefix web)');
}
if (!existsSync(join(webDir, 'index.html'))) skip(`${webDir}/index.html missing (npm run build --prefix web)`);
if (!existsSync(tiesBin)) {
  console.error(`FAIL: no ties binary at ${tiesBin}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------

const failures = [];
function check(condition, message) {
  if (condition) {
    console.log(`  ok   ${message}`);
  } else {
    console.log(`  FAIL ${message}`);
    failures.push(message);
  }
}

const XSS_ARTICLE = {
  id: 'probe/xss 1?x=<b>#frag',  // slashes, spaces, ? and # must survive the URL round trips
  title: '<script>window.__xss = "title"</script>Kazakhstan <img src=x onerror="window.__xss=\'img\'">',
  source: 'Probe Wire',
  published: '2025-06-20',
  url: 'javascript:window.__xss="url"',
  text: 'ASTANA, June 20 (Probe Wire) -- <script>window.__xss = "text"</script> Kazakhstan and China '
    + 'held talks on probewidgets. "<img src=x onerror=window.__xss=1> We agree on everything," said Kazakh Foreign '
    + 'Minister Murat Nurtleu. <b onmouseover="window.__xss=2">bold</b>',
};

function buildDatabase() {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  if (givenDb) return resolve(givenDb);
  const probe = join(workDir, 'probe.jsonl');
  writeFileSync(probe, `${JSON.stringify(XSS_ARTICLE)}\n`);
  const inputs = [join(repo, 'samples'), probe];
  if (existsSync(seedPath)) inputs.push(seedPath);
  const db = join(workDir, 'browser.db');
  const started = Date.now();
  const run = spawnSync(tiesBin, ['--db', db, 'ingest', '--quiet', ...inputs], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`ties ingest failed with exit code ${run.status}`);
  }
  console.log(`ingested ${inputs.length} inputs into ${db} in ${Date.now() - started} ms`);
  return db;
}

// A news site on 127.0.0.1 for the Sources page: "Loopback Wire" has an RSS
// feed of two articles (invented text), "Broken Desk" a feed that answers 500.
function articleHtml(title, place) {
  const body = [0, 1, 2].map((i) => `<p>Delegates meeting in ${place} agreed on Tuesday to extend the river `
    + `monitoring programme for another season, part ${i + 1} of the statement said.</p>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>`
    + '<meta property="article:published_time" content="2026-11-03T09:00:00Z"></head>'
    + `<body><article><h1>${title}</h1>${body}</article></body></html>`;
}

async function startNewsSite() {
  const routes = new Map();
  const server = createServer((req, res) => {
    const route = routes.get(req.url);
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not here');
      return;
    }
    res.writeHead(route.status, { 'Content-Type': route.type });
    res.end(route.body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const url = (path) => `http://127.0.0.1:${server.address().port}${path}`;
  routes.set('/news/river-talks', { status: 200, type: 'text/html; charset=utf-8', body: articleHtml('River talks extended', 'Almaty') });
  routes.set('/news/river-data', { status: 200, type: 'text/html; charset=utf-8', body: articleHtml('River data shared', 'Bishkek') });
  const items = ['/news/river-talks', '/news/river-data']
    .map((p, i) => `<item><title>Item ${i}</title><link>${url(p)}</link><pubDate>Tue, 03 Nov 2026 09:00:00 +0000</pubDate></item>`);
  routes.set('/feed.xml', { status: 200, type: 'application/rss+xml',
    body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Loopback Wire</title>${items.join('')}</channel></rss>` });
  routes.set('/broken/feed.xml', { status: 500, type: 'text/plain', body: 'down for maintenance' });
  return { server, url };
}

// `ties fetch --sources` from the loopback site into `db` (while ties serve is running).
async function fetchIntoDatabase(db) {
  const site = await startNewsSite();
  try {
    const sources = join(workDir, 'sources.toml');
    writeFileSync(sources, `[[source]]\nname = "Loopback Wire"\nurl = "${site.url('/feed.xml')}"\n\n`
      + `[[source]]\nname = "Broken Desk"\nurl = "${site.url('/broken/feed.xml')}"\n`);
    // spawn, not spawnSync: the site answers from this process's event loop.
    const fetcher = spawn(tiesBin, ['--db', db, 'fetch', '--sources', sources, '--capture', join(workDir, 'capture'),
      '--retries', '0', '--rate', '1000', '--user-agent', 'ties-browser-test/1.0', '--quiet'], { stdio: ['ignore', 'inherit', 'inherit'] });
    const code = await new Promise((done) => fetcher.on('exit', done));
    // 1: some URLs failed (the broken desk), the rest stored.
    if (code !== 1) throw new Error(`ties fetch exited with ${code}, expected 1 (one failing source)`);
  } finally {
    site.server.close();
  }
}

async function startServer(db) {
  const server = spawn(tiesBin, ['--db', db, 'serve', '--port', String(port), '--web', webDir, '--quiet'],
    { stdio: ['ignore', 'inherit', 'pipe'] });
  // The first stderr line names the URL (with the port actually bound).
  let base = '';
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    const m = /ties serve: (http:\/\/[^/\s]+)\//.exec(chunk);
    if (m && !base) base = m[1];
  });
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null) throw new Error(`ties serve exited with ${server.exitCode}`);
    if (base) {
      try {
        const res = await fetch(`${base}/api/health`);
        if (res.ok) return { server, base };
      } catch (_) { /* not up yet */ }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill('SIGTERM');
  throw new Error('ties serve did not answer within 20 s');
}

async function shot(page, name) {
  const path = join(outDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`  shot ${path}`);
}

async function main() {
  const db = buildDatabase();
  const { server, base } = await startServer(db);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const problems = [];
  const external = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    // Offline: anything that is not our loopback server is refused and recorded.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

    console.log('search');
    await page.goto(`${base}/#/search`);
    await page.waitForSelector('#results li.hit');
    const initial = await page.locator('#results li.hit').count();
    check(initial > 0, `search lists articles (${initial})`);
    await shot(page, '01-search');

    await page.fill('#search-form input[name=q]', 'Kazakhstan');
    await Promise.all([page.waitForURL(/q=Kazakhstan/), page.click('#search-form button[type=submit]')]);
    await page.waitForSelector('#results li.hit');
    const hits = await page.locator('#results li.hit').count();
    check(hits > 0, `search for Kazakhstan finds ${hits} articles`);
    check(await page.locator('#results .snippet mark').count() > 0, 'snippets highlight the matched words');

    if (existsSync(seedPath)) {
      console.log('seed article');
      await page.fill('#search-form input[name=q]', 'Balayeva');
      await Promise.all([page.waitForURL(/q=Balayeva/), page.click('#search-form button[type=submit]')]);
      const seedLink = page.locator('#results li.hit a.hit-title').first();
      await seedLink.waitFor();
      check((await seedLink.textContent()).includes('Cultural exchanges'), 'the seed article is found by Balayeva');
      await seedLink.click();
      await page.waitForSelector('#article-text mark');
      const balayeva = page.locator('#article-text mark.ent[data-canonical="Aida Balayeva"]');
      check(await balayeva.count() >= 1, `Aida Balayeva is highlighted (${await balayeva.count()} mentions)`);
      check((await balayeva.first().getAttribute('class')).includes('ent-PERSON'), 'Aida Balayeva is marked as a person');
      const quotes = page.locator('#article-text mark.quote');
      check(await quotes.count() >= 2, `quotes are highlighted (${await quotes.count()})`);
      const hers = page.locator('#article-text mark.quote[data-speaker="Aida Balayeva"]');
      check(await hers.count() >= 1, `quotes are attributed to Aida Balayeva (${await hers.count()})`);
      await hers.first().hover();
      check((await hers.first().getAttribute('title')).includes('Aida Balayeva'), 'hovering a quote names its speaker');
      check(await page.locator('#article-text mark.pair').count() >= 1, 'hovering a quote lights up its speaker');
      check(await page.locator('#article-text mark.place').count() >= 1, 'places are highlighted');
      check(await page.locator('#quote-list li').count() >= 2, 'the quote panel lists the quotes');
      await shot(page, '02-article');
      if (docsShot) {
        await page.screenshot({ path: resolve(docsShot), clip: { x: 0, y: 0, width: 1360, height: 900 } });
        console.log(`  shot ${resolve(docsShot)}`);
      }
    } else {
      console.log(`  note ${seedPath} is absent: seed checks skipped`);
    }

    console.log('script payloads stay text');
    await page.goto(`${base}/#/search?q=${encodeURIComponent('probewidgets')}`);
    const probeLink = page.locator('#results a.hit-title').first();
    await probeLink.waitFor();
    await probeLink.click();
    await page.waitForSelector('#article-text');
    check(await page.getAttribute('article', 'data-id') === XSS_ARTICLE.id, 'an id with / ? # and spaces round-trips');
    const xss = await page.evaluate(() => window.__xss);
    check(xss === undefined, `no script from the article ran (window.__xss = ${xss})`);
    const title = await page.locator('#article-title').textContent();
    check(title.includes('<script>') && title.includes('<img'), 'the title shows the markup as text');
    check(await page.locator('#article-text script, #article-text img, #article-text b, article h1 script').count() === 0,
      'no element was created from article markup');
    const hrefs = await page.locator('article a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    check(!hrefs.some((href) => href.toLowerCase().startsWith('javascript:')), 'a javascript: URL never becomes a link');
    await shot(page, '03-xss-probe');

    console.log('dyad KAZ-CHN');
    await page.goto(`${base}/#/dyad/KAZ/CHN`);
    await page.waitForSelector('#dyad-counts[data-points]');
    const points = Number(await page.getAttribute('#dyad-counts', 'data-points'));
    const articles = Number(await page.getAttribute('#dyad-counts', 'data-articles'));
    check(points > 0 && articles > 0, `the KAZ-CHN chart has data (${points} periods, ${articles} articles)`);
    const painted = await page.evaluate(() => {
      const canvas = document.getElementById('dyad-counts');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      return inked;
    });
    check(painted > 500, `the chart is drawn (${painted} painted pixels)`);
    check(await page.locator('#dyad-table tbody tr').count() === points, 'the table lists every period');
    await shot(page, '04-dyad');

    console.log('network');
    await page.goto(`${base}/#/network`);
    await page.waitForSelector('#network-graph[data-edges]');
    const edges = Number(await page.getAttribute('#network-graph', 'data-edges'));
    check(edges > 0, `the country network has links (${edges})`);
    check(await page.locator('#network-graph canvas').count() > 0, 'the network is drawn');
    await shot(page, '05-network');

    console.log('map');
    await page.goto(`${base}/#/map`);
    await page.waitForSelector('#world-map[data-points]');
    const places = Number(await page.getAttribute('#world-map', 'data-points'));
    check(places > 0, `the map shows places (${places})`);
    check(await page.locator('#world-map path.country').count() > 100, 'the offline world outline is drawn');
    check(await page.locator('#world-map path.country.shaded').count() > 0, 'mentioned countries are shaded');
    await shot(page, '06-map');

    console.log('quotes');
    await page.goto(`${base}/#/quotes?country=KAZ`);
    await page.waitForSelector('#quotes li');
    check(await page.locator('#quotes li.quote-item').count() > 0, 'the quote explorer lists Kazakh speakers');
    await shot(page, '07-quotes');

    console.log('entities and stats');
    await page.goto(`${base}/#/entities?type=PERSON`);
    await page.waitForSelector('#entities tbody tr');
    check(await page.locator('#entities tbody tr').count() > 0, 'the entity list has people');
    await page.goto(`${base}/#/stats`);
    await page.waitForSelector('#stats-cards .card');
    const stored = await page.locator('#stats-cards [data-metric=articles] .card-value').textContent();
    check(Number(stored.replace(/,/g, '')) >= 10, `stats count the articles (${stored})`);
    await shot(page, '08-stats');

    console.log('sources');
    await page.goto(`${base}/#/sources`);
    if (!givenDb) {
      await page.waitForSelector('#sources-empty');
      check(true, 'the sources page says when nothing was fetched');
      await fetchIntoDatabase(db);
      await page.reload();
    }
    await page.waitForSelector('#sources tbody tr, #sources-empty');
    check(await page.locator('#nav a.active[data-page=sources]').count() === 1, 'the navigation marks Sources');
    const rows = await page.locator('#sources tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      source: tr.dataset.source, failing: tr.classList.contains('failing'), cells: [...tr.cells].map((td) => td.textContent) })));
    if (!givenDb) {
      const utc = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
      check(rows.length === 2, `both fetched sources are listed (${rows.length})`);
      const [broken, wire] = rows;
      check(broken?.source === 'Broken Desk' && broken.failing, 'the failing source comes first and is marked');
      check(broken && broken.cells[1] === '–' && utc.test(broken.cells[2]) && broken.cells[4] === '1'
        && broken.cells[6] === 'HTTP 500', `its failure, count and error are shown (${broken?.cells.join(' | ')})`);
      check(wire?.source === 'Loopback Wire' && !wire.failing && utc.test(wire.cells[1]) && wire.cells[2] === '–',
        `the healthy source shows its last success (${wire?.cells.join(' | ')})`);
      check(wire && wire.cells[3] === '3' && wire.cells[4] === '0' && wire.cells[5] === '2',
        'the healthy source counts 3 fetches, 0 failures, 2 articles');
      const api = await (await fetch(`${base}/api/sources`)).json();
      check(api.items.length === rows.length, 'the page shows every source of GET /api/sources');
    } else {
      const api = await (await fetch(`${base}/api/sources`)).json();
      check(api.items.length === rows.length, `the page shows every source of the given database (${rows.length})`);
    }
    await shot(page, '09-sources');

    check(external.length === 0, `no request left the machine${external.length ? `: ${external.slice(0, 3).join(', ')}` : ''}`);
    check(problems.length === 0, `no console errors or CSP violations${problems.length ? `: ${problems.slice(0, 5).join(' | ')}` : ''}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

try {
  await main();
} catch (err) {
  console.error(`FAIL: ${err.stack || err}`);
  process.exit(1);
}
if (failures.length) {
  console.log(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log(`all checks passed; screenshots in ${outDir}`);
process.exit(0);
