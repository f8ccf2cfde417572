// End-to-end flows through the built app: tauri-driver + WebKitWebDriver under Xvfb
// (run by scripts/test-app). Each test launches the real binary with private
// KHCDS_HOME / KHCDS_DATA_DIR directories.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, screenshot, appMemory } from './driver.js';

let driver;
before(async () => { driver = await Driver.start(); });
after(async () => { await driver.stop(); });
afterEach(async () => { await driver.quitAll(); });

const plan = (name) => join(driver.dirs.plans, name);

/** From the start screen: a new empty five-year provincial plan at `path`. */
async function createPlan(s, path) {
  await s.waitForElement('#new-path');
  await s.clear('#new-path');
  await s.type('#new-path', path);
  await s.click('#create');
  await s.waitForElement('body[data-screen="main"]');
}

test('first launch opens the sample; create a plan and fill a section', async () => {
  const s = await driver.launch();
  console.log(`launch to interactive window: ${s.launchMs.toFixed(0)} ms (WebDriver session + app start + UI ready); UI ready ${(await s.exec('return window.__khcdsReadyAt')).toFixed(0)} ms after navigation start`);
  await s.waitForElement('body[data-screen="main"]');
  assert.ok(existsSync(plan('ke-hoach-mau.khcds')), 'the sample plan was created in KHCDS_HOME');
  await screenshot('main-sample', s);
  await s.click('#btn-close');
  await s.waitForElement('body[data-screen="start"]');
  await screenshot('start', s);
  await createPlan(s, plan('ke-hoach-e2e.khcds'));
  await screenshot('main-new', s);
  await s.click('.tree-item[data-key="II.1"]');
  await s.waitFor(() => s.exec('return !!document.querySelector(".finding[data-loc=\'section:II.1:content\']")'), 10000, 'the II.1 empty finding');
  await s.click('[data-field="section.II.1.content"] .ce');
  await s.type('[data-field="section.II.1.content"] .ce', 'Xây dựng chính quyền số hoạt động dựa trên dữ liệu.');
  await s.waitFor(() => s.exec('return document.querySelector("#save-status").textContent === "Đang lưu…" || document.querySelector("#save-status").dataset.state === "saved"'));
  await s.waitSaved();
  await s.waitFor(() => s.exec('return !document.querySelector(".finding[data-loc=\'section:II.1:content\']")'), 10000, 'the finding to go');
  await s.waitFor(() => s.exec('return document.querySelector(".tree-item[data-key=\'II.1\']").classList.contains("filled")'), 5000, 'the completion mark');
  const stats = await s.exec('return window.__khcds.saver.stats');
  console.log(`edit apply (durable) ${stats.map((x) => x.apply_ms.toFixed(1)).join(', ')} ms; reload+validate ${stats.map((x) => x.validate_ms.toFixed(1)).join(', ')} ms; round trip ${stats.map((x) => x.roundtrip_ms.toFixed(0)).join(', ')} ms`);
  await screenshot('section-filled', s);
  await s.quit();

  // The text is in the file: a new app process opens it (path as argument) and shows it.
  const again = await driver.launch([plan('ke-hoach-e2e.khcds')]);
  await again.click('.tree-item[data-key="II.1"]');
  assert.equal(await again.text('[data-field="section.II.1.content"] .ce'), 'Xây dựng chính quyền số hoạt động dựa trên dữ liệu.');
  await again.quit();
});

test('an indicator below the national minimum: the finding appears, then goes when fixed', async () => {
  const s = await driver.launch();
  if (await s.exec('return document.body.dataset.screen === "main"')) await s.click('#btn-close');
  await createPlan(s, plan('chi-tieu.khcds'));
  await s.click('.tree-item[data-key="II.2.1.a"]');
  await s.click('.sugg[data-field="national.2.1a-tthc-truc-tuyen-toan-trinh"] button');
  const value = '[data-field="indicator.qg-2.1a-tthc-truc-tuyen-toan-trinh.targets[0].value"]';
  await s.waitForElement(value);
  assert.equal(await s.value(value), '100');
  assert.match(await s.text('.card.indicator .national'), /Tối thiểu toàn quốc: ≥ 100%/);
  await s.clear(value);
  await s.type(value, '90');
  await s.waitSaved();
  // The engine's rule, on this indicator's first target (other findings on the same
  // indicator, such as its empty 2028–2030 target, must not satisfy the check).
  const belowRule = 'return [...document.querySelectorAll(".finding")].some((f) => f.dataset.rule === "indicator.below-national-minimum" && f.dataset.loc === "indicator:qg-2.1a-tthc-truc-tuyen-toan-trinh:targets[0].value")';
  await s.waitFor(() => s.exec(belowRule), 10000, 'the below-minimum finding');
  await screenshot('indicator-below-minimum', s);
  await s.clear(value);
  await s.type(value, '100');
  await s.waitSaved();
  await s.waitFor(async () => !(await s.exec(belowRule)), 10000, 'the finding to go');
  await s.quit();
});

