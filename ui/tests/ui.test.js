// Playwright tests of the UI against the mocked IPC (see mock-backend.js): every
// screen and the main flows. Run with `npm test` in ui/ (scripts/test-app does).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, shot, calls, mockPlan } from './harness.js';

let server, url, browser;
before(async () => { ({ server, url } = await startServer()); browser = await launch(); });
after(async () => { await browser.close(); server.close(); });

const recent = [
  { path: '/home/drafter/KeHoachCDS/ke-hoach-mau.khcds', title: 'Chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026–2030', description: 'cấp tỉnh, giai đoạn 2026–2030', opened_at: '2026-01-05T09:30:00+07:00', exists: true },
  { path: '/media/usb/ke-hoach-2027.khcds', title: 'Kế hoạch năm 2027', description: 'cấp tỉnh, năm 2027', opened_at: '2026-01-04T15:10:00+07:00', exists: false },
];

/** Presses "Ký số" and accepts the question a plan with errors asks first. */
async function signGo(page) {
  await page.click('#sign-go');
  await page.click('.modal:has-text("Vẫn ký số văn bản này") button.primary');
}

const status = (page) => page.textContent('#save-status');
const waitSaved = (page) => page.waitForFunction(() => document.querySelector('#save-status').dataset.state === 'saved');
const sectionContent = (plan, id) => {
  const walk = (l) => { for (const s of l) { if (s.id === id) return s; const r = walk(s.children || []); if (r) return r; } return null; };
  return walk(plan.sections).content || [];
};

test('start screen: recent files, then a new annual plan from the form', async () => {
  const page = await openApp(browser, url, { recent });
  assert.equal(await page.getAttribute('body', 'data-screen'), 'start');
  assert.match(await page.textContent('.recent'), /Chuyển đổi số tỉnh Hòa Sơn/);
  assert.equal(await page.isDisabled('.recent li:nth-child(2) .recent-item'), true, 'a missing file cannot be opened');
  assert.match(await page.textContent('.recent li:nth-child(2)'), /không tìm thấy tệp/);
  await shot(page, 'start');
  await page.check('input[name="level"][value="bo"]');
  await page.selectOption('#new-year', '2027');
  assert.equal(await page.isChecked('input[name="kind"][value="annual"]'), true, 'choosing a year selects the annual kind');
  await page.fill('#new-path', '/tmp/ke-hoach-2027.khcds');
  await page.click('#create');
  await page.waitForSelector('body[data-screen="main"]');
  const [args] = await calls(page, 'new_plan');
  assert.deepEqual(args, { path: '/tmp/ke-hoach-2027.khcds', level: 'bo', kind: 'annual', year: 2027, sample: false });
  assert.match(await page.textContent('.doc-meta'), /cấp bộ, năm 2027/);
  // A Khung heading in its ministry reading.
  assert.match(await page.textContent('.tree'), /Phát triển Chính phủ số, nâng cao hiệu quả/);
  assert.deepEqual(page.errors.filter((e) => !/404/.test(e)), []);
});

test('no unexpected UI error anywhere: every section of a filled plan renders', async () => {
  const page = await openApp(browser, url, { openPlan: true, filled: true });
  const keys = await page.evaluate(() => [...document.querySelectorAll('.tree-item')].map((b) => b.dataset.key));
  assert.ok(keys.length > 30);
  for (const key of keys) {
    await page.click(`.tree-item[data-key="${key}"]`);
    assert.equal(await page.getAttribute('.tree-item.selected', 'data-key'), key);
  }
  assert.deepEqual(await page.evaluate(() => window.__errs), []);
  assert.deepEqual(page.errors.filter((e) => !/404/.test(e)), []);
});

