// The app shell: start screen, main screen (tree, editor, guidance, findings), export
// and revision dialogs, keyboard shortcuts. Data comes from the Rust commands only.

import { invoke, listen, pickOpenFile, pickSaveFile } from './ipc.js';
import { toast, modal, confirmDialog, openButtons } from './dialogs.js';
import { showSign } from './sign.js';
import { h, clear, nfc, formatTime } from './dom.js';
import { Saver } from './saver.js';
import { PreviewPane } from './preview.js';
import { treeRows, frameworkIndex, wording, locate, findSection, PSEUDO, normalizePlan } from './plan.js';
import {
  loadVocabulary, planYears, sectionGroup, periodLabel, kindLabel, levelLabel, severityLabel, comparatorSymbol, isUnfilled, valueWithUnit,
} from './vocabulary.js';
import {
  headerEditor, openingEditor, closingEditor, sectionEditor, insertSuggestion, addIndicator, addCatalog,
  missingMinimums, addMissingMinimums,
} from './editors.js';
import { EVALUATION_KEY, hasEvaluation, evaluationHeading, evaluationEditor, evaluationGuidancePanel, deriveButton } from './evaluation.js';

const app = {
  startup: null,
  framework: null,
  fwIndex: null,
  catalog: null,
  view: null, // {path, file_name, plan, findings}
  selected: 'header',
  saver: null,
  exportHandler: null,
  // Progress events that arrived before their job's handler was set (a fast export can
  // finish before `invoke` returns the job id).
  exportBacklog: [],
  openTasks: new Set(),
  preview: null,
  sideTab: 'guidance', // or 'preview'
  // Calmer findings: fields the drafter has edited in this session, and whether an
  // export was asked for (then every finding shows at its full severity).
  touchedFields: new Set(),
  exportAsked: false,
  findingsFilter: 'all', // or 'section': only the findings of the section in view
  locs: [],
  calm: [],
};
window.__khcds = app; // for measurements in tests

const root = () => document.getElementById('app');

// --- start screen --------------------------------------------------------------------

async function showStart(notice) {
  app.view = null;
  document.body.dataset.screen = 'start';
  const el = clear(root());
  const recent = await invoke('recent_files').catch(() => []);
  const paths = await invoke('default_paths', { format: null }).catch(() => ({ new_plan: '' }));

  const radio = (name, value, label, checked) => h('label.choice', h('input', { type: 'radio', name, value, checked }), h('span', label));
  const year = h('select#new-year', { attrs: { 'aria-label': 'Năm của kế hoạch hằng năm' } }, planYears().map((y) => h('option', { value: y }, `Năm ${y}`)));
  const path = h('input#new-path', { type: 'text', value: paths.new_plan || '', attrs: { spellcheck: 'false', 'aria-describedby': 'new-path-note' } });
  const error = h('div.form-error', { attrs: { role: 'alert' } });
  const form = h('form.card.new-plan', { attrs: { 'aria-labelledby': 'new-title' } },
    h('h2#new-title', 'Tạo kế hoạch mới'),
    h('fieldset', h('legend', 'Cấp'), radio('level', 'tinh', 'Tỉnh, thành phố', true), radio('level', 'bo', 'Bộ, ngành', false)),
    h('fieldset', h('legend', 'Loại kế hoạch'), radio('kind', 'five-year', 'Kế hoạch 5 năm 2026–2030', true),
      h('div.row.tight', radio('kind', 'annual', 'Kế hoạch hằng năm', false), year)),
    h('fieldset', h('legend', 'Nội dung ban đầu'), radio('content', 'empty', 'Để trống, theo khung mục của Khung', true), radio('content', 'sample', 'Từ kế hoạch mẫu (tỉnh Hòa Sơn, hư cấu)', false)),
    h('div.field.wide', h('label', { htmlFor: 'new-path' }, 'Lưu tại'), h('div.row.tight', path,
      h('button', { type: 'button', onclick: async () => {
        const p = await pickSaveFile({ title: 'Lưu kế hoạch mới', name: 'Kế hoạch (.khcds)', extensions: ['khcds'], defaultPath: path.value }).catch((e) => { toast(e.message, 'error'); return null; });
        if (p) path.value = p.endsWith('.khcds') ? p : `${p}.khcds`;
      } }, 'Chọn…')), h('div.note#new-path-note', 'Một kế hoạch là một tệp .khcds; có thể sao chép, gửi như một văn bản.')),
    error,
    h('div.row.end', h('button.primary#create', { type: 'submit' }, 'Tạo kế hoạch')));
  year.addEventListener('change', () => { form.querySelector('input[value="annual"]').checked = true; });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const fd = new FormData(form);
    const kind = fd.get('kind');
    const btn = form.querySelector('#create');
    btn.disabled = true;
    try {
      const view = await invoke('new_plan', {
        path: nfc(path.value.trim()), level: fd.get('level'), kind,
        year: kind === 'annual' ? Number(year.value) : null, sample: fd.get('content') === 'sample',
      });
      await showMain(view);
      toast('Đã tạo kế hoạch mới.');
    } catch (err) {
      error.textContent = err.message;
    } finally {
      btn.disabled = false;
    }
  });

  const recentList = h('ul.recent', { attrs: { 'aria-label': 'Tệp mở gần đây' } });
  const renderRecent = (items) => {
    clear(recentList);
    if (!items.length) recentList.append(h('li.empty', 'Chưa có tệp nào.'));
    for (const r of items) {
      recentList.append(h('li',
        h('button.recent-item', { type: 'button', disabled: !r.exists, onclick: () => openPath(r.path) },
          h('span.title', r.title), h('span.desc', `${r.description}${r.exists ? '' : ' · không tìm thấy tệp'}`), h('span.path', r.path),
          h('span.time', formatTime(r.opened_at))),
        h('button.forget', { type: 'button', title: 'Bỏ khỏi danh sách', attrs: { 'aria-label': `Bỏ ${r.title} khỏi danh sách` },
          onclick: async () => renderRecent(await invoke('forget_recent', { path: r.path })) }, '×')));
    }
  };
  renderRecent(recent);
  el.append(h('div.start',
    h('header.start-head', h('div.brand', h('span.seal', 'CĐS'), h('div', h('h1', 'Soạn Kế hoạch chuyển đổi số'),
      h('p', 'theo Khung Kế hoạch chuyển đổi số cấp bộ, tỉnh giai đoạn 2026–2030')))),
    notice && h('div.notice', { attrs: { role: 'status' } }, notice),
    h('div.start-grid', form,
      h('section.card.open-plan', h('h2', 'Mở kế hoạch'),
        h('button.primary#open-file', { type: 'button', onclick: openDialog }, 'Mở tệp .khcds…'),
        h('h3', 'Mở gần đây'), recentList)),
    h('footer.start-foot', `Làm việc ngoại tuyến · phiên bản ${app.startup ? app.startup.version : ''} · Ctrl+O: mở tệp`)));
  form.querySelector('input[name="level"]').focus();
}