test('export JSON with progress and find the file', async () => {
  const s = await driver.launch([plan('ke-hoach-e2e.khcds')]);
  await s.click('#btn-export');
  await s.waitFor(() => s.exec('return document.querySelector("#export-path") && document.querySelector("#export-path").value.endsWith(".docx")'), 10000, 'Word preselected');
  await s.click('input[name="format"][value="json"]');
  await s.waitFor(() => s.exec('return document.querySelector("#export-path").value.endsWith(".json")'), 10000, 'export path');
  const out = await s.value('#export-path');
  assert.equal(out, plan('ke-hoach-e2e.json'));
  await screenshot('export', s);
  await s.click('#export-go');
  await s.waitForElement('#open-exported', 20000);
  assert.equal(await s.exec('return document.querySelector("#export-progress").value'), 100);
  await screenshot('export-done', s);
  assert.ok(existsSync(out), `${out} exists`);
  const doc = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(doc.format, 'khcds-plan');
  assert.equal(doc.plan.sections[1].children[0].content[0].text[0].text, 'Xây dựng chính quyền số hoạt động dựa trên dữ liệu.');
  await s.exec('document.querySelector(".modal-head .close").click()');
  // The export saved a revision first; the history shows it.
  await s.click('#btn-history');
  await s.waitForElement('.revision');
  assert.match(await s.text('.revisions'), /tự động trước khi xuất/);
  await screenshot('history', s);
  await s.quit();
});

test('screens, memory and typing on the --scale 10 sample plan', async () => {
  const big = process.env.KHCDS_BIG_PLAN;
  const s = await driver.launch(big ? [big] : [plan('ke-hoach-e2e.khcds')]);
  const launch = s.launchMs;
  await new Promise((r) => setTimeout(r, 1500));
  const mem = appMemory();
  const counts = await s.exec('const p = window.__khcds.view.plan; return {tasks: p.tasks.length, indicators: p.indicators.length}');
  console.log(`plan ${big || '(small)'}: ${counts.tasks} tasks, ${counts.indicators} indicators; launch to interactive ${launch.toFixed(0)} ms`);
  if (mem) console.log(`memory: app process ${(mem.appKiB / 1024).toFixed(0)} MiB RSS; with WebKit's processes ${(mem.totalKiB / 1024).toFixed(0)} MiB RSS, ${(mem.totalPssKiB / 1024).toFixed(0)} MiB PSS (${Object.values(mem.processes).map((p) => `${p.name} ${(p.rssKiB / 1024).toFixed(0)}/${(p.pssKiB / 1024).toFixed(0)}`).join(', ')} MiB RSS/PSS)`);
  for (const key of ['header', 'opening', 'I', 'II.2.1.a', 'III.3', 'V', 'VI', 'closing']) {
    await s.click(`.tree-item[data-key="${key}"]`);
    await new Promise((r) => setTimeout(r, 300));
    await screenshot(`screen-${key}`, s);
  }
  // Typing while autosave runs, in the real webview: for each key, the time from keydown
  // until the event loop is free again after the input handlers ran (the work a key
  // costs the UI thread, autosave included). Frame timing is not usable here: WebKitGTK
  // throttles animation frames of a window without focus under Xvfb.
  await s.click('.tree-item[data-key="II.1"]');
  await s.exec(`window.__lat = []; document.addEventListener('keydown', () => { const t = performance.now(); setTimeout(() => window.__lat.push(performance.now() - t), 0); }, true);`);
  await s.click('[data-field="section.II.1.content"] .ce');
  for (let i = 0; i < 4; i++) {
    await s.type('[data-field="section.II.1.content"] .ce', ' Bảo đảm an toàn thông tin mạng.');
    await new Promise((r) => setTimeout(r, 500));
  }
  await s.waitSaved();
  const lat = (await s.exec('return window.__lat')).sort((a, b) => a - b);
  const stats = await s.exec('return window.__khcds.saver.stats');
  const q = (a, p) => a[Math.floor(p * (a.length - 1))];
  const applies = stats.map((x) => x.apply_ms).sort((a, b) => a - b);
  const validates = stats.map((x) => x.validate_ms).sort((a, b) => a - b);
  console.log(`webview keydown-to-idle over ${lat.length} keys: median ${q(lat, 0.5).toFixed(1)} ms, p95 ${q(lat, 0.95).toFixed(1)} ms; ${stats.length} autosaves: apply median ${q(applies, 0.5).toFixed(1)} ms (max ${applies[applies.length - 1].toFixed(1)}), reload+validate median ${q(validates, 0.5).toFixed(1)} ms`);
  assert.ok(stats.length >= 2, 'autosave ran while typing');
  await s.quit();
});
