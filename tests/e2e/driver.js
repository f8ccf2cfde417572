// A small W3C WebDriver client for tauri-driver (no npm dependency: Node's fetch), plus
// the helpers the end-to-end tests share: starting tauri-driver with private data
// directories, launching the app, screenshots of the Xvfb screen, process memory.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..', '..');
export const appBinary = process.env.KHCDS_APP || join(repo, 'target', 'debug', 'khcds-app');
export const screenshotDir = process.env.KHCDS_SCREENSHOTS || join(repo, 'target', 'screenshots');
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Driver {
  /** Starts tauri-driver on free-ish ports with private KHCDS_HOME / KHCDS_DATA_DIR. */
  static async start() {
    const root = mkdtempSync(join(tmpdir(), 'khcds-e2e-'));
    const dirs = { root, plans: join(root, 'KeHoachCDS'), data: join(root, 'data') };
    mkdirSync(dirs.plans, { recursive: true });
    const port = 20000 + Math.floor(Math.random() * 20000);
    const proc = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
      env: { ...process.env, KHCDS_HOME: dirs.plans, KHCDS_DATA_DIR: dirs.data, TAURI_WEBVIEW_AUTOMATION: 'true', NO_AT_BRIDGE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d) => { stderr += d; });
    const d = new Driver(`http://127.0.0.1:${port}`, proc, dirs);
    for (let i = 0; i < 100; i++) {
      try { if ((await fetch(`${d.base}/status`)).ok) return d; } catch { /* not up yet */ }
      await sleep(100);
    }
    proc.kill();
    throw new Error(`tauri-driver did not start: ${stderr}`);
  }

  constructor(base, proc, dirs) { this.base = base; this.proc = proc; this.dirs = dirs; this.sessions = new Set(); }

  /** Ends the sessions a failed test left open (each closes its app). */
  async quitAll() { for (const s of [...this.sessions]) await s.quit(); }

  async stop() { await this.quitAll(); this.proc.kill(); await sleep(200); }

  /** Sends one request; tauri-driver sometimes drops a proxied request (tauri#6541):
   * resend up to 3 times. */
  async request(method, path, body) {
    let last;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await fetch(`${this.base}${path}`, {
          method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
        });
        const json = await res.json();
        if (json.value && json.value.error) throw Object.assign(new Error(`${json.value.error}: ${json.value.message}`), { webdriver: true });
        return json.value;
      } catch (e) {
        if (e.webdriver) throw e;
        last = e;
        await sleep(300);
      }
    }
    throw last;
  }

  /** Launches the app (a new process) with `args`; resolves once the UI is ready. */
  async launch(args = []) {
    const started = performance.now();
    const value = await this.request('POST', '/session', { capabilities: { alwaysMatch: { 'tauri:options': { application: appBinary, args } } } });
    const s = new Session(this, value.sessionId);
    this.sessions.add(s);
    await s.waitFor(() => s.exec('return document.body.dataset.ready === "1"'), 30000, 'UI ready');
    s.launchMs = performance.now() - started;
    return s;
  }
}