async function openDialog() {
  const p = await pickOpenFile({ title: 'Mở kế hoạch', name: 'Kế hoạch (.khcds)', extensions: ['khcds'] }).catch((e) => { toast(e.message, 'error'); return null; });
  if (p) await openPath(p);
}

async function openPath(path) {
  try {
    if (app.saver) await app.saver.flush().catch(() => {});
    const view = await invoke('open_plan', { path });
    await showMain(view);
  } catch (e) {
    toast(e.message, 'error');
  }
}

// --- main screen ---------------------------------------------------------------------

const ctx = {
  get plan() { return app.view.plan; },
  get framework() { return app.framework; },
  get fwIndex() { return app.fwIndex; },
  get catalog() { return app.catalog; },
  get saver() { return app.saver; },
  openTasks: app.openTasks,
  touched: () => { if (touchActiveField()) setFindings(app.view.findings); },
  rerender: (opts) => renderEditor(opts),
  markFields: () => markFields(),
  refreshTree: () => renderTree(),
  select: (key, opts) => select(key, opts),
  confirm: (m) => confirmDialog(m),
  renameRow: (id, title) => {
    const t = document.querySelector(`.tree-item[data-key="${CSS.escape(id)}"] .t`);
    if (t) t.textContent = title || 'Mục mới';
  },
};

function setStatus(state, { canUndo, canRedo }) {
  const s = document.getElementById('save-status');
  if (!s) return;
  s.dataset.state = state;
  s.textContent = { saved: 'Đã lưu', saving: 'Đang lưu…', error: 'Chưa lưu được' }[state];
  document.getElementById('btn-undo').disabled = !canUndo;
  document.getElementById('btn-redo').disabled = !canRedo;
}

async function showMain(view) {
  normalizePlan(view.plan);
  app.view = view;
  app.openTasks.clear();
  app.touchedFields.clear();
  app.exportAsked = false;
  if (!app.saver) {
    app.saver = new Saver({
      delay: (app.startup && app.startup.settings.autosave_delay_ms) || 400,
      onApplied: (res) => { app.view.filled = res.filled; setFindings(res.findings); updateMarks(); if (app.preview) app.preview.schedule(); },
      onStatus: setStatus,
      onError: (e) => { toast(`Không lưu được thay đổi: ${e.message}`, 'error'); resync(); },
    });
  }
  app.saver.reset();
  document.body.dataset.screen = 'main';
  const plan = view.plan;
  const el = clear(root());
  el.append(
    h('header.topbar',
      h('div.brand.small', h('span.seal', 'CĐS')),
      h('div.doc', h('div.doc-name', { title: view.path }, view.file_name), h('div.doc-meta', `Kế hoạch ${levelLabel(plan.meta.level)}, ${kindLabel(plan.meta.kind)}`)),
      h('div#save-status', { attrs: { role: 'status', 'aria-live': 'polite' }, dataset: { state: 'saved' } }, 'Đã lưu'),
      h('div.actions',
        h('button#btn-undo', { type: 'button', title: 'Hoàn tác (Ctrl+Z)', onclick: undo }, '↶ Hoàn tác'),
        h('button#btn-redo', { type: 'button', title: 'Làm lại (Ctrl+Y)', onclick: redo }, '↷ Làm lại'),
        h('button#btn-history', { type: 'button', title: 'Lịch sử phiên bản (Ctrl+H)', onclick: showHistory }, 'Phiên bản'),
        plan.meta.kind.type === 'five-year' && deriveButton({ modal, toast, saver: app.saver, showMain }),
        h('button.primary#btn-export', { type: 'button', title: 'Xuất văn bản (Ctrl+E)', onclick: showExport }, 'Xuất…'),
        h('button#btn-close', { type: 'button', title: 'Đóng kế hoạch, về màn hình đầu', onclick: closePlan }, 'Đóng'))),
    h('div.workspace',
      h('nav#tree.tree', { attrs: { 'aria-label': 'Các mục của kế hoạch (Alt+1)' } }),
      h('main#editor.editor', { attrs: { 'aria-label': 'Soạn thảo (Alt+2)', tabindex: '-1' } }),
      h('aside.side',
        h('div.side-top',
          h('div.side-tabs', { attrs: { role: 'tablist' } },
            h('button#tab-guidance', { type: 'button', attrs: { role: 'tab' }, onclick: () => showSideTab('guidance') }, 'Hướng dẫn'),
            h('button#tab-preview', { type: 'button', attrs: { role: 'tab', title: 'Các trang như bản PDF sẽ in (Ctrl+P)' }, onclick: () => showSideTab('preview') }, 'Xem trước')),
          h('section#guidance.guidance', { attrs: { 'aria-label': 'Hướng dẫn của Khung', role: 'tabpanel' } }),
          h('section#preview-pane.preview-pane', { attrs: { 'aria-label': 'Xem trước các trang', role: 'tabpanel' } })),
        h('section#findings.findings', { attrs: { 'aria-label': 'Kết quả kiểm tra (Alt+3)' } }))),
    h('datalist#units', app.catalog.units.map((u) => h('option', { value: u.symbol }, u.description))),
    h('datalist#bodies', [...app.catalog.bodies.ministries.names, ...app.catalog.bodies.provinces.names.map((p) => `Ủy ban nhân dân ${p.replace(/^Thành phố/, 'thành phố').replace(/^Tỉnh/, 'tỉnh')}`)].map((n) => h('option', { value: n }))));
  app.selected = app.selected && keyExists(app.selected) ? app.selected : 'header';
  if (app.preview) app.preview.unmount();
  app.preview = new PreviewPane({
    invoke,
    onJump: (a) => select(a.key, a.field ? { focus: a.field } : {}),
    onError: (e) => toast(`Không dựng được bản xem trước: ${e.message}`, 'error'),
  });
  showSideTab(app.sideTab);
  setFindings(view.findings);
  renderTree();
  renderEditor();
  app.saver.status();
  document.title = `${view.file_name} — Soạn Kế hoạch chuyển đổi số`;
}