test('start screen: wrong extension gives the Vietnamese error; forget a recent file; open by dialog', async () => {
  const page = await openApp(browser, url, { recent });
  await page.fill('#new-path', '/tmp/ke-hoach.docx');
  await page.click('#create');
  await page.waitForSelector('.form-error:has-text("đuôi .khcds")');
  await page.click('.recent li:nth-child(2) .forget');
  await page.waitForFunction(() => document.querySelectorAll('.recent li').length === 1);
  await page.click('#open-file');
  await page.waitForSelector('body[data-screen="main"]');
  assert.deepEqual(await calls(page, 'open_plan'), [{ path: '/home/drafter/Tài liệu/ke-hoach-cu.khcds' }]);
});

test('editing section text autosaves once per burst, shows Đang lưu…/Đã lưu, stores NFC', async () => {
  const page = await openApp(browser, url, { openPlan: true, delay: 300 });
  await page.click('.tree-item[data-key="II.1"]');
  const ce = page.locator('[data-field="section.II.1.content"] .ce').first();
  await ce.click();
  await page.keyboard.type('Xây dựng chính quyền số ');
  assert.equal(await status(page), 'Đang lưu…');
  // Decomposed input (as some IMEs send) is stored precomposed.
  await page.keyboard.insertText('hie\u0302\u0323u qua\u0309');
  await waitSaved(page);
  assert.equal(await status(page), 'Đã lưu');
  const edits = (await calls(page, 'apply_edit')).map((a) => a.edit);
  assert.equal(edits.length, 1, 'one burst of typing is one edit');
  assert.equal(edits[0].op, 'update-section');
  assert.equal(edits[0].content[0].text[0].text, 'Xây dựng chính quyền số hiệu quả');
  // Tree mark and finding count update without re-rendering the field.
  await page.waitForFunction(() => document.querySelector('.tree-item[data-key="II.1"]').classList.contains('filled'));
  assert.equal(await page.textContent('.tree-item[data-key="II.1"] .count'), '');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('ce')), true, 'focus stays in the field');
  // Enter makes a new block; Alt+→ turns it into a "-" item; Ctrl+B makes bold text.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('Đậm');
  await waitSaved(page);
  const content = sectionContent(await mockPlan(page), 'II.1');
  assert.equal(content.length, 2);
  assert.deepEqual(content[1], { type: 'bullet', level: 'dash', text: [{ text: 'Đậm', bold: true }] });
  await shot(page, 'section-text');
});

test('an IME composition never saves before compositionend', async () => {
  const page = await openApp(browser, url, { openPlan: true, delay: 150 });
  await page.click('.tree-item[data-key="II.1"]');
  const ce = page.locator('[data-field="section.II.1.content"] .ce').first();
  await ce.click();
  // Simulate Telex: "Vieetj" composes to "Việt" with composition events around it.
  await page.evaluate(async () => {
    const el = document.activeElement;
    const fire = (type, data) => el.dispatchEvent(new CompositionEvent(type, { bubbles: true, data }));
    const input = (data) => el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, inputType: 'insertCompositionText', data }));
    fire('compositionstart', '');
    for (const step of ['V', 'Vi', 'Vie', 'Viê', 'Việt']) {
      el.textContent = step;
      fire('compositionupdate', step);
      input(step);
      await new Promise((r) => setTimeout(r, 120));
    }
  });
  assert.equal(await status(page), 'Đã lưu', 'nothing pending while composing');
  await page.waitForTimeout(500);
  assert.equal((await calls(page, 'apply_edit')).length, 0, 'no save during the composition');
  await page.evaluate(() => {
    const el = document.activeElement;
    el.textContent = 'Vie\u0323\u0302t'; // the IME may commit decomposed text
    el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: 'Việt' }));
  });
  await page.waitForFunction(() => window.__mock.calls.some((c) => c.cmd === 'apply_edit'));
  await waitSaved(page);
  const edits = (await calls(page, 'apply_edit')).map((a) => a.edit);
  assert.equal(edits.length, 1);
  assert.equal(edits[0].content[0].text[0].text, 'Việt');
  assert.equal(edits[0].content[0].text[0].text, 'Việt'.normalize('NFC'));
});

