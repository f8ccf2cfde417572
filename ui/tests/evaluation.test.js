// Playwright tests of the evaluation editor of an annual plan (ui/app/js/evaluation.js)
// against the mocked IPC. The plan is the engine's annual sample, made by the built CLI
// and exported as JSON; the status labels are the engine's, read from its JSON schema.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch, openApp, shot, calls, mockPlan } from './harness.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const khcds = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debug', 'khcds');

/** The engine's annual sample plan of `level` for 2026, as its JSON export. */
function samplePlan(dir, level) {
  const file = join(dir, `${level}.khcds`);
  execFileSync(khcds, ['new', '--level', level, '--kind', 'annual', '--year', '2026', '--sample', '-o', file], { stdio: 'ignore' });
  execFileSync(khcds, ['export', file, '--format', 'json', '-o', `${file}.json`], { stdio: 'ignore' });
  return JSON.parse(readFileSync(`${file}.json`, 'utf8')).plan;
}

/** What the `evaluation_guidance` command returns: the guidance asset and each status
 * with its label (the schema's description of the value). */
function evaluationGuidance() {
  const defs = JSON.parse(execFileSync(khcds, ['schema'], { encoding: 'utf8' })).$defs;
  const choices = (name) => defs[name].oneOf.map((o) => ({ id: o.const, label: o.description }));
  const g = JSON.parse(readFileSync(join(repo, 'assets/framework/danh-gia-nam.json'), 'utf8'));
  return { ...g, target_statuses: choices('TargetStatus'), task_statuses: choices('TaskStatus') };
}

let server, url, browser, plan, fiveYear, evaluationGuidanceView, work;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'khcds-eval-'));
  plan = samplePlan(work, 'tinh');
  const file = join(work, 'five.khcds');
  execFileSync(khcds, ['new', '--level', 'tinh', '--sample', '-o', file], { stdio: 'ignore' });
  execFileSync(khcds, ['export', file, '--format', 'json', '-o', `${file}.json`], { stdio: 'ignore' });
  fiveYear = JSON.parse(readFileSync(`${file}.json`, 'utf8')).plan;
  evaluationGuidanceView = evaluationGuidance();
  ({ server, url } = await startServer());
  browser = await launch();
});
after(async () => { await browser.close(); server.close(); rmSync(work, { recursive: true, force: true }); });

const waitSaved = (page) => page.waitForFunction(() => document.querySelector('#save-status').dataset.state === 'saved');
const openEvaluation = async (opts = {}) => {
  const page = await openApp(browser, url, { plan, evaluationGuidance: evaluationGuidanceView, delay: 1000, ...opts });
  await page.click('.tree-item[data-key="evaluation"]');
  await page.waitForSelector('.eval-table.eval-targets');
  return page;
};
const chip = (page, part, status) => page.textContent(`.eval-part:nth-of-type(${part}) .eval-summary .chip[data-status="${status}"] b`);
const annualEdits = async (page) => (await calls(page, 'apply_edit')).map((a) => a.edit).filter((e) => e.op === 'annual');

test('evaluation: the tree row, one table of last year\'s targets coloured by status, counts per status', async () => {
  const page = await openEvaluation({ delay: 2000 }); // the checks between two changes stay within one burst
  assert.match(await page.textContent('.tree-item[data-key="evaluation"]'), /Đánh giá năm 2025/);
  assert.match(await page.textContent('.section-title'), /Đánh giá kết quả thực hiện năm 2025/);
  const targets = plan.annual.evaluation.indicators;
  assert.equal(await page.locator('.eval-table.eval-targets tbody tr:not(.group)').count(), targets.length);
  // Every status of the sample shows, with the engine's label, counted as the rows say.
  for (const s of evaluationGuidanceView.target_statuses) {
    const n = targets.filter((t) => t.status === s.id).length;
    assert.ok(n > 0, `the sample uses ${s.id}`);
    assert.equal(Number(await chip(page, 1, s.id)), n, s.label);
    assert.match(await page.textContent(`.eval-part:nth-of-type(1) .chip[data-status="${s.id}"]`), new RegExp(s.label));
  }
  const first = targets[0];
  const row = page.locator(`tr[data-item="evaluation.target.${first.id}"]`);
  assert.equal(await row.getAttribute('class'), `st-${first.status}`);
  const colour = () => row.locator('td.name').evaluate((td) => getComputedStyle(td).backgroundColor);
  const before = await colour();

  // A new status recolours the row and moves one count from one chip to another at once.
  const achieved = Number(await chip(page, 1, 'achieved'));
  const notImplemented = Number(await chip(page, 1, 'not-implemented'));
  await page.selectOption(`[data-field="evaluation.target.${first.id}.status"]`, 'not-implemented');
  assert.equal(await row.getAttribute('class'), 'st-not-implemented');
  assert.notEqual(await colour(), before, 'the row colour follows the status');
  assert.equal(Number(await chip(page, 1, 'achieved')), achieved - 1);
  assert.equal(Number(await chip(page, 1, 'not-implemented')), notImplemented + 1);
  // "No status" is a choice too, and is counted as not yet evaluated.
  await page.selectOption(`[data-field="evaluation.target.${first.id}.status"]`, '');
  assert.equal(Number(await chip(page, 1, '')), 1);
  await waitSaved(page);
  const edits = await annualEdits(page);
  const last = edits[edits.length - 1];
  assert.equal(last.edit.what, 'target');
  assert.equal(last.edit.evaluation.id, first.id);
  assert.equal('status' in last.edit.evaluation, false, 'no status is sent as absent, as serde reads it');
  assert.equal(edits.length, 1, 'two quick changes of one row are one save');
  assert.deepEqual(await page.evaluate(() => window.__errs), []);
});