function keyExists(key) {
  if (key === EVALUATION_KEY) return hasEvaluation(app.view.plan);
  return key in PSEUDO || !!findSection(app.view.plan, key);
}

/** The side panel's upper tab: the Khung's guidance, or the preview of the pages. */
function showSideTab(tab) {
  app.sideTab = tab;
  document.body.dataset.side = tab;
  for (const t of ['guidance', 'preview']) {
    const b = document.getElementById(`tab-${t}`);
    if (b) b.setAttribute('aria-selected', String(t === tab));
  }
  const pane = document.getElementById('preview-pane');
  if (!pane || !app.preview) return;
  if (tab === 'preview' && !app.preview.mounted) {
    clear(pane);
    app.preview.mount(pane);
    app.preview.follow(app.selected);
  }
  if (tab !== 'preview' && app.preview.mounted) { app.preview.unmount(); clear(pane); }
}

async function closePlan() {
  try { await app.saver.flush(); } catch (e) { toast(e.message, 'error'); return; }
  await invoke('close_plan').catch(() => {});
  app.selected = 'header';
  await showStart();
}

/** After a failed save, take the plan back from the file so screen and file agree. */
async function resync() {
  try {
    const view = await invoke('load_plan');
    normalizePlan(view.plan);
    app.view = view;
    setFindings(view.findings);
    renderTree();
    renderEditor();
    app.preview.schedule();
  } catch (e) {
    toast(e.message, 'error');
  }
}

// tree

function renderTree() {
  const nav = clear(document.getElementById('tree'));
  const rows = treeRows(app.view.plan, app.fwIndex);
  const list = h('ul', { attrs: { role: 'tree' } });
  for (const r of rows) {
    list.append(h('li', { attrs: { role: 'none' } },
      h(`button.tree-item.d${Math.min(r.depth, 3)}${r.custom ? '.custom' : ''}`, {
        type: 'button', dataset: { key: r.key }, attrs: { role: 'treeitem', tabindex: r.key === app.selected ? '0' : '-1', 'aria-selected': String(r.key === app.selected) },
        onclick: () => select(r.key),
      }, h('span.mark', { attrs: { 'aria-hidden': 'true' } }), r.number && h('span.n', r.number), h('span.t', r.title), h('span.count'))));
  }
  list.addEventListener('keydown', (e) => {
    const items = [...list.querySelectorAll('.tree-item')];
    const i = items.indexOf(document.activeElement);
    if (i < 0) return;
    let j = null;
    if (e.key === 'ArrowDown') j = Math.min(items.length - 1, i + 1);
    else if (e.key === 'ArrowUp') j = Math.max(0, i - 1);
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = items.length - 1;
    if (j !== null) {
      e.preventDefault();
      items.forEach((x) => x.setAttribute('tabindex', '-1'));
      items[j].setAttribute('tabindex', '0');
      items[j].focus();
    }
  });
  nav.append(h('div.tree-head', 'Các mục của kế hoạch'), list);
  updateMarks();
  updateCounts();
}

/** The tree's marks: what the engine counts as filled in (the view's `filled`, renewed
 * after every saved edit). */
function updateMarks() {
  const rows = treeRows(app.view.plan, app.fwIndex);
  for (const r of rows) {
    const b = document.querySelector(`.tree-item[data-key="${CSS.escape(r.key)}"]`);
    if (!b) continue;
    const filled = !!app.view.filled[r.key];
    b.classList.toggle('filled', filled);
    b.querySelector('.mark').textContent = filled ? '✓' : '○';
    b.setAttribute('aria-label', `${r.number} ${r.title}${filled ? ', đã có nội dung' : ', chưa có nội dung'}`.trim());
  }
}

function updateCounts() {
  const counts = new Map();
  app.view.findings.forEach((f, i) => {
    const key = app.locs[i].key;
    const c = counts.get(key) || { error: 0, warning: 0, hint: 0, todo: 0 };
    c[app.calm[i] ? 'todo' : f.severity]++;
    counts.set(key, c);
  });
  for (const b of document.querySelectorAll('.tree-item')) {
    const c = counts.get(b.dataset.key);
    const span = b.querySelector('.count');
    const n = c ? c.error + c.warning + c.hint : 0;
    span.textContent = n ? String(n) : '';
    span.className = `count${n ? (c.error ? ' error' : c.warning ? ' warning' : ' hint') : ''}`;
    span.title = n ? `${c.error} lỗi, ${c.warning} cảnh báo, ${c.hint} gợi ý` : (c && c.todo ? `${c.todo} mục chưa điền` : '');
  }
}

// selection and editor

function select(key, opts = {}) {
  if (!keyExists(key)) key = 'header';
  app.selected = key;
  for (const b of document.querySelectorAll('.tree-item')) {
    const on = b.dataset.key === key;
    b.classList.toggle('selected', on);
    b.setAttribute('aria-selected', String(on));
    b.setAttribute('tabindex', on ? '0' : '-1');
  }
  if (!document.querySelector(`.tree-item[data-key="${CSS.escape(key)}"]`)) renderTree();
  // Another section opens at its top (unless a field in it is to be shown). Reset while
  // the old content is still laid out, so no layout of the new one is forced here.
  const changed = key !== app.shown;
  if (changed && !opts.focus) document.getElementById('editor').scrollTop = 0;
  renderEditor(opts);
  if (changed && app.findingsFilter === 'section') renderFindings();
  if (app.preview) app.preview.follow(key);
}