test('indicator below the national minimum: the finding appears, then goes when fixed', async () => {
  const page = await openApp(browser, url, { openPlan: true, delay: 200 });
  await page.click('.tree-item[data-key="II.2.1.a"]');
  await shot(page, 'indicators-empty');
  await page.click('.sugg[data-field="national.2.1a-tthc-truc-tuyen-toan-trinh"] button');
  await page.waitForSelector('.card.indicator');
  assert.match(await page.textContent('.card.indicator .national'), /Tối thiểu toàn quốc: ≥ 100%/);
  const value = page.locator('[data-field="indicator.qg-2.1a-tthc-truc-tuyen-toan-trinh.targets[0].value"]');
  assert.equal(await value.inputValue(), '100', 'added at the national minimum');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'indicator.qg-2.1a-tthc-truc-tuyen-toan-trinh.targets[0].value');
  await value.fill('90');
  await page.waitForSelector('.finding[data-rule="indicator.below-national-minimum"]');
  await waitSaved(page);
  // Counted: the error, and the warning that no task serves the indicator yet; the
  // blank fields (no target for 2028–2030, method, …) are progress, not counted.
  assert.equal(await page.textContent('.tree-item[data-key="II.2.1.a"] .count'), '2');
  assert.ok(await page.locator('.finding.todo[data-rule="indicator.target-missing"]').count() > 0);
  assert.equal(await value.evaluate((el) => el.classList.contains('has-finding')), true, 'the field is marked');
  await shot(page, 'indicator-below-minimum');
  // Jump from the finding to the field (from another section).
  await page.click('.tree-item[data-key="header"]');
  await page.click('.finding[data-rule="indicator.below-national-minimum"]');
  await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.field === 'indicator.qg-2.1a-tthc-truc-tuyen-toan-trinh.targets[0].value');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('100');
  await page.waitForSelector('.finding[data-rule="indicator.below-national-minimum"]', { state: 'detached' });
  const plan = await mockPlan(page);
  assert.equal(plan.indicators[0].targets[0].value, '100');
  assert.equal(plan.indicators[0].national, '2.1a-tthc-truc-tuyen-toan-trinh');
});

test('tasks: add, fill every field, month parsing, linked indicators, catalogue in VI', async () => {
  const page = await openApp(browser, url, { openPlan: true, delay: 150 });
  await page.click('.tree-item[data-key="II.2.1.a"]');
  await page.click('.sugg[data-field="national.2.1a-tthc-truc-tuyen-toan-trinh"] button');
  await page.click('.tree-item[data-key="III.3"]');
  await page.click('text=+ Thêm nhiệm vụ');
  await page.waitForSelector('details.task[open]');
  await page.waitForFunction(() => (window.__mock.plan.tasks || []).length === 1); // saved by the engine
  const id = (await mockPlan(page)).tasks[0].id;
  const f = (name) => page.locator(`[data-field="task.${id}.${name}"]`);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field.endsWith('.name')), true);
  await f('name').fill('Nâng cấp Trung tâm dữ liệu tỉnh');
  await f('content').fill('Mở rộng hạ tầng máy chủ, lưu trữ');
  await f('expected_result').fill('Trung tâm dữ liệu đạt tiêu chuẩn');
  await f('expected_effect').fill('Bảo đảm vận hành các hệ thống dùng chung');
  await f('lead_unit').fill('Sở Khoa học và Công nghệ');
  await f('coordinating_units').fill('Sở Tài chính; Công an tỉnh');
  await f('start').fill('13/2026');
  await page.waitForSelector('.field-error:has-text("tháng/năm")');
  await f('start').fill('03/2026');
  await f('end').fill('2027-12');
  await f('approving_authority').fill('UBND tỉnh');
  await f('budget_million_vnd').fill('12500,5');
  await page.locator(`[data-field="task.${id}.funding"] label:has-text("Ngân sách địa phương") input`).check();
  await f('funding.other').fill('Quỹ hỗ trợ doanh nghiệp');
  await page.locator(`[data-field="task.${id}.indicators"] input`).first().check();
  await waitSaved(page);
  const t = (await mockPlan(page)).tasks[0];
  assert.deepEqual({ ...t, id: undefined }, {
    id: undefined, area: 3, name: 'Nâng cấp Trung tâm dữ liệu tỉnh', content: 'Mở rộng hạ tầng máy chủ, lưu trữ',
    expected_result: 'Trung tâm dữ liệu đạt tiêu chuẩn', expected_effect: 'Bảo đảm vận hành các hệ thống dùng chung',
    lead_unit: 'Sở Khoa học và Công nghệ', coordinating_units: ['Sở Tài chính', 'Công an tỉnh'], start: '2026-03', end: '2027-12',
    approving_authority: 'UBND tỉnh', funding: ['local-budget', { other: 'Quỹ hỗ trợ doanh nghiệp' }], budget_million_vnd: 12500.5,
    indicators: ['qg-2.1a-tthc-truc-tuyen-toan-trinh'],
  });
  await page.locator(`[data-field="task.${id}.name"]`).scrollIntoViewIfNeeded();
  await shot(page, 'task');
  await page.click('.tree-item[data-key="VI"]');
  assert.match(await page.textContent('table.catalogue'), /Nâng cấp Trung tâm dữ liệu tỉnh/);
  await shot(page, 'task-catalogue');
  await page.click('table.catalogue a');
  await page.waitForFunction(() => document.activeElement.dataset.field && document.activeElement.dataset.field.endsWith('.name'));
  assert.equal(await page.getAttribute('.tree-item.selected', 'data-key'), 'III.3');
});

