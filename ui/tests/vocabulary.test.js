// The UI names and marks things as the engine does: its labels are the engine's
// vocabulary and its tree marks the engine's section states, both read here from the
// built CLI (`khcds vocabulary`, `khcds plan-state`), independently of the mock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch, openApp } from './harness.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const khcds = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'debug', 'khcds');
const cli = (...args) => JSON.parse(execFileSync(khcds, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));

let server, url, browser, work, vocabulary, exported, sample;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'khcds-vocab-'));
  vocabulary = cli('vocabulary');
  const file = join(work, 'mau.khcds');
  execFileSync(khcds, ['new', '--level', 'tinh', '--sample', '-o', file], { stdio: 'ignore' });
  execFileSync(khcds, ['export', file, '--format', 'json', '-o', `${file}.json`], { stdio: 'ignore' });
  exported = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
  sample = exported.plan;
  ({ server, url } = await startServer());
  browser = await launch();
});
after(async () => { await browser.close(); server.close(); rmSync(work, { recursive: true, force: true }); });

/** The engine's section states of `plan`, by the CLI (`plan-state` of a file holding it). */
function engineFilled(plan, name) {
  const json = join(work, `${name}.json`);
  const file = join(work, `${name}.khcds`);
  writeFileSync(json, JSON.stringify({ ...exported, plan }));
  execFileSync(khcds, ['import', json, '-o', file], { stdio: 'ignore' });
  return cli('plan-state', file).filled;
}

async function treeMarks(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.tree-item')].map((b) => [b.dataset.key, b.classList.contains('filled')])));
}

test('the tree marks a section filled exactly when the engine does (indicators not applicable included)', async () => {
  // The disagreement of old: a group whose indicators are all marked not applicable
  // has nothing the document writes, so II.2.3 is empty for the engine.
  const untyped = structuredClone(sample);
  const walk = (list) => list.flatMap((s) => [s, ...walk(s.children || [])]);
  walk(untyped.sections).find((s) => s.id === 'II.2.3').content = [];
  assert.equal(engineFilled(untyped, 'chi-tieu')['II.2.3'], true, 'its indicators fill II.2.3');
  const plan = structuredClone(untyped);
  for (const i of plan.indicators) if (i.group === 'digital-society') i.not_applicable = 'Không thuộc phạm vi của tỉnh.';
  const expected = engineFilled(plan, 'khong-ap-dung');
  assert.equal(expected['II.2.3'], false);
  const page = await openApp(browser, url, { plan });
  const marks = await treeMarks(page);
  assert.deepEqual(Object.keys(marks).sort(), Object.keys(expected).sort(), 'one tree row per section and part');
  assert.deepEqual(marks, expected);
  // After an edit the marks are the engine's again: without a place, the header is not
  // filled in.
  await page.click('.tree-item[data-key="header"]');
  await page.fill('[data-field="header.place"]', '');
  await page.waitForFunction(() => !document.querySelector('.tree-item[data-key="header"]').classList.contains('filled'));
});

test('every label and choice the UI shows is the engine\'s vocabulary', async () => {
  const page = await openApp(browser, url, { plan: sample });
  const labels = (name) => vocabulary[name].map((c) => c.label);
  // Level and kind in the top bar.
  assert.equal(await page.textContent('.doc-meta'), `Kế hoạch ${labels('levels')[1]}, ${vocabulary.plan_kinds[0].label}`);
  // Legal document kinds, in the opening.
  await page.click('.tree-item[data-key="opening"]');
  await page.click('text=Thêm căn cứ tự nhập');
  const kinds = await page.locator('select[aria-label="Loại văn bản"]').last().evaluate((s) => [...s.options].map((o) => [o.value, o.textContent]));
  assert.deepEqual(kinds, vocabulary.legal_document_kinds.map((c) => [c.id, c.label]));
  // Signing authorities, in the closing.
  await page.click('.tree-item[data-key="closing"]');
  const authorities = await page.locator('select[aria-label="Thẩm quyền ký"]').first().evaluate((s) => [...s.options].map((o) => o.value));
  assert.deepEqual(authorities, vocabulary.signing_authorities.map((c) => c.id));
  // Funding sources and task areas, in a task.
  await page.click('.tree-item[data-key="III.1"]');
  const card = page.locator('details.card.task').first();
  await card.locator('summary').click();
  await card.locator('[data-field$=".area"]').waitFor(); // the card's fields are built when it opens
  const funding = await card.locator('label.check').evaluateAll((ls) => ls.map((l) => l.textContent.trim()));
  for (const label of labels('funding_sources')) assert.ok(funding.includes(label), label);
  const areas = await card.locator('[data-field$=".area"]').evaluate((s) => [...s.options].map((o) => o.textContent.split('.').slice(0, 2).join('.')));
  assert.deepEqual(areas, vocabulary.task_areas.map((a) => a.section));
  // Comparators, in an indicator.
  await page.click('.tree-item[data-key="II.2.1.a"]');
  const comparators = await page.locator('select[aria-label^="So sánh"]').first().evaluate((s) => [...s.options].map((o) => [o.value, o.textContent]));
  assert.deepEqual(comparators, vocabulary.comparators.map((c) => [c.id, c.symbol]));
  // Periods, over each target of an indicator: the five-year plan's two phases.
  const periods = await page.locator('.card.indicator').first().locator('.period').allTextContents();
  const phases = vocabulary.plan_kinds[0].periods.map((id) => vocabulary.periods.find((p) => p.id === id).label);
  assert.deepEqual(periods.map((p) => p.toLowerCase()), phases.map((p) => p.toLowerCase()));
  // Severities, in the findings (after an export is asked: every finding at its severity).
  await page.keyboard.press('Control+e');
  await page.keyboard.press('Escape');
  const severities = new Set(await page.locator('.finding .sev').allTextContents());
  const engine = labels('severities').map((l) => l.charAt(0).toUpperCase() + l.slice(1));
  for (const s of severities) assert.ok(engine.includes(s), s);
  // The years of an annual plan, in the derivation dialog.
  await page.click('#btn-derive');
  const years = await page.locator('#derive-year option').evaluateAll((os) => os.map((o) => Number(o.value)));
  assert.deepEqual(years, vocabulary.plan_kinds.filter((k) => k.kind.type === 'annual').map((k) => k.kind.year));
  assert.deepEqual(page.errors, []);
});