function headingOf(key) {
  const plan = app.view.plan;
  if (key in PSEUDO) return { number: '', title: PSEUDO[key].title };
  if (key === EVALUATION_KEY) return evaluationHeading(plan);
  const s = findSection(plan, key).section;
  const fs = app.fwIndex.get(key);
  return { number: fs ? fs.number : '', title: s.origin === 'custom' ? s.title || 'Mục mới' : wording(fs.heading, plan.meta.level), custom: s.origin === 'custom' };
}

function renderEditor(opts = {}) {
  const ed = document.getElementById('editor');
  if (!ed) return;
  const key = app.selected;
  app.shown = key;
  const active = document.activeElement;
  const keepField = opts.focus || (ed.contains(active) && active.dataset && active.dataset.field) || null;
  const scroll = ed.scrollTop;
  clear(ed);
  const hd = headingOf(key);
  let body;
  if (key === 'header') body = headerEditor(ctx);
  else if (key === 'opening') body = openingEditor(ctx);
  else if (key === 'closing') body = closingEditor(ctx);
  else if (key === EVALUATION_KEY) body = evaluationEditor(ctx);
  else body = sectionEditor(ctx, findSection(app.view.plan, key).section);
  ed.append(h('div.page', h('h2.section-title', hd.number && h('span.n', hd.number), ' ', hd.title, hd.custom && h('span.badge', 'mục thêm')), body));
  for (const b of document.querySelectorAll('.tree-item')) b.classList.toggle('selected', b.dataset.key === key);
  renderGuidance();
  markFields();
  if (opts.focus) focusField(opts.focus, opts.item, !opts.noFlash);
  else if (opts.focusLast) { const ces = ed.querySelectorAll('.ce'); if (ces.length) ces[ces.length - 1].focus(); }
  else if (keepField && !opts.noRestore) { ed.scrollTop = scroll; focusField(keepField, null, false); }
}

function focusField(field, item, flash = true) {
  const ed = document.getElementById('editor');
  // A task card builds its fields when first opened: open the one the field is in.
  const task = /^task\.([^.]+)/.exec(field || item || '');
  if (task) {
    const card = ed.querySelector(`details[data-item="task.${CSS.escape(task[1])}"]`);
    if (card) { card.ensureBody(); card.open = true; }
  }
  let el = field && ed.querySelector(`[data-field="${CSS.escape(field)}"]`);
  if (!el && field) {
    const prefix = [...ed.querySelectorAll('[data-field]')].find((x) => field.startsWith(x.dataset.field) || x.dataset.field.startsWith(field));
    el = prefix || null;
  }
  if (!el && item) el = ed.querySelector(`[data-item="${CSS.escape(item)}"]`);
  if (!el) el = ed.querySelector('input, textarea, .ce, select');
  if (!el) return;
  const det = el.closest('details');
  if (det && !det.open) det.open = true;
  let target = el;
  if (el.classList.contains('blocks') || el.tagName === 'FIELDSET' || el.dataset.item) target = el.querySelector('.ce') || el.querySelector('input, textarea, select') || el;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'center' });
  if (flash) {
    const box = el.closest('.field, .card, .rich') || el;
    box.classList.remove('flash');
    void box.offsetWidth;
    box.classList.add('flash');
  }
}

// guidance and suggestions

function renderGuidance() {
  const g = clear(document.getElementById('guidance'));
  const key = app.selected;
  const plan = app.view.plan;
  const level = plan.meta.level;
  const parts = [h('h2', 'Hướng dẫn của Khung')];
  const legalSuggestions = (intoSection) => app.framework.legal_bases.map((lb) => {
    const doc = app.catalog.legal_documents.find((d) => d.id === lb.catalog_id);
    const used = plan.opening.legal_bases.some((x) => x.catalog_id === lb.catalog_id);
    return h('li.sugg', h('p', lb.khung_text), h('div.row.tight',
      intoSection && h('button.small', { type: 'button', onclick: () => insertSuggestion(ctx, findSection(plan, 'I').section, { text: lb.khung_text }) }, 'Chèn vào mục I'),
      doc && h('button.small', { type: 'button', disabled: used, onclick: () => addCatalog(ctx, doc) }, used ? 'Đã có trong căn cứ' : 'Thêm vào căn cứ')));
  });
  if (key === 'header') {
    parts.push(h('p', 'Điền tên cơ quan ban hành, số và ký hiệu (ví dụ “/KH-UBND” trước khi lấy số), địa danh, ngày ban hành và trích yếu. Các thông tin này đứng ở đầu văn bản theo Nghị định 30/2020/NĐ-CP.'));
  } else if (key === 'opening') {
    parts.push(h('p', 'Mục I của Khung lưu ý các văn bản sau; bấm để thêm vào căn cứ ban hành.'), h('ul.suggs', legalSuggestions(false)));
  } else if (key === 'closing') {
    parts.push(h('p', 'Nơi nhận: các cơ quan nhận văn bản, dòng cuối “Lưu: VT, …”. Người ký: thẩm quyền ký (TM., KT., …), chức vụ, họ và tên.'));
  } else if (key === EVALUATION_KEY) {
    parts.push(evaluationGuidancePanel());
  } else {
    const fs = app.fwIndex.get(key);
    if (!fs) parts.push(h('p.muted', 'Mục do người soạn thêm: Khung không có hướng dẫn riêng.'));
    else {
      parts.push(h('div.guidance-text', (fs.guidance || []).map((p) => h('p', p))));
      const suggs = (fs.suggestions || []).filter((s) => !s.only || s.only === level);
      if (suggs.length) {
        const section = findSection(plan, key).section;
        parts.push(h('h3', 'Gợi ý của Khung'), h('ul.suggs', suggs.map((s) => h('li.sugg',
          h('p', wording(s.text, level)), s.items && s.items.length ? h('ul', s.items.map((i) => h('li', wording(i, level)))) : null,
          h('button.small', { type: 'button', onclick: () => insertSuggestion(ctx, section, s) }, 'Chèn vào nội dung')))));
      }
      // The minimum indicators of this section and of its sub-sections (2.1 lists those of
      // a) and b)): the guidance ends with "… bao gồm các chỉ tiêu sau:", this is the list.
      const groups = [fs, ...(fs.children || [])].map((x) => ({ fs: x, group: sectionGroup(x.id) })).filter((x) => x.group);
      const minimumLine = (n) => `${wording(n.name, level)} (tối thiểu ${n.targets.map((t) => `${periodLabel(t.period)}: ${comparatorSymbol(t.comparator)} ${valueWithUnit(String(t.value).replace('.', ','), n.unit)}`).join('; ')})`;
      for (const { fs: gfs, group } of groups) {
        const nats = app.framework.indicators.filter((n) => n.group === group);
        if (!nats.length) continue;
        const missing = missingMinimums(ctx, group);
        const own = gfs.id === key;
        parts.push(h('h3', own ? 'Chỉ tiêu tối thiểu của Khung' : `${gfs.number} ${wording(gfs.heading, level)}`),
          h('ul.minimums', { dataset: { group } }, nats.map((n) => h('li', own ? null : minimumLine(n), own ? minimumSugg(n, group, minimumLine) : null))),
          missing.length ? h('button.small.add-minimums', { type: 'button', dataset: { group }, onclick: () => {
            const n = addMissingMinimums(ctx, group);
            if (own) renderGuidance(); else select(gfs.id);
            toast(`Đã thêm ${n} chỉ tiêu tối thiểu của Khung.`);
          } }, `Thêm tất cả chỉ tiêu tối thiểu (${missing.length})`) : h('p.muted', 'Kế hoạch đã có đủ các chỉ tiêu tối thiểu này.'));
      }
      if (key === 'I') parts.push(h('h3', 'Văn bản Khung lưu ý'), h('ul.suggs', legalSuggestions(true)));
    }
  }
  g.append(...parts);
}