test('undo and redo (Ctrl+Z / Ctrl+Y) over edits, including an item insertion', async () => {
  const page = await openApp(browser, url, { openPlan: true, delay: 150 });
  await page.click('.tree-item[data-key="II.1"]');
  await page.locator('[data-field="section.II.1.content"] .ce').first().click();
  await page.keyboard.type('Mục tiêu chung');
  await waitSaved(page);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[data-field="section.II.1.content"] .ce').textContent === '');
  assert.deepEqual(sectionContent(await mockPlan(page), 'II.1'), []);
  await page.keyboard.press('Control+y');
  await page.waitForFunction(() => document.querySelector('[data-field="section.II.1.content"] .ce').textContent === 'Mục tiêu chung');
  // Undo an indicator insertion: the inverse is delete-item.
  await page.click('.tree-item[data-key="II.2.3"]');
  await page.click('text=+ Thêm chỉ tiêu riêng');
  await page.waitForSelector('.card.indicator');
  await page.click('#btn-undo');
  await page.waitForSelector('.card.indicator', { state: 'detached' });
  const last = (await calls(page, 'apply_edit')).pop().edit;
  assert.equal(last.op, 'delete-item');
  await page.click('#btn-redo');
  await page.waitForSelector('.card.indicator');
  assert.equal((await mockPlan(page)).indicators.length, 1);
});

test('keyboard alone: regions, tree arrows, Enter, visible focus, Tab order, shortcuts', async () => {
  const page = await openApp(browser, url, { openPlan: true, filled: true });
  await page.keyboard.press('Alt+1');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), 'header');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), 'I');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('.tree-item.selected', 'data-key'), 'I');
  await page.keyboard.press('Alt+2');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('ce')), true);
  await page.keyboard.type('Căn cứ');
  await page.keyboard.press('F6');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('finding')), true);
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+2');
  const order = [];
  for (let i = 0; i < 4; i++) { order.push(await page.evaluate(() => document.activeElement.dataset.field)); await page.keyboard.press('Tab'); }
  assert.deepEqual(order, ['header.parent_body', 'header.issuer', 'header.number', 'header.place']);
  await page.keyboard.press('Control+e');
  await page.waitForSelector('.modal');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.modal', { state: 'detached' });
  await page.keyboard.press('Control+h');
  await page.waitForSelector('.modal .revisions');
  await page.keyboard.press('Escape');
});