test('evaluation: an achieved value is one target edit with the whole row, NFC; undo restores it', async () => {
  const page = await openEvaluation();
  const t = plan.annual.evaluation.indicators.find((x) => x.status === 'not-achieved');
  const input = page.locator(`[data-field="evaluation.target.${t.id}.achieved"]`);
  await input.fill('');
  await input.type('8');
  await page.keyboard.insertText('5,5');
  await page.fill(`[data-field="evaluation.target.${t.id}.note"]`, 'Số liệu ước đa\u0323t');
  await waitSaved(page);
  const edits = await annualEdits(page);
  assert.equal(edits.length, 1, 'a burst of typing in one row is one edit');
  assert.deepEqual(edits[0], {
    op: 'annual',
    edit: { what: 'target', evaluation: { ...t, achieved: '85,5', note: 'Số liệu ước đạt' } },
  });
  const stored = (await mockPlan(page)).annual.evaluation.indicators.find((x) => x.id === t.id);
  assert.equal(stored.achieved, '85,5');
  await page.click('#btn-undo');
  await page.waitForFunction((id) => window.__mock.plan.annual.evaluation.indicators.find((x) => x.id === id).achieved !== '85,5', t.id);
  await page.waitForFunction(([sel, v]) => document.querySelector(sel).value === v, [`[data-field="evaluation.target.${t.id}.achieved"]`, t.achieved]);
  await shot(page, 'evaluation-targets');
});

test('evaluation: the layout, Phần I / Phần II or plain, is one edit and one undo step', async () => {
  const page = await openEvaluation();
  const labels = await page.locator('.eval-layout label').allTextContents();
  assert.equal(labels.length, 2);
  assert.equal(await page.isChecked('.eval-layout input[value="parts"]'), true, 'parts by default');
  await page.check('.eval-layout input[value="plain"]');
  await waitSaved(page);
  assert.deepEqual((await annualEdits(page)).map((e) => e.edit), [{ what: 'layout', layout: 'plain' }]);
  assert.equal((await mockPlan(page)).annual.layout, 'plain');
  await page.click('#btn-undo');
  await page.waitForFunction(() => window.__mock.plan.annual.layout === 'parts');
  await page.waitForSelector('.eval-layout input[value="parts"]:checked');
  await shot(page, 'evaluation-layout');
});

test('evaluation: tasks\' status, result and carry-over', async () => {
  const page = await openEvaluation();
  const tasks = plan.annual.evaluation.tasks;
  assert.equal(await page.locator('.eval-table.eval-tasks tbody tr').count(), tasks.length);
  const t = tasks.find((x) => x.status === 'late') || tasks[0];
  await page.selectOption(`[data-field="evaluation.task.${t.id}.status"]`, 'completed');
  assert.equal(await page.getAttribute(`tr[data-item="evaluation.task.${t.id}"]`, 'class'), 'st-completed');
  assert.equal(Number(await chip(page, 2, 'completed')), tasks.filter((x) => x.status === 'completed').length + 1);
  await page.fill(`[data-field="evaluation.task.${t.id}.result"]`, 'Đã hoàn thành trong quý IV.');
  await page.setChecked(`[data-field="evaluation.task.${t.id}.carries_over"]`, !t.carries_over);
  await waitSaved(page);
  const edits = await annualEdits(page);
  assert.deepEqual(edits, [{
    op: 'annual',
    edit: { what: 'task', evaluation: { ...t, status: 'completed', result: 'Đã hoàn thành trong quý IV.', carries_over: !t.carries_over } },
  }]);
});