/** One Khung minimum indicator in the guidance, with its "add" button. */
function minimumSugg(n, group, line) {
  const used = app.view.plan.indicators.some((i) => i.national === n.id);
  return h('div.sugg', { dataset: { field: `national.${n.id}` } }, h('p', line(n)),
    h('button.small', { type: 'button', disabled: used, onclick: () => addIndicator(ctx, { group, national: n }) }, used ? 'Đã có trong kế hoạch' : 'Thêm chỉ tiêu này'));
}

// findings

/** Findings that only say something is not filled in yet (the engine's list of such
 * rules) show as progress ("chưa điền"), not as errors, until the drafter touches that
 * field or asks for an export. */
function isCalm(f, loc) {
  if (app.exportAsked || !isUnfilled(f)) return false;
  const field = loc.field || loc.key;
  for (const t of app.touchedFields) {
    if (t === field || field.startsWith(`${t}.`) || t.startsWith(`${field}.`)) return false;
  }
  return true;
}

/** Records the field being edited as touched: its findings show at full severity. */
function touchActiveField() {
  const a = document.activeElement;
  const holder = a && a.closest ? a.closest('[data-field]') : null;
  if (holder && !app.touchedFields.has(holder.dataset.field)) {
    app.touchedFields.add(holder.dataset.field);
    return true;
  }
  return false;
}

/** Where a finding is, in words, before its message: "Mục III.3 · ", "Thông tin văn bản · ".
 * The message names the task or indicator; this adds the section it sits in. */
function findingPlace(f, loc) {
  const key = loc.key;
  if (key in PSEUDO) return `${PSEUDO[key].title} · `;
  if (!keyExists(key)) return '';
  const hd = headingOf(key);
  return hd.custom || key === EVALUATION_KEY ? `${hd.title} · ` : `Mục ${key} · `;
}

function jumpToFinding(f) {
  const loc = locate(app.view.plan, f, app.framework);
  select(loc.key, { focus: loc.field, item: loc.item });
}

function setFindings(findings) {
  app.view.findings = findings;
  app.locs = findings.map((f) => locate(app.view.plan, f, app.framework));
  app.calm = findings.map((f, i) => isCalm(f, app.locs[i]));
  renderFindings();
  updateCounts();
  markFields();
}

function renderFindings() {
  const findings = app.view.findings;
  const box = clear(document.getElementById('findings'));
  const n = { error: 0, warning: 0, hint: 0, todo: 0 };
  findings.forEach((f, i) => { n[app.calm[i] ? 'todo' : f.severity]++; });
  const only = app.findingsFilter === 'section';
  const filter = h('label.check.filter', h('input#findings-filter', { type: 'checkbox', checked: only,
    onchange: (e) => { app.findingsFilter = e.target.checked ? 'section' : 'all'; renderFindings(); } }), ' Chỉ mục đang xem');
  box.append(h('div.findings-head', h('h2', 'Kiểm tra ', h('span.counts', h('span.c.error', `${n.error} lỗi`), h('span.c.warning', `${n.warning} cảnh báo`), h('span.c.hint', `${n.hint} gợi ý`),
    n.todo ? h('span.c.todo', `${n.todo} chưa điền`) : null)), filter));
  const list = h('ul.finding-list');
  let shown = 0;
  findings.forEach((f, i) => {
    if (only && app.locs[i].key !== app.selected) return;
    shown++;
    const calm = app.calm[i];
    const sev = calm ? 'todo' : f.severity;
    list.append(h('li', h(`button.finding.${sev}`, {
      type: 'button', dataset: { rule: f.rule, severity: sev, loc: [f.location.part, f.location.id || '', f.location.field || ''].join(':') }, title: f.hint,
      onclick: () => jumpToFinding(f),
    }, h('span.sev', calm ? 'Chưa điền' : severityLabel(f.severity)), h('span.msg', h('span.place', findingPlace(f, app.locs[i])), f.message), f.hint && h('span.hint', f.hint))));
  });
  if (!findings.length) list.append(h('li.ok', 'Không phát hiện vấn đề nào.'));
  else if (!shown) list.append(h('li.ok', 'Mục này không có vấn đề nào.'));
  box.append(list);
}