test('export: JSON with progress, then open file / open folder', async () => {
  const page = await openApp(browser, url, { openPlan: true, filled: true });
  await page.click('#btn-export');
  await page.waitForSelector('#export-path');
  assert.equal(await page.isChecked('input[name="format"][value="docx"]'), true, 'Word is preselected');
  await page.waitForFunction(() => document.querySelector('#export-path').value.endsWith('.docx'));
  await page.click('input[name="format"][value="json"]');
  await page.waitForFunction(() => document.querySelector('#export-path').value.endsWith('.json'));
  assert.equal(await page.isDisabled('#export-draft'), true, 'JSON has no draft form');
  await shot(page, 'export');
  await page.click('#export-go');
  await page.waitForSelector('#open-exported');
  assert.equal(await page.evaluate(() => document.querySelector('#export-progress').value), 100);
  assert.match(await page.textContent('#export-message'), /Đã xuất: .*ke-hoach-mau\.json/);
  await shot(page, 'export-done');
  await page.click('#open-folder');
  assert.deepEqual(await page.evaluate(() => window.__mock.opened), { path: '/home/drafter/KeHoachCDS/ke-hoach-mau.json', folder: true });
  // A wrong extension is refused with the command's message.
  await page.fill('#export-path', '/tmp/x.txt');
  await page.click('#export-go');
  await page.waitForSelector('#export-message.error');
});

test('sign step after a PDF export: certificate, password kept out of the page, images, result', async () => {
  const page = await openApp(browser, url, { openPlan: true, filled: true, dialogOpen: '/home/drafter/Chứng thư/nguyen-van-an.p12' });
  await page.click('#btn-export');
  await page.click('input[name="format"][value="pdf"]');
  await page.waitForFunction(() => document.querySelector('#export-path').value.endsWith('.pdf'));
  await page.uncheck('#export-draft');
  await page.click('#export-go');
  await page.click('#sign-exported');
  await page.waitForSelector('#sign-p12');
  assert.equal(await page.inputValue('#sign-output'), '/home/drafter/KeHoachCDS/ke-hoach-mau-da-ky.pdf');
  // Without a certificate file the command's message is shown.
  await signGo(page);
  await page.waitForSelector('#sign-message.error');
  assert.match(await page.textContent('#sign-message'), /chọn tệp chứng thư số/);
  // The file dialog fills the certificate path.
  await page.click('#sign-p12 + button');
  await page.waitForFunction(() => document.querySelector('#sign-p12').value.endsWith('.p12'));
  await page.fill('#sign-signature-image', '/home/drafter/Ảnh/chu-ky.png');
  await page.fill('#sign-seal-image', '/home/drafter/Ảnh/con-dau.png');
  await page.fill('#sign-reason', 'Phê duyệt');
  // A wrong password: clear message, the password is selected for retyping.
  await page.fill('#sign-password', 'sai');
  await signGo(page);
  await page.waitForSelector('#sign-message.error:has-text("Mật khẩu")');
  await page.fill('#sign-password', 'đúng');
  await shot(page, 'sign');
  await signGo(page);
  await page.waitForSelector('#open-signed');
  assert.match(await page.textContent('#sign-message'), /Đã ký: .*ke-hoach-mau-da-ky\.pdf\. Người ký: Nguyễn Văn An/);
  assert.equal(await page.inputValue('#sign-password'), '', 'the password is cleared once used');
  const signed = await page.evaluate(() => window.__mock.signed);
  assert.deepEqual(
    { key: signed.key, signatureImage: signed.signatureImage, sealImage: signed.sealImage, reason: signed.reason, path: signed.path },
    { key: { kind: 'p12', file: '/home/drafter/Chứng thư/nguyen-van-an.p12' }, signatureImage: '/home/drafter/Ảnh/chu-ky.png', sealImage: '/home/drafter/Ảnh/con-dau.png', reason: 'Phê duyệt', path: '/home/drafter/KeHoachCDS/ke-hoach-mau.pdf' },
  );
  await shot(page, 'sign-done');
  await page.click('#open-signed');
  assert.deepEqual(await page.evaluate(() => window.__mock.opened), { path: '/home/drafter/KeHoachCDS/ke-hoach-mau-da-ky.pdf', folder: false });
});

