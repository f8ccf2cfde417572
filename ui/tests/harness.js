// Test harness: serves ui/app over HTTP on 127.0.0.1 (ES modules do not load from
// file://), starts Debian's Chromium through playwright-core, and opens the app with the
// mocked IPC of mock-backend.js.
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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

const target = process.env.CARGO_TARGET_DIR || join(repo, 'target');
let engineBin = null;
/** `examples/ui_fixture.rs`, built once per run (the engine as the tests see it). */
function engineBinary() {
  if (!engineBin) {
    execFileSync('cargo', ['build', '--quiet', '--locked', '--example', 'ui_fixture'], { cwd: repo, stdio: 'inherit' });
    engineBin = join(target, 'debug', 'examples', 'ui_fixture');
  }
  return engineBin;
}

/** The engine's vocabulary, sample plan, findings and page preview, made once per run. */
let fixture = null;
function engineFixture() {
  fixture ??= JSON.parse(execFileSync(engineBinary(), { maxBuffer: 64 << 20 }).toString('utf8'));
  return fixture;
}
export const vocabulary = () => engineFixture().vocabulary;

/** One engine process for the run, serving a session per page (`ui_fixture serve`). */
let server = null;
function engine() {
  if (server) return server;
  const child = spawn(engineBinary(), ['serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.unref();
  child.stdout.unref();
  child.stdin.unref();
  const waiting = new Map();
  let nextId = 1;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const reply = JSON.parse(line);
    waiting.get(reply.id)(reply);
    waiting.delete(reply.id);
  });
  server = (session, request) => new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, resolve);
    child.stdin.write(`${JSON.stringify({ ...request, id, session })}\n`);
  });
  return server;
}
let sessions = 0;

/** The plan the page opens with, made by the engine: a whole plan (opts.plan), one of
 * the fixture plans (opts.sample: 'sample' or 'defective'), or a new empty five-year
 * plan (opts.openPlan; opts.filled gives it a header). */
async function startView(call, opts) {
  const made = (reply) => { if (reply.error) throw new Error(reply.error.message); return reply.ok; };
  const plan = opts.plan || (opts.sample && engineFixture()[opts.sample].plan);
  if (plan) return made(await call({ op: 'create', plan }));
  if (!opts.openPlan) return null;
  const view = made(await call({ op: 'create', level: 'tinh', kind: 'five-year' }));
  if (!opts.filled) return view;
  const header = { issuer: 'ỦY BAN NHÂN DÂN TỈNH HÒA SƠN', number: '/KH-UBND', place: 'Hòa Sơn', date: null, subject: 'Chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026–2030' };
  made(await call({ op: 'apply', edit: { op: 'set-header', header } }));
  return made(await call({ op: 'state' }));
}

/** Opens the app with the mock. opts: openPlan, sample (the engine's sample plan), plan,
 * filled, recent, delay, applyDelayMs, dialogOpen, dialogSave, holder, pkcs11Module,
 * viewport, evaluationGuidance. */
export async function openApp(browser, baseUrl, opts = {}) {
  const context = await browser.newContext({ viewport: opts.viewport || { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const session = ++sessions;
  const call = (request) => engine()(session, request);
  await page.exposeFunction('__engine', call);
  const { plan, ...rest } = opts;
  const config = { framework, catalog: { legal_documents: legal, bodies, units, citations }, delay: 300, fixture: engineFixture(), ...rest, view: await startView(call, opts) };
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