function markFields() {
  const ed = document.getElementById('editor');
  if (!ed || !app.view) return;
  for (const el of ed.querySelectorAll('.has-finding')) { el.classList.remove('has-finding'); el.removeAttribute('aria-invalid'); el.removeAttribute('title'); }
  app.view.findings.forEach((f, i) => {
    const loc = app.locs[i];
    if (loc.key !== app.selected || !loc.field || app.calm[i]) return;
    const el = ed.querySelector(`[data-field="${CSS.escape(loc.field)}"]`) || (loc.item && ed.querySelector(`[data-item="${CSS.escape(loc.item)}"]`));
    if (el) { el.classList.add('has-finding'); el.setAttribute('aria-invalid', 'true'); el.title = f.message; }
  });
}

// undo / redo

async function undo() { await undoRedo(() => app.saver.undo(), 'Không còn gì để hoàn tác.', 'Đã hoàn tác'); }
async function redo() { await undoRedo(() => app.saver.redo(), 'Không còn gì để làm lại.', 'Đã làm lại'); }

/** A few words naming what a step changed, for the note after undo and redo. */
function describeStep(step) {
  const edits = [].concat(step.edit);
  const e = edits[0];
  const name = (v, fallback) => (v && v.trim() ? `«${v.trim()}»` : fallback);
  if (edits.length > 1 && e.op === 'put-item') return `thêm ${edits.length} ${e.item.list === 'indicator' ? 'chỉ tiêu' : 'mục'}`;
  switch (e.op) {
    case 'update-section': { const hd = keyExists(e.id) ? headingOf(e.id) : null; return `sửa nội dung mục ${hd ? `${hd.number} ${hd.title}`.trim() : ''}`; }
    case 'insert-section': return `thêm mục ${name(e.section.title, 'mới')}`;
    case 'delete-section': return 'xóa một mục';
    case 'move-section': return 'chuyển chỗ một mục';
    case 'set-header': return 'sửa thông tin văn bản';
    case 'set-opening': return 'sửa căn cứ ban hành';
    case 'set-signer': return 'sửa người ký';
    case 'set-recipients': return 'sửa nơi nhận';
    case 'put-item': {
      const v = e.item.value;
      if (e.item.list === 'task') return `sửa nhiệm vụ ${name(v.name, 'chưa đặt tên')}`;
      if (e.item.list === 'indicator') return `sửa chỉ tiêu ${name(v.name, 'chưa đặt tên')}`;
      return `sửa trách nhiệm của ${name(v.unit, 'một đơn vị')}`;
    }
    case 'delete-item': return 'xóa một mục trong danh sách';
    case 'move-item': return 'chuyển chỗ một mục trong danh sách';
    case 'annual': return e.edit.what === 'layout' ? 'đổi bố cục văn bản' : 'sửa phần đánh giá năm trước';
    default: return 'một thay đổi';
  }
}

/** The tree key an edit changed, to show it after undo or redo. */
function keyOfEdit(edit) {
  const e = [].concat(edit)[0];
  if (e.op === 'update-section' || e.op === 'move-section') return e.id;
  if (e.op === 'insert-section') return e.section.id;
  if (e.op === 'set-header') return 'header';
  if (e.op === 'set-opening') return 'opening';
  if (e.op === 'set-signer' || e.op === 'set-recipients') return 'closing';
  if (e.op === 'annual') return EVALUATION_KEY;
  return null;
}

async function undoRedo(step, emptyMessage, done) {
  if (!app.view) return;
  // The field being edited, to give it the focus back (a paragraph's field is its list).
  const active = document.activeElement;
  const holder = active && active.closest ? active.closest('[data-field]') : null;
  const field = holder ? holder.dataset.field : null;
  const taken = await step();
  if (!taken) { toast(emptyMessage); return; }
  const view = await invoke('load_plan');
  normalizePlan(view.plan);
  app.view = view;
  setFindings(view.findings);
  renderTree();
  const key = keyOfEdit(taken.edit);
  const target = key && keyExists(key) ? key : (keyExists(app.selected) ? app.selected : 'header');
  select(target, field && target === app.selected ? { focus: field, noFlash: true } : {});
  app.preview.schedule();
  toast(`${done}: ${describeStep(taken)}.`);
}

// export

/** The errors of the plan, for the summary before an export or a signature. */
function errorFindings() {
  return app.view.findings.filter((f) => f.severity === 'error');
}

/** A short list of the plan's errors, each a link to its field. */
function errorSummary(errors, onJump) {
  const shown = errors.slice(0, 5);
  return h('div.error-summary#export-errors', { attrs: { role: 'alert' } },
    h('strong', `Kế hoạch còn ${errors.length} lỗi chưa sửa.`),
    h('ul', shown.map((f) => h('li', h('a', { href: '#', onclick: (e) => { e.preventDefault(); onJump(f); } }, findingPlace(f, locate(app.view.plan, f, app.framework)), f.message)))),
    errors.length > shown.length && h('p.muted', `… và ${errors.length - shown.length} lỗi khác (xem ở khung “Kiểm tra”).`));
}