test('evaluation: every narrative part with its guidance beside it; typing saves that part', async () => {
  const page = await openEvaluation();
  for (const p of evaluationGuidanceView.parts) {
    const box = page.locator(`.eval-narrative[data-part="${p.id}"]`);
    assert.equal(await box.count(), 1, p.id);
    assert.equal(await box.locator('.eval-guidance').textContent(), p.guidance.join(''));
  }
  assert.match(await page.textContent('.eval-narrative[data-part="ket-qua.chinh-quyen-so"] h5'), /^Chính quyền số$/, 'the province reading');
  assert.match(await page.textContent('#guidance'), /thực chất, khách quan/);
  const ce = page.locator('[data-field="evaluation.narrative.bai-hoc"] .ce').last();
  await ce.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Cần giao chỉ tiêu cụ thể cho từng đơn vị.');
  await waitSaved(page);
  const [edit] = await annualEdits(page);
  assert.equal(edit.edit.what, 'narrative');
  assert.equal(edit.edit.part.id, 'bai-hoc');
  assert.match(edit.edit.part.content.at(-1).text.map((r) => r.text).join(''), /Cần giao chỉ tiêu cụ thể cho từng đơn vị\.$/);
  await page.locator('.eval-part.narrative').scrollIntoViewIfNeeded();
  await shot(page, 'evaluation-narrative');
});

test('evaluation: a finding at a target\'s status points at its picker', async () => {
  // A target left without a status: the engine reports it at the status.
  const unrated = structuredClone(plan);
  const t = unrated.annual.evaluation.indicators[1];
  delete t.status;
  const page = await openEvaluation({ plan: unrated });
  assert.ok(await page.evaluate((id) => window.__khcds.view.findings.some((f) => f.rule === 'annual.target-not-evaluated' && f.location.id === id), t.id));
  // Not evaluated yet is progress ("chưa điền") until an export is asked for.
  await page.waitForSelector(`.finding.todo[data-rule="annual.target-not-evaluated"][data-loc="evaluation-target:${t.id}:status"]`);
  await page.keyboard.press('Control+e');
  await page.keyboard.press('Escape');
  await page.waitForSelector(`[data-field="evaluation.target.${t.id}.status"].has-finding`);
});

test('evaluation: screenshots at 1366×768 and 1024×640', async () => {
  const page = await openEvaluation();
  await shot(page, 'evaluation-1366');
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.waitForTimeout(100);
  await shot(page, 'evaluation-1024');
  await page.locator('.eval-table.eval-tasks').scrollIntoViewIfNeeded();
  await shot(page, 'evaluation-1024-tasks');
  const overflow = await page.evaluate(() => document.querySelector('.page').scrollWidth > document.querySelector('.page').clientWidth + 1);
  assert.equal(overflow, false, 'the table scrolls inside its box, the page does not overflow');
});

test('derivation: "Lập kế hoạch năm…" from an open five-year plan opens the annual plan', async () => {
  const page = await openApp(browser, url, { plan: fiveYear, evaluationGuidance: evaluationGuidanceView });
  assert.equal(await page.locator('.tree-item[data-key="evaluation"]').count(), 0, 'a five-year plan has no evaluation');
  await page.setViewportSize({ width: 1024, height: 640 });
  await shot(page, 'evaluation-derive-topbar-1024');
  await page.click('#btn-derive');
  await page.selectOption('#derive-year', '2028');
  assert.equal(await page.inputValue('#derive-path'), '/home/drafter/KeHoachCDS/ke-hoach-nam-2028.khcds', 'named after the year');
  await page.selectOption('#derive-year', '2026');
  await page.fill('#derive-path', '/tmp/ke-hoach-2026.khcds');
  await shot(page, 'evaluation-derive');
  await page.click('#derive-go');
  await page.waitForSelector('.tree-item[data-key="evaluation"]');
  assert.deepEqual(await calls(page, 'derive_annual'), [{ year: 2026, previous: null, path: '/tmp/ke-hoach-2026.khcds' }]);
  assert.match(await page.textContent('.doc-meta'), /năm 2026/);
  assert.equal(await page.locator('#btn-derive').count(), 0, 'an annual plan is not derived from');
  await page.click('.tree-item[data-key="evaluation"]');
  await page.waitForSelector('.eval-table.eval-targets');
  assert.deepEqual(await page.evaluate(() => window.__errs), []);
});

test('derivation: the engine\'s error shows in the dialog, nothing opened', async () => {
  const page = await openApp(browser, url, { plan: fiveYear, evaluationGuidance: evaluationGuidanceView });
  await page.click('#btn-derive');
  await page.fill('#derive-path', '/tmp/ke-hoach-2026.docx');
  await page.click('#derive-go');
  await page.waitForSelector('.modal .form-error:has-text("đuôi .khcds")');
  assert.match(await page.textContent('.doc-meta'), /giai đoạn 2026–2030/);
});