test('sign step after a Word export: no image fields, says why', async () => {
  const page = await openApp(browser, url, { openPlan: true, filled: true });
  await page.click('#btn-export');
  await page.click('input[name="format"][value="docx"]');
  await page.waitForFunction(() => document.querySelector('#export-path').value.endsWith('.docx'));
  await page.uncheck('#export-draft'); // the final document, to sign
  await page.click('#export-go');
  await page.click('#sign-exported');
  await page.waitForSelector('#sign-p12');
  assert.equal(await page.locator('#sign-signature-image').count(), 0);
  assert.match(await page.textContent('.modal:has(#sign-p12)'), /chỉ hiện trên bản PDF/);
  assert.equal(await page.inputValue('#sign-output'), '/home/drafter/KeHoachCDS/ke-hoach-mau-da-ky.docx');
});

test('revision history: save one with a note, restore one after confirming', async () => {
  const page = await openApp(browser, url, { openPlan: true, filled: true });
  await page.click('#btn-history');
  await page.waitForSelector('.revision');
  await page.fill('#revision-label', 'Bản trình lãnh đạo');
  await page.click('#revision-save');
  await page.waitForSelector('.revision:has-text("Bản trình lãnh đạo")');
  await shot(page, 'history');
  await page.click('.revision:has-text("tự động trước khi xuất") button');
  await page.waitForSelector('.modal:has-text("Xác nhận")');
  await page.click('.modal:has-text("Xác nhận") button.primary');
  await page.waitForFunction(() => window.__mock.restored === 1);
  await page.waitForSelector('.toast:has-text("Đã khôi phục")');
});

test('header, căn cứ from the catalogue and typed, closing block, custom sections', async () => {
  const page = await openApp(browser, url, { openPlan: true, delay: 150 });
  await page.fill('[data-field="header.issuer"]', 'ỦY BAN NHÂN DÂN TỈNH HÒA SƠN');
  await page.fill('[data-field="header.date"]', '31/02/2026');
  assert.equal(await page.locator('[data-field="header.date"]').evaluate((el) => el.classList.contains('invalid')), true);
  await page.fill('[data-field="header.date"]', '15/01/2026');
  await page.fill('[data-field="header.subject"]', 'Chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026–2030');
  await waitSaved(page);
  let plan = await mockPlan(page);
  assert.equal(plan.header.date, '2026-01-15');
  assert.equal(plan.header.issuer, 'ỦY BAN NHÂN DÂN TỈNH HÒA SƠN');
  await page.click('.tree-item[data-key="opening"]');
  await page.fill('input[type="search"]', '57-NQ');
  await page.click('.pick:has-text("57-NQ/TW") button');
  await page.waitForSelector('.card.legal');
  await page.click('text=Thêm căn cứ tự nhập');
  await page.waitForFunction(() => document.querySelectorAll('.card.legal').length === 2);
  await page.fill('[data-field="opening.legal_bases.1.title"]', 'về chuyển đổi số của tỉnh');
  await page.fill('[data-field="opening.issuing_sentence"]', 'Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:');
  await waitSaved(page);
  await shot(page, 'opening');
  plan = await mockPlan(page);
  assert.equal(plan.opening.legal_bases[0].catalog_id, '57-NQ/TW');
  assert.equal(plan.opening.legal_bases[1].title, 'về chuyển đổi số của tỉnh');
  await page.click('.tree-item[data-key="closing"]');
  await page.fill('[data-field="recipients"]', '- Bộ Khoa học và Công nghệ;\nThường trực Tỉnh ủy\nLưu: VT, KGVX.');
  await page.click('text=Thêm thẩm quyền ký');
  await page.fill('[data-field="signer.capacities.0.on_behalf_of"]', 'ỦY BAN NHÂN DÂN');
  await page.fill('[data-field="signer.position"]', 'CHỦ TỊCH');
  await page.fill('[data-field="signer.name"]', 'Nguyễn Văn An');
  await waitSaved(page);
  await shot(page, 'closing');
  plan = await mockPlan(page);
  assert.deepEqual(plan.recipients, ['Bộ Khoa học và Công nghệ', 'Thường trực Tỉnh ủy', 'Lưu: VT, KGVX.']);
  assert.deepEqual(plan.signer, { capacities: [{ authority: 'TM.', on_behalf_of: 'ỦY BAN NHÂN DÂN' }], position: 'CHỦ TỊCH', name: 'Nguyễn Văn An' });
  // Custom section under III, renamed, then deleted after confirming.
  await page.click('.tree-item[data-key="III"]');
  await page.click('text=+ Thêm mục con');
  await page.waitForSelector('.custom-bar');
  const title = page.locator('.custom-bar input');
  await title.fill('Mục đích, yêu cầu');
  await page.waitForFunction(() => [...document.querySelectorAll('.tree-item.custom')].some((b) => b.textContent.includes('Mục đích, yêu cầu')));
  await waitSaved(page);
  await shot(page, 'custom-section');
  const inserted = (await calls(page, 'apply_edit')).map((a) => a.edit).find((e) => e.op === 'insert-section');
  assert.equal(inserted.parent, 'III');
  await page.click('text=Xóa mục này');
  await page.click('.modal button.primary');
  await page.waitForSelector('.tree-item.custom', { state: 'detached' });
  // Suggestions insert with one click: a "-" item with its "+" items.
  await page.click('.tree-item[data-key="III.2"]');
  await page.click('.guidance .sugg button');
  await waitSaved(page);
  const c = sectionContent(await mockPlan(page), 'III.2');
  assert.ok(c.length >= 1 && c[0].type === 'bullet' && c[0].level === 'dash');
  await shot(page, 'suggestion-inserted');
});