async function showExport() {
  if (!app.view) return;
  try { await app.saver.flush(); } catch (e) { toast(e.message, 'error'); return; }
  // Asking for an export shows every finding at its full severity from now on.
  if (!app.exportAsked) { app.exportAsked = true; setFindings(app.view.findings); }
  const formats = app.startup.formats;
  // Word unless the drafter last chose PDF: JSON is for exchanging data, not the default.
  let format = formats.find((f) => f.id === app.startup.settings.export_format && f.id !== 'json') || formats.find((f) => f.id === 'docx');
  const errors = errorFindings();
  const dest = h('input#export-path', { type: 'text', attrs: { spellcheck: 'false' } });
  // The plan, or the yearly report of an annual plan with an evaluation (the engine says
  // which, with their labels); the report is a Word or PDF document only.
  let docKind = 'ke-hoach';
  const isReport = () => docKind === 'bao-cao';
  let pathRequest = 0;
  const setDefault = async () => {
    const ticket = ++pathRequest;
    const before = dest.value;
    const p = await invoke('default_paths', { format: format.id, document: docKind });
    // A path typed or chosen while the engine answered stays; so does a newer request's.
    if (ticket === pathRequest && dest.value === before) dest.value = p.export || '';
    return p;
  };
  const draft = h('input#export-draft', { type: 'checkbox', checked: errors.length > 0 });
  const draftNote = h('div.note#export-draft-note');
  const go = h('button.primary#export-go', { type: 'button' }, 'Xuất');
  // Both writers print the draft mark on every page; JSON is data, not a document.
  const syncDraft = () => {
    draft.disabled = format.id === 'json';
    const isDraft = draft.checked && !draft.disabled;
    go.textContent = isDraft ? 'Xuất bản dự thảo' : 'Xuất';
    let note = '';
    if (isDraft) note = 'Mọi trang sẽ in chữ “DỰ THẢO”.';
    else if (errors.length && format.id !== 'json') note = 'Văn bản còn lỗi sẽ được xuất như bản chính thức.';
    draftNote.textContent = note;
    draftNote.className = `note${errors.length && !isDraft && format.id !== 'json' ? ' warn' : ''}`;
  };
  draft.addEventListener('change', syncDraft);
  const choices = formats.map((f) => h('label.choice', h('input', { type: 'radio', name: 'format', value: f.id, checked: f === format,
    onchange: () => { format = f; setDefault(); syncDraft(); } }), h('span', f.label)));
  const documents = h('fieldset#export-document', { hidden: true }, h('legend', 'Văn bản'));
  const chooseDocument = (id) => {
    docKind = id;
    const inputs = choices.map((c) => c.querySelector('input'));
    const json = inputs.find((i) => i.value === 'json');
    json.disabled = isReport();
    // Choosing the report while JSON is chosen moves to Word (its onchange sets the path).
    if (json.disabled && json.checked) inputs.find((i) => i.value === 'docx').click();
    else setDefault();
  };
  const showDocuments = (offered) => {
    if (offered.length < 2) return;
    documents.hidden = false;
    documents.append(...offered.map((d) => h('label.choice', h('input', { type: 'radio', name: 'document', value: d.id, checked: d.id === docKind,
      onchange: () => chooseDocument(d.id) }), h('span', d.label))));
  };
  const progress = h('progress#export-progress', { max: 100, value: 0 });
  const message = h('div#export-message', { attrs: { role: 'status', 'aria-live': 'polite' } }, '');
  const after = h('div.row#export-after');
  go.addEventListener('click', async () => {
    clear(after);
    go.disabled = true;
    progress.value = 0;
    message.textContent = 'Đang bắt đầu…';
    message.className = '';
    const isDraft = draft.checked && !draft.disabled;
    try {
      await app.saver.flush();
      app.exportBacklog = [];
      const job = await invoke('export_plan', { format: format.id, document: docKind, path: nfc(dest.value.trim()), draft: isDraft });
      const handler = (p) => {
        if (p.job !== job) return;
        progress.value = p.percent;
        message.textContent = p.error ? `${p.message} ${p.error}` : p.message;
        if (!p.done) return;
        go.disabled = false;
        app.exportHandler = null;
        if (p.error) { message.className = 'error'; return; }
        message.className = 'ok';
        message.textContent = `Đã xuất${isDraft ? ' bản dự thảo' : ''}: ${p.path}`;
        app.startup.settings.export_format = format.id;
        after.append(...openButtons(p.path, 'open-exported', 'open-folder'));
        // A draft is not signed; a final document is (asking first if the plan has errors).
        if ((format.id === 'docx' || format.id === 'pdf') && !isDraft) {
          after.append(h('button#sign-exported', { type: 'button', onclick: () => showSign(p.path, () => errorFindings().length) }, 'Ký số…'));
        }
        after.querySelector('button').focus();
      };
      app.exportHandler = handler;
      const early = app.exportBacklog.filter((p) => p.job === job);
      app.exportBacklog = [];
      early.forEach(handler);
    } catch (e) {
      go.disabled = false;
      message.className = 'error';
      message.textContent = e.message;
    }
  });
  const jump = (f) => { d.close(); jumpToFinding(f); };
  const d = modal('Xuất văn bản', [
    errors.length ? errorSummary(errors, jump) : null,
    documents,
    h('fieldset', h('legend', 'Định dạng'), choices),
    h('label.check.draft', draft, ' Bản dự thảo: in chữ “DỰ THẢO” trên mọi trang'), draftNote,
    h('div.field.wide', h('label', { htmlFor: 'export-path' }, 'Lưu tại'), h('div.row.tight', dest,
      h('button', { type: 'button', onclick: async () => {
        const p = await pickSaveFile({ title: 'Xuất văn bản', name: format.label, extensions: [format.extension], defaultPath: dest.value }).catch((e) => { toast(e.message, 'error'); return null; });
        if (p) dest.value = p.endsWith(`.${format.extension}`) ? p : `${p}.${format.extension}`;
      } }, 'Chọn…'))),
    h('p.muted', 'Trước khi xuất, chương trình tự lưu một phiên bản của kế hoạch.'),
    progress, message, h('div.row.end', after, go),
  ]);
  syncDraft();
  showDocuments((await setDefault()).documents || []);
}

// revisions

