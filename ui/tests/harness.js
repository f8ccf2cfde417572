// Test harness: serves ui/app over HTTP on 127.0.0.1 (ES modules do not load from
// file://), starts Debian's Chromium through playwright-core, and opens the app with the
// mocked IPC of mock-backend.js.
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const appDir = join(here, '..', 'app');
const repo = join(here, '..', '..');
export const screenshotDir = process.env.KHCDS_SCREENSHOTS || join(repo, 'target', 'screenshots');

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.woff2': 'font/woff2' };

export function startServer() {
  const server = createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(appDir, url === '/' ? 'index.html' : url));
    if (!file.startsWith(appDir) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; script-src 'self'" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

const framework = JSON.parse(readFileSync(join(repo, 'assets/framework/khung-2026-2030.json'), 'utf8'));
const legal = JSON.parse(readFileSync(join(repo, 'assets/catalog/legal-documents.json'), 'utf8')).documents;
const bodies = JSON.parse(readFileSync(join(repo, 'assets/catalog/bodies.json'), 'utf8'));
const units = JSON.parse(readFileSync(join(repo, 'assets/catalog/units.json'), 'utf8')).units;
// Citations as the engine writes them are not needed to test the UI: a simple form.
const citations = Object.fromEntries(legal.map((d) => [d.id, `${d.number ? d.number + ' ' : ''}${d.issuer} ${d.title}`]));
const mockSource = readFileSync(join(here, 'mock-backend.js'), 'utf8');

/** The engine's sample plan, findings and page preview (`examples/ui_fixture.rs`), made
 * once per run (or read from KHCDS_UI_FIXTURE, the example's output saved earlier): the
 * mock serves them rather than re-implementing the engine. */
let fixture = null;
function engineFixture() {
  if (!fixture) {
    const out = process.env.KHCDS_UI_FIXTURE ? readFileSync(process.env.KHCDS_UI_FIXTURE)
      : execFileSync('cargo', ['run', '--quiet', '--locked', '--example', 'ui_fixture'], { cwd: repo, maxBuffer: 64 << 20 });
    fixture = JSON.parse(out.toString('utf8'));
  }
  return fixture;
}

/** Opens the app with the mock. opts: openPlan, sample (the engine's sample plan), filled,
 * recent, delay, applyDelayMs, dialogOpen, dialogSave, holder, pkcs11Module, viewport. */
export async function openApp(browser, baseUrl, opts = {}) {
  const context = await browser.newContext({ viewport: opts.viewport || { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const config = { framework, catalog: { legal_documents: legal, bodies, units, citations }, delay: 300, fixture: engineFixture(), ...opts };
  await page.addInitScript(`${mockSource.replace(/^\/\/.*$/gm, '')}`.replace('(function install(config)', 'window.__installMock = (function install(config)') + `;window.__installMock(${JSON.stringify(config)});`);
  await page.goto(baseUrl);
  await page.waitForSelector('body[data-ready="1"]');
  page.errors = errors;
  return page;
}

export async function shot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `ui-${name}.png`);
  await page.screenshot({ path });
  return path;
}

export const calls = (page, cmd) => page.evaluate((c) => window.__mock.calls.filter((x) => x.cmd === c).map((x) => x.args), cmd);
export const mockPlan = (page) => page.evaluate(() => window.__mock.plan);
export { framework };