test('a failed save is reported and the plan is reloaded from the file', async () => {
  const page = await openApp(browser, url, { openPlan: true, delay: 100 });
  await page.evaluate(() => { window.__mock.failNextApply = 'Tệp «x.khcds» đang được mở bởi một chương trình khác.'; });
  await page.fill('[data-field="header.place"]', 'Hòa Sơn');
  await page.waitForSelector('.toast.error:has-text("đang được mở")');
  await page.waitForFunction(() => window.__mock.calls.some((c) => c.cmd === 'load_plan'));
});

test('typing stays smooth while autosave runs (input-to-paint latency)', async () => {
  const page = await openApp(browser, url, { openPlan: true, delay: 300, applyDelayMs: 40 });
  await page.click('.tree-item[data-key="II.1"]');
  await page.locator('[data-field="section.II.1.content"] .ce').first().click();
  await page.evaluate(() => {
    window.__lat = [];
    document.addEventListener('keydown', () => { const t = performance.now(); requestAnimationFrame(() => requestAnimationFrame(() => window.__lat.push(performance.now() - t))); }, true);
  });
  // Words typed at ~30 characters a second, with a pause after each sentence long
  // enough for the autosave to fire while the drafter goes on typing.
  const text = 'Phát triển hạ tầng số đồng bộ, hiện đại. Bảo đảm kết nối thông suốt giữa các cơ quan nhà nước. Dữ liệu được chia sẻ, dùng chung. ';
  for (const sentence of text.repeat(2).split(/(?<=\. )/)) {
    await page.keyboard.type(sentence, { delay: 35 });
    await page.waitForTimeout(350);
  }
  await waitSaved(page);
  const lat = await page.evaluate(() => window.__lat.sort((a, b) => a - b));
  const p = (q) => lat[Math.floor(q * (lat.length - 1))];
  const saves = (await calls(page, 'apply_edit')).length;
  console.log(`input-to-paint over ${lat.length} keys: median ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${lat[lat.length - 1].toFixed(1)} ms; ${saves} saves while typing`);
  assert.ok(p(0.95) < 50, `p95 input-to-paint ${p(0.95)} ms`);
  const content = sectionContent(await mockPlan(page), 'II.1');
  assert.equal(content[0].text[0].text, text.repeat(2));
  assert.ok(saves >= 4, `autosave ran while typing (${saves} saves)`);
});