export class Session {
  constructor(driver, id) { this.driver = driver; this.id = id; }
  req(method, path, body) { return this.driver.request(method, `/session/${this.id}${path}`, body); }
  exec(script, ...args) { return this.req('POST', '/execute/sync', { script, args }); }
  async find(css) { return (await this.req('POST', '/element', { using: 'css selector', value: css }))[ELEMENT]; }
  /** Acts on `css` once it can take the action, as a user would wait for it: an element
   * just added (or below the fold, laid out when it comes near: `content-visibility`)
   * has no box until the webview's next rendering update. */
  async act(css, action, body) {
    const end = Date.now() + 3000;
    for (;;) {
      const el = await this.waitForElement(css);
      try { return await this.req('POST', `/element/${el}/${action}`, body); } catch (e) {
        if (!/not interactable/.test(e.message) || Date.now() > end) throw e;
        await sleep(100);
      }
    }
  }
  click(css) { return this.act(css, 'click', {}); }
  type(css, text) { return this.act(css, 'value', { text }); }
  clear(css) { return this.act(css, 'clear', {}); }
  async text(css) { const el = await this.waitForElement(css); return this.req('GET', `/element/${el}/text`); }
  async value(css) { return this.exec('return document.querySelector(arguments[0]).value', css); }
  async waitFor(fn, timeout = 10000, what = 'condition') {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try { last = await fn(); if (last) return last; } catch (e) { last = e; }
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what} (${last instanceof Error ? last.message : last})`);
  }
  waitForElement(css, timeout = 10000) { return this.waitFor(() => this.find(css).catch(() => null), timeout, css); }
  waitGone(css, timeout = 10000) { return this.waitFor(() => this.exec('return !document.querySelector(arguments[0])', css), timeout, `${css} gone`); }
  waitSaved() { return this.waitFor(() => this.exec('return document.querySelector("#save-status").dataset.state === "saved"'), 10000, 'Đã lưu'); }
  async quit() {
    if (!this.driver.sessions.delete(this)) return;
    await this.driver.request('DELETE', `/session/${this.id}`).catch(() => {});
    await sleep(300);
  }
}

/** PNG of the whole Xvfb screen (the real app window), if ImageMagick is there.
 * Without a window manager WebKitGTK paints an unfocused window late: the window gets
 * the focus and a pointer move, and the capture is retried while it is blank or still
 * shows the previous screen. */
let previousShot = null;
export async function screenshot(name, session = null) {
  try {
    // WebKit's own snapshot of the page forces a rendering update first; kept as well.
    if (session) {
      const png = await session.req('GET', '/screenshot');
      mkdirSync(screenshotDir, { recursive: true });
      writeFileSync(join(screenshotDir, `app-${name}.webdriver.png`), Buffer.from(png, 'base64'));
    }
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `app-${name}.png`);
    let bytes = null;
    for (let i = 0; i < 15; i++) {
      try {
        execFileSync('xdotool', ['search', '--name', 'Soạn Kế hoạch', 'windowfocus'], { stdio: 'ignore' });
        execFileSync('xdotool', ['mousemove', String(1300 + (i % 2)), '740'], { stdio: 'ignore' });
      } catch { /* no xdotool: capture anyway */ }
      await sleep(300);
      execFileSync('import', ['-window', 'root', path], { stdio: 'ignore' });
      bytes = readFileSync(path);
      const sd = Number(execFileSync('convert', [path, '-format', '%[fx:standard_deviation]', 'info:']).toString());
      if (sd > 0.01 && !(previousShot && bytes.equals(previousShot))) break;
    }
    previousShot = bytes;
    return path;
  } catch {
    return null;
  }
}

/** The app's process and its descendants (WebKit's web and network processes). */
export function appMemory() {
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const app = pids.find((p) => {
    try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')[0] === appBinary; } catch { return false; }
  });
  if (!app) return null;
  const rss = (pid) => { try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return 0; } };
  // Proportional set size: shared libraries (WebKit, GTK) counted once across processes.
  const pss = (pid) => { try { return Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]); } catch { return 0; } };
  const children = (pid) => {
    const out = [];
    for (const t of existsSync(`/proc/${pid}/task`) ? readdirSync(`/proc/${pid}/task`) : []) {
      try { out.push(...readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)); } catch { /* gone */ }
    }
    return out;
  };
  const all = [app];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]));
  const names = Object.fromEntries(all.map((p) => {
    let n = '?';
    try { n = readFileSync(`/proc/${p}/comm`, 'utf8').trim(); } catch { /* gone */ }
    return [p, { name: n, rssKiB: rss(p), pssKiB: pss(p) }];
  }));
  return { pid: app, appKiB: rss(app), totalKiB: all.reduce((s, p) => s + rss(p), 0), totalPssKiB: all.reduce((s, p) => s + pss(p), 0), processes: names };
}

// --- exports, as the tests read them -------------------------------------------------

/** Exports the open plan in `format` (draft or not) to `path`; resolves when written. */
export async function exportPlan(s, format, path, draft) {
  await s.click('#btn-export');
  await s.waitForElement('#export-path');
  await s.click(`input[name="format"][value="${format}"]`);
  await s.exec(`const d = document.querySelector('#export-draft'); if (d.checked !== ${draft}) d.click();`);
  await s.exec('document.querySelector("#export-path").value = arguments[0]', path);
  await s.click('#export-go');
  await s.waitForElement('#open-exported', 60000);
  if (!existsSync(path)) throw new Error(`${path} not written`);
}

export const pdfPages = (path) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())[1]);
export const pdfPageText = (path, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), path, '-']).toString();
/** The whole text of a PDF, whitespace collapsed. */
export const pdfText = (path) => execFileSync('pdftotext', [path, '-']).toString().replace(/\s+/g, ' ');

const docxPart = (path, part) => execFileSync('unzip', ['-p', path, part], { maxBuffer: 64 << 20 }).toString();
const xmlText = (xml) => xml.replace(/<[^>]+>/g, '');

/** The paragraphs of a DOCX body, one space between two, as the reader reads them. */
export const docxText = (path) => docxPart(path, 'word/document.xml').split('</w:p>').map(xmlText).join(' ').replace(/\s+/g, ' ');

/** For every section of a DOCX: whether the header of its pages (the default one, and
 * the first page's when the section has one) carries "DỰ THẢO". Read from the XML: a
 * section without a header of a type takes the previous section's (ECMA-376 §17.10.5). */
export function docxDraftMarks(path) {
  const doc = docxPart(path, 'word/document.xml');
  const rels = docxPart(path, 'word/_rels/document.xml.rels');
  const target = Object.fromEntries([...rels.matchAll(/<Relationship\b[^>]*>/g)].map(([r]) => [/Id="([^"]+)"/.exec(r)[1], /Target="([^"]+)"/.exec(r)[1]]));
  const marked = (id) => xmlText(docxPart(path, `word/${target[id].replace(/^\/?word\//, '')}`)).includes('DỰ THẢO');
  const inherited = {};
  return [...doc.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map(([sect]) => {
    for (const [ref] of sect.matchAll(/<w:headerReference\b[^>]*>/g)) inherited[/w:type="(\w+)"/.exec(ref)[1]] = /r:id="([^"]+)"/.exec(ref)[1];
    const titlePage = /<w:titlePg(\s*\/>|\s+w:val="(1|true|on)")/.test(sect);
    const has = (type) => !!inherited[type] && marked(inherited[type]);
    return { default: has('default'), first: titlePage ? has('first') : null };
  });
}