async function showHistory() {
  if (!app.view) return;
  try { await app.saver.flush(); } catch (e) { toast(e.message, 'error'); return; }
  const list = h('ul.revisions');
  const label = h('input#revision-label', { type: 'text', attrs: { placeholder: 'Ghi chú (không bắt buộc), ví dụ: Bản trình lãnh đạo', 'aria-label': 'Ghi chú phiên bản' } });
  const refresh = async () => {
    const revs = await invoke('revisions');
    clear(list);
    if (!revs.length) list.append(h('li.empty', 'Chưa có phiên bản nào được lưu.'));
    for (const r of revs) {
      list.append(h('li.revision', h('div', h('strong', formatTime(r.created_at)), ' · ', r.reason_label, r.label && h('div.label', r.label)),
        h('button.small', { type: 'button', dataset: { revision: r.id }, onclick: async () => {
          if (!(await confirmDialog(`Khôi phục phiên bản lúc ${formatTime(r.created_at)}? Kế hoạch hiện tại sẽ được lưu lại thành một phiên bản trước khi khôi phục.`, 'Khôi phục'))) return;
          try {
            const { view, dropped } = await invoke('restore_revision', { id: r.id });
            d.close();
            await showMain(view);
            toast('Đã khôi phục phiên bản; bản trước khi khôi phục đã được lưu lại.');
            // Damaged parts of the revision came back as their defaults or were left out.
            if (dropped.length) {
              modal('Một số phần của phiên bản không khôi phục được', [
                h('p', 'Các phần sau của phiên bản đã bị hỏng nên được để trống hoặc bỏ qua; hãy kiểm tra và nhập lại nếu cần:'),
                h('ul#restore-dropped', dropped.map((m) => h('li', m))),
              ]);
            }
          } catch (e) { toast(e.message, 'error'); }
        } }, 'Khôi phục')));
    }
  };
  const save = h('button.primary#revision-save', { type: 'button', onclick: async () => {
    try {
      await invoke('snapshot', { label: nfc(label.value) });
      label.value = '';
      toast('Đã lưu phiên bản.');
      await refresh();
    } catch (e) { toast(e.message, 'error'); }
  } }, 'Lưu phiên bản');
  const d = modal('Lịch sử phiên bản', [h('div.row.tight', label, save), h('p.muted', 'Chương trình tự lưu phiên bản trước khi xuất và trước khi khôi phục.'), list], { wide: true });
  await refresh();
}

// --- keyboard --------------------------------------------------------------------------

function focusRegion(which) {
  if (which === 1) (document.querySelector('.tree-item.selected') || document.querySelector('.tree-item'))?.focus();
  if (which === 2) ([...document.querySelectorAll('#editor input, #editor textarea, #editor .ce, #editor select, #editor button')].find((x) => x.tabIndex >= 0 && !x.disabled) || document.getElementById('editor'))?.focus();
  if (which === 3) (document.querySelector('#findings .finding') || document.getElementById('findings'))?.focus();
}

document.addEventListener('keydown', (e) => {
  if (e.isComposing || (app.saver && app.saver.composing)) return;
  const overlays = document.querySelectorAll('.overlay');
  if (overlays.length) {
    // Dialogs handle their own keys; Escape closes the top one even if focus strayed.
    if (e.key === 'Escape') { e.preventDefault(); overlays[overlays.length - 1].querySelector('.modal-head .close').click(); }
    return;
  }
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (mod && k === 'o') { e.preventDefault(); openDialog(); return; }
  if (!app.view) return;
  if (mod && !e.shiftKey && k === 'z') { e.preventDefault(); undo(); }
  else if (mod && (k === 'y' || (e.shiftKey && k === 'z'))) { e.preventDefault(); redo(); }
  else if (mod && k === 's') { e.preventDefault(); app.saver.flush().catch(() => {}); }
  else if (mod && k === 'e') { e.preventDefault(); showExport(); }
  else if (mod && k === 'h') { e.preventDefault(); showHistory(); }
  else if (mod && k === 'p') { e.preventDefault(); showSideTab(app.sideTab === 'preview' ? 'guidance' : 'preview'); }
  else if (e.altKey && ['1', '2', '3'].includes(e.key)) { e.preventDefault(); focusRegion(Number(e.key)); }
  else if (e.key === 'F6') {
    e.preventDefault();
    const regions = ['tree', 'editor', 'findings'];
    const cur = regions.findIndex((id) => document.getElementById(id)?.contains(document.activeElement));
    focusRegion(((cur < 0 ? -1 : cur) + (e.shiftKey ? 2 : 1)) % 3 + 1);
  }
});


// Unexpected errors are shown, never swallowed (and kept for the tests to read).
window.__errs = [];
const unexpected = (msg) => {
  window.__errs.push(String(msg));
  toast(`Lỗi không mong muốn trong giao diện: ${msg}`, 'error');
};
window.addEventListener('error', (e) => unexpected(e.message));
window.addEventListener('unhandledrejection', (e) => unexpected(e.reason && e.reason.message ? e.reason.message : e.reason));

// --- start ---------------------------------------------------------------------------

/** Loads the bundled font's faces before the first screen, so Vietnamese text never
 * shows with missing diacritics or reflows when a subset arrives late. */
function loadFonts() {
  if (!document.fonts) return Promise.resolve();
  const faces = ['400', 'italic 400', '600', '700', 'italic 700'];
  return Promise.all(faces.map((f) => document.fonts.load(`${f} 16px "Be Vietnam Pro"`, 'Aa Việt Nam ạ ộ ừ'))).catch(() => {});
}

async function main() {
  try {
    await loadFonts();
    const [startup, framework, catalog] = await Promise.all([invoke('startup'), invoke('framework'), invoke('catalog'), loadVocabulary(invoke)]);
    app.startup = startup;
    app.framework = framework;
    app.fwIndex = frameworkIndex(framework);
    app.catalog = catalog;
    await listen('export-progress', (p) => { if (app.exportHandler) app.exportHandler(p); else app.exportBacklog.push(p); });
    // Closing the window: save what is pending first, then let the app quit.
    await listen('close-requested', async () => {
      try { if (app.saver) await app.saver.flush(); } catch (e) { /* reported by the saver */ }
      await invoke('quit').catch(() => {});
    });
    if (startup.plan) await showMain(startup.plan);
    else await showStart(startup.notice);
    if (startup.plan && startup.notice) toast(startup.notice);
  } catch (e) {
    clear(root()).append(h('div.fatal', h('h1', 'Không khởi động được'), h('p', e.message)));
  }
  document.body.dataset.ready = '1';
  window.__khcdsReadyAt = performance.now();
}

main();
