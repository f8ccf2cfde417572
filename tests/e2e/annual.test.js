// End-to-end, the yearly cycle in the real app: from the open five-year plan,
// "Lập kế hoạch năm…" derives the 2027 annual plan; last year's targets are evaluated
// in the evaluation editor (its summary bar counting as statuses are set); the DOCX and
// the PDF print Phần I (the evaluation of 2026) and the evaluation appendix; the plain
// layout prints no parts.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Driver, screenshot, exportPlan, pdfText, docxText } from './driver.js';

let driver;
before(async () => { driver = await Driver.start(); });
after(async () => { await driver.stop(); });
afterEach(async () => { await driver.quitAll(); });

const chip = (s, status) => s.exec('return Number(document.querySelector(`.eval-targets`).closest(".eval-part").querySelector(`.chip[data-status="${arguments[0]}"] b`).textContent)', status);

test('derive the 2027 plan, evaluate 2026, export Phần I and its appendix in DOCX and PDF', async () => {
  const s = await driver.launch(); // first launch: the five-year sample
  await s.waitForElement('body[data-screen="main"]');
  await s.click('#btn-derive');
  await s.waitForElement('#derive-year');
  await s.exec('const y = document.querySelector("#derive-year"); y.value = "2027"; y.dispatchEvent(new Event("change"));');
  const path = join(driver.dirs.plans, 'ke-hoach-nam-2027.khcds');
  assert.equal(await s.value('#derive-path'), path, 'in the plans folder, named after the year');
  await screenshot('annual-derive', s);
  await s.click('#derive-go');
  await s.waitForElement('.tree-item[data-key="evaluation"]', 30000);
  assert.ok(existsSync(path), 'the annual plan file');
  assert.match(await s.text('.doc-meta'), /năm 2027/);
  assert.match(await s.exec('return document.querySelector(\'.tree-item[data-key="evaluation"]\').textContent'), /Đánh giá năm 2026/);

  await s.click('.tree-item[data-key="evaluation"]');
  await s.waitForElement('.eval-table.eval-targets select.status');
  const pickers = await s.exec('return [...document.querySelectorAll(".eval-targets select.status")].map((x) => x.dataset.field)');
  assert.ok(pickers.length >= 4, `last year's targets (${pickers.length})`);
  assert.equal(await chip(s, ''), pickers.length, 'none evaluated after derivation');
  const statuses = await s.exec('return [...document.querySelector(".eval-targets select.status").options].map((o) => o.value).filter(Boolean)');
  assert.deepEqual(statuses, ['achieved', 'not-achieved', 'not-implemented', 'no-data']);
  // One target per status, the rest achieved; the bar counts as each is set.
  const wanted = pickers.map((_, i) => statuses[Math.min(i, statuses.length - 1)]).map((st, i) => (i < statuses.length ? st : 'achieved'));
  for (const [i, field] of pickers.entries()) {
    await s.exec('const x = document.querySelector(`[data-field="${arguments[0]}"]`); x.value = arguments[1]; x.dispatchEvent(new Event("change", { bubbles: true }));', field, wanted[i]);
    const expected = wanted.slice(0, i + 1).filter((w) => w === wanted[i]).length;
    assert.equal(await chip(s, wanted[i]), expected, `${wanted[i]} after ${i + 1} targets`);
    assert.equal(await chip(s, ''), pickers.length - i - 1);
  }
  await s.waitSaved();
  await s.waitFor(() => s.exec('return document.querySelector(".tree-item[data-key=\'evaluation\']").classList.contains("filled")'), 10000, 'the evaluation marked filled');
  await screenshot('annual-evaluation', s);

  const pdf = join(driver.dirs.plans, 'ke-hoach-nam-2027.pdf');
  await exportPlan(s, 'pdf', pdf, false);
  await s.exec('document.querySelector(".modal-head .close").click()');
  const docx = join(driver.dirs.plans, 'ke-hoach-nam-2027.docx');
  await exportPlan(s, 'docx', docx, false);
  await s.exec('document.querySelector(".modal-head .close").click()');
  const achieved = wanted.filter((w) => w === 'achieved').length;
  for (const [name, text] of [['PDF', pdfText(pdf)], ['DOCX', docxText(docx)]]) {
    assert.match(text, /Phần I ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2026/, `${name}: Phần I`);
    assert.match(text, /Phần II KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2027/, `${name}: Phần II`);
    assert.match(text, /KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2026/, `${name}: the evaluation appendix`);
    // The summary sentence is generated from the statuses just set.
    assert.match(text, new RegExp(`đã hoàn thành ${achieved}/${pickers.length} chỉ tiêu`), `${name}: the count of targets achieved`);
  }

  // The plain layout: no parts, the evaluation is section I.
  await s.click('.eval-layout input[value="plain"]');
  await s.waitSaved();
  const plain = join(driver.dirs.plans, 'ke-hoach-nam-2027-khong-chia-phan.pdf');
  await exportPlan(s, 'pdf', plain, false);
  const text = pdfText(plain);
  assert.doesNotMatch(text, /Phần I /);
  assert.match(text, /I\. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2026/);
  await screenshot('annual-export', s);

  // The smallest window: the evaluation editor still fits.
  await s.exec('document.querySelector(".modal-head .close").click()');
  execFileSync('xdotool', ['search', '--name', 'Soạn Kế hoạch', 'windowsize', '1024', '640']);
  await s.waitFor(() => s.exec('return window.innerWidth <= 1024'), 5000, 'the window at 1024×640');
  await screenshot('annual-evaluation-1024', s);
  assert.equal(await s.exec('const p = document.querySelector(".page"); return p.scrollWidth > p.clientWidth + 1'), false, 'no sideways overflow');
});
