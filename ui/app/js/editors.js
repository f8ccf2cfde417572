// The editors of the plan's parts. Each editor mutates the live plan object and tells
// the saver which edit to send (built from the live object when the debounce fires) and
// how to undo it. Fields carry data-field="part.id.field" so findings can jump to them.

import { h, clear, nfc, newId, clone, renderRuns, readRuns, plainOf } from './dom.js';
import { wording, findSection } from './plan.js';
import {
  sectionGroup, taskArea, taskAreas, periodsOf, periodLabel, periodHeading, nationalPeriod, choices, comparatorChoices, comparatorSymbol, valueWithUnit,
} from './vocabulary.js';

// --- bindings ---------------------------------------------------------------------

/** Wires a text input/textarea/select: on change (never mid-composition) writes the
 * NFC value through `set` and schedules `save`. */
function bind(ctx, el, set, save) {
  const onChange = (e) => {
    if (e && (e.isComposing || ctx.saver.composing)) return;
    if (save.prime) save.prime();
    set(el.type === 'checkbox' ? el.checked : nfc(el.value));
    save();
  };
  el.addEventListener('input', onChange);
  el.addEventListener('change', onChange);
  el.addEventListener('compositionend', () => setTimeout(() => onChange(null), 0));
  return el;
}

// Element ids for label/control pairs: unique in the page, no randomness needed.
let fieldIds = 0;
const fieldId = () => `f${++fieldIds}`;

function field(label, control, { wide = false, note = null, cls = '' } = {}) {
  const id = control.id || fieldId();
  control.id = id;
  return h(`div.field${wide ? '.wide' : ''}${cls ? '.' + cls : ''}`,
    h('label', { htmlFor: id }, label), control, note && h('div.note', note));
}

function input(value, dataField, attrs = {}) {
  return h('input', { type: 'text', value: value ?? '', dataset: { field: dataField }, attrs: { spellcheck: 'false', autocomplete: 'off', ...attrs } });
}

function textarea(value, dataField, rows = 2, attrs = {}) {
  return h('textarea', { value: value ?? '', rows, dataset: { field: dataField }, attrs });
}

function select(options, value, dataField, attrs = {}) {
  const el = h('select', { dataset: { field: dataField }, attrs }, options.map(([v, label]) => h('option', { value: v }, label)));
  el.value = value;
  return el;
}

function button(label, onclick, { cls = '', title = null, attrs = {} } = {}) {
  return h(`button${cls ? '.' + cls.split(' ').join('.') : ''}`, { type: 'button', onclick, title, attrs }, label);
}

/** A date typed as dd/mm/yyyy, stored as yyyy-mm-dd (or null when empty). Invalid text
 * is shown as such and not saved. */
function dateInput(ctx, value, dataField, set, save, attrs = {}) {
  const show = (v) => (v ? `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : '');
  const el = input(show(value), dataField, { placeholder: 'ngày/tháng/năm', ...attrs });
  bind(ctx, el, (v) => {
    const t = v.trim();
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
    const iso = m && `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
    const ok = !t || (m && !Number.isNaN(Date.parse(iso)) && new Date(iso).getUTCDate() === Number(m[1]));
    el.classList.toggle('invalid', !ok);
    el.title = ok ? '' : 'Nhập ngày dạng ngày/tháng/năm, ví dụ 15/01/2026.';
    if (ok) set(t ? iso : null);
  }, guarded(save, el));
  return el;
}

/** `save` skipped while the field holds invalid text. */
function guarded(save, el) {
  const g = () => { if (!el.classList.contains('invalid')) save(); };
  g.prime = save.prime;
  return g;
}

// Edit builders.
const sectionEdit = (s) => ({ op: 'update-section', id: s.id, title: s.title || '', content: clone(s.content || []) });
const itemEdit = (list, value) => ({ op: 'put-item', item: { list, value: clone(value) } });

/** A save function for one part: call `save.prime()` before mutating the live model
 * (bind() does), then `save()` after. */
function saver(ctx, key, build) {
  const save = () => { ctx.saver.change(key, build); ctx.touched(); };
  save.prime = () => ctx.saver.prime(key, build);
  return save;
}

export const sectionSaver = (ctx, s) => saver(ctx, `section:${s.id}`, () => sectionEdit(s));
const itemSaver = (ctx, list, item) => saver(ctx, `${list}:${item.id}`, () => itemEdit(list, item));
const singletonSaver = (ctx, key, op, prop, getValue) => saver(ctx, key, () => ({ op, [prop]: clone(getValue()) }));

// --- rich text blocks ---------------------------------------------------------------

const BLOCK_TYPES = [['paragraph', 'Đoạn văn'], ['heading', 'Tiêu đề đoạn'], ['dash', 'Ý “-”'], ['plus', 'Ý nhỏ “+”']];
const blockType = (b) => (b.type === 'bullet' ? b.level : b.type === 'heading' ? 'heading' : 'paragraph');
const makeBlock = (type, runs) => (type === 'paragraph' || type === 'heading' ? { type, text: runs } : { type: 'bullet', level: type, text: runs });

/**
 * An editor for a list of blocks (paragraphs and "-"/"+" items with bold/italic).
 * `blocks` is the live array (mutated in place); `onChange` schedules the save.
 */
export function blocksEditor(ctx, blocks, onChange, dataField, { placeholder = 'Soạn nội dung…', label = 'Nội dung' } = {}) {
  const list = h('div.blocks', { dataset: { field: dataField }, attrs: { role: 'group', 'aria-label': label } });
  const sync = () => {
    const next = [];
    for (const row of list.children) {
      const runs = readRuns(row.querySelector('.ce'));
      if (!plainOf(runs).trim()) continue;
      next.push(makeBlock(row.querySelector('select').value, runs));
    }
    if (onChange.prime) onChange.prime();
    blocks.splice(0, blocks.length, ...next);
    onChange();
  };
  const focusEnd = (ce, atStart = false) => {
    ce.focus();
    const r = document.createRange();
    r.selectNodeContents(ce);
    r.collapse(atStart);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
  };
  const makeRow = (block) => {
    const type = select(BLOCK_TYPES, block ? blockType(block) : 'paragraph', null, { 'aria-label': 'Kiểu đoạn', tabindex: '-1' });
    const ce = h('div.ce', { contentEditable: 'true', attrs: { tabindex: '0', role: 'textbox', 'aria-multiline': 'false', 'aria-label': label, 'data-placeholder': placeholder, spellcheck: 'false' } });
    renderRuns(ce, block ? block.text : []);
    const row = h(`div.block.t-${type.value}`, type, ce);
    type.addEventListener('change', () => { row.className = `block t-${type.value}`; sync(); });
    ce.addEventListener('input', (e) => {
      if (e.isComposing || ctx.saver.composing) return;
      sync();
    });
    ce.addEventListener('compositionend', () => setTimeout(sync, 0));
    ce.addEventListener('paste', (e) => {
      e.preventDefault();
      const text = nfc((e.clipboardData || window.clipboardData).getData('text/plain'));
      const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      if (!lines.length) return;
      document.execCommand('insertText', false, lines[0]);
      let after = row;
      for (const line of lines.slice(1)) {
        const m = /^([-+•])\s+(.*)$/.exec(line);
        const nb = m ? makeBlock(m[1] === '+' ? 'plus' : 'dash', [{ text: m[2] }]) : makeBlock('paragraph', [{ text: line }]);
        const r = makeRow(nb);
        after.after(r);
        after = r;
      }
      sync();
      focusEnd(after.querySelector('.ce'));
    });
    ce.addEventListener('keydown', (e) => {
      if (e.isComposing || ctx.saver.composing) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && (e.key === 'b' || e.key === 'B')) { e.preventDefault(); document.execCommand('bold'); return; }
      if (mod && !e.shiftKey && (e.key === 'i' || e.key === 'I')) { e.preventDefault(); document.execCommand('italic'); return; }
      if (e.altKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
        const order = ['paragraph', 'dash', 'plus'];
        const i = order.indexOf(type.value) + (e.key === 'ArrowRight' ? 1 : -1);
        if (i >= 0 && i < order.length) { type.value = order[i]; row.className = `block t-${type.value}`; sync(); }
        e.preventDefault();
        return;
      }
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        const sel = getSelection();
        let tail = null;
        if (sel.rangeCount && ce.contains(sel.anchorNode)) {
          const r = sel.getRangeAt(0).cloneRange();
          r.deleteContents();
          r.setEnd(ce, ce.childNodes.length);
          tail = r.extractContents();
        }
        const nr = makeRow(makeBlock(type.value, []));
        if (tail) nr.querySelector('.ce').append(tail);
        row.after(nr);
        sync();
        focusEnd(nr.querySelector('.ce'), true);
        return;
      }
      if (e.key === 'Backspace') {
        const sel = getSelection();
        if (!sel.rangeCount || !sel.isCollapsed) return;
        const r = sel.getRangeAt(0).cloneRange();
        r.setStart(ce, 0);
        if (r.toString().length > 0) return;
        const prev = row.previousElementSibling;
        if (!prev) return;
        e.preventDefault();
        const pce = prev.querySelector('.ce');
        const offsetNode = pce.lastChild;
        while (ce.firstChild) pce.append(ce.firstChild);
        row.remove();
        sync();
        pce.focus();
        const nr2 = document.createRange();
        if (offsetNode) nr2.setStartAfter(offsetNode); else nr2.setStart(pce, 0);
        nr2.collapse(true);
        sel.removeAllRanges();
        sel.addRange(nr2);
      }
    });
    return row;
  };
  for (const b of blocks) list.append(makeRow(b));
  if (!blocks.length) list.append(makeRow(null));
  const fmt = (cmd, text, title) => h('button.fmt', { type: 'button', title, attrs: { 'aria-label': title, tabindex: '-1' }, onmousedown: (e) => { e.preventDefault(); document.execCommand(cmd); } }, text);
  const toolbar = h('div.toolbar', fmt('bold', 'B', 'Chữ đậm (Ctrl+B)'), fmt('italic', 'I', 'Chữ nghiêng (Ctrl+I)'),
    h('span.hint', 'Enter: đoạn mới · Alt+→/←: đổi kiểu đoạn (-, +) · Ctrl+B/I: đậm/nghiêng'));
  return h('div.rich', toolbar, list);
}

// --- header, opening, closing ------------------------------------------------------

export function headerEditor(ctx) {
  const hd = ctx.plan.header;
  const save = singletonSaver(ctx, 'header', 'set-header', 'header', () => ctx.plan.header);
  const f = (label, prop, opts = {}) => {
    const el = opts.rows ? textarea(hd[prop], `header.${prop}`, opts.rows) : input(hd[prop], `header.${prop}`, opts.attrs);
    bind(ctx, el, (v) => { hd[prop] = v; }, save);
    return field(label, el, opts);
  };
  const date = dateInput(ctx, hd.date, 'header.date', (v) => { hd.date = v; }, save);
  const issuers = ctx.plan.meta.level === 'bo'
    ? ctx.catalog.bodies.ministries.names.map((n) => n.toUpperCase())
    : ctx.catalog.bodies.provinces.names.map((n) => `ỦY BAN NHÂN DÂN ${n.replace(/^Thành phố /, 'THÀNH PHỐ ').replace(/^Tỉnh /, 'TỈNH ').toUpperCase()}`);
  const dl = h('datalist#issuers', issuers.map((n) => h('option', { value: n })));
  return h('div.form',
    h('p.lead', 'Phần đầu văn bản theo Nghị định 30/2020/NĐ-CP: tên cơ quan, số và ký hiệu, địa danh và ngày tháng, trích yếu.'),
    h('div.grid2',
      f('Cơ quan chủ quản (nếu có)', 'parent_body', { attrs: { placeholder: 'Để trống nếu không có' } }),
      f('Cơ quan ban hành', 'issuer', { attrs: { list: 'issuers', placeholder: 'ỦY BAN NHÂN DÂN TỈNH …' } }),
      f('Số, ký hiệu', 'number', { attrs: { placeholder: 'ví dụ: /KH-UBND' } }),
      f('Địa danh', 'place', { attrs: { placeholder: 'ví dụ: Hà Nội' } }),
      field('Ngày ban hành', date, { note: 'Dạng ngày/tháng/năm; để trống đến khi ban hành.' }),
    ),
    f('Trích yếu nội dung', 'subject', { wide: true, rows: 2 }),
    dl);
}

export function openingEditor(ctx) {
  const op = ctx.plan.opening;
  const save = singletonSaver(ctx, 'opening', 'set-opening', 'opening', () => ctx.plan.opening);
  const commitOpening = (mutate) => commitSingleton(ctx, 'set-opening', 'opening', op, mutate);
  const rows = op.legal_bases.map((lb, i) => {
    const df = (p) => `opening.legal_bases.${i}${p ? '.' + p : ''}`;
    const kind = select(choices('legal_document_kinds'), lb.kind, df('kind'), { 'aria-label': 'Loại văn bản' });
    bind(ctx, kind, (v) => { lb.kind = v; }, save);
    const num = bind(ctx, input(lb.number, df('number'), { placeholder: 'Số, ký hiệu', 'aria-label': 'Số, ký hiệu' }), (v) => { lb.number = v; }, save);
    const date = dateInput(ctx, lb.date, df('date'), (v) => { lb.date = v; }, save, { 'aria-label': 'Ngày ban hành' });
    const issuer = bind(ctx, input(lb.issuer, df('issuer'), { placeholder: 'Cơ quan ban hành', 'aria-label': 'Cơ quan ban hành' }), (v) => { lb.issuer = v; }, save);
    const title = bind(ctx, textarea(lb.title, df('title'), 1, { placeholder: 'Trích yếu', 'aria-label': 'Trích yếu' }), (v) => { lb.title = v; }, save);
    return h('div.card.legal', { dataset: { item: df() } },
      h('div.card-head', h('span.badge', `Căn cứ ${i + 1}`), lb.catalog_id && h('span.muted', 'từ danh mục'),
        h('span.spacer'),
        button('↑', () => commitOpening(() => { op.legal_bases.splice(i - 1, 0, ...op.legal_bases.splice(i, 1)); }), { title: 'Chuyển lên', attrs: { disabled: i === 0, 'aria-label': 'Chuyển lên' } }),
        button('↓', () => commitOpening(() => { op.legal_bases.splice(i + 1, 0, ...op.legal_bases.splice(i, 1)); }), { title: 'Chuyển xuống', attrs: { disabled: i === op.legal_bases.length - 1, 'aria-label': 'Chuyển xuống' } }),
        button('Xóa', () => commitOpening(() => { op.legal_bases.splice(i, 1); }), { cls: 'danger' })),
      h('div.grid-legal', kind, num, date, issuer), title);
  });
  const search = h('input', { type: 'search', attrs: { placeholder: 'Tìm văn bản trong danh mục (số hiệu, tên)…', 'aria-label': 'Tìm văn bản trong danh mục' } });
  const results = h('div.picker', { attrs: { role: 'list' } });
  const showResults = () => {
    clear(results);
    const q = nfc(search.value).toLowerCase().trim();
    const docs = ctx.catalog.legal_documents.filter((d) => !d.superseded_by)
      .filter((d) => !q || ctx.catalog.citations[d.id].toLowerCase().includes(q)).slice(0, 8);
    for (const d of docs) {
      const used = op.legal_bases.some((lb) => lb.catalog_id === d.id);
      results.append(h('div.pick', { attrs: { role: 'listitem' } }, h('span', ctx.catalog.citations[d.id]),
        button(used ? 'Đã có' : 'Thêm', () => addCatalog(ctx, d), { cls: 'small', attrs: { disabled: used } })));
    }
  };
  search.addEventListener('input', (e) => { if (!e.isComposing) showResults(); });
  showResults();
  const implementing = op.implementing || [];
  const impl = h('div.ce-single', { contentEditable: 'true', dataset: { field: 'opening.implementing' }, attrs: { role: 'textbox', 'aria-label': 'Đoạn “Thực hiện …”', 'data-placeholder': 'Thực hiện … (nếu dùng thay cho hoặc sau căn cứ)' } });
  renderRuns(impl, implementing);
  const implSync = (e) => {
    if (e && (e.isComposing || ctx.saver.composing)) return;
    const runs = readRuns(impl);
    save.prime();
    op.implementing = plainOf(runs).trim() ? runs : null;
    save();
  };
  impl.addEventListener('input', implSync);
  impl.addEventListener('compositionend', () => setTimeout(() => implSync(null), 0));
  const proposed = bind(ctx, input(op.proposed_by, 'opening.proposed_by', { placeholder: 'ví dụ: Giám đốc Sở Khoa học và Công nghệ' }), (v) => { op.proposed_by = v; }, save);
  const issuing = bind(ctx, textarea(op.issuing_sentence, 'opening.issuing_sentence', 2), (v) => { op.issuing_sentence = v; }, save);
  return h('div.form',
    h('p.lead', 'Các dòng “Căn cứ …” đứng trước nội dung kế hoạch. Chọn từ danh mục văn bản hoặc tự nhập.'),
    h('div.cards', rows.length ? rows : h('p.empty', 'Chưa có căn cứ nào.')),
    h('div.row', button('Thêm căn cứ tự nhập', () => commitOpening(() => op.legal_bases.push({ kind: 'quyet-dinh', number: '', date: null, issuer: '', title: '' })))),
    h('h3', 'Danh mục văn bản'), search, results,
    h('h3', 'Phần mở đầu khác'),
    field('Đoạn “Thực hiện …”', impl, { wide: true }),
    field('Theo đề nghị của', proposed, { wide: true }),
    field('Câu ban hành', issuing, { wide: true, note: 'ví dụ: Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số giai đoạn 2026–2030 như sau:' }));
}

/** A structural change (add, remove, move) of a singleton part, saved at once. */
function commitSingleton(ctx, op, prop, value, mutate) {
  const before = clone(value);
  mutate();
  ctx.saver.commit({ op, [prop]: clone(value) }, { op, [prop]: before });
  ctx.touched();
  ctx.rerender();
}

export function addCatalog(ctx, doc) {
  const op = ctx.plan.opening;
  if (op.legal_bases.some((lb) => lb.catalog_id === doc.id)) return;
  commitSingleton(ctx, 'set-opening', 'opening', op, () => op.legal_bases.push({
    kind: doc.kind, number: doc.number || '', date: doc.date || null, issuer: doc.issuer || '', title: doc.title, catalog_id: doc.id,
  }));
}

export function closingEditor(ctx) {
  const plan = ctx.plan;
  const saveSigner = singletonSaver(ctx, 'signer', 'set-signer', 'signer', () => plan.signer);
  const recipients = textarea(plan.recipients.join('\n'), 'recipients', 6, { placeholder: 'Mỗi dòng một nơi nhận, ví dụ:\nBộ Khoa học và Công nghệ\nLưu: VT, KGVX.' });
  bind(ctx, recipients, (v) => {
    plan.recipients.splice(0, plan.recipients.length, ...v.split('\n').map((l) => l.replace(/^[-\s]+/, '').replace(/;\s*$/, '').trim()).filter(Boolean));
  }, singletonSaver(ctx, 'recipients', 'set-recipients', 'recipients', () => plan.recipients));
  const sg = plan.signer;
  const commitSigner = (mutate) => commitSingleton(ctx, 'set-signer', 'signer', sg, mutate);
  const caps = (sg.capacities || []).map((c, i) => {
    const auth = bind(ctx, select(choices('signing_authorities').map(([id, label]) => [id, `${id} – ${label}`]), c.authority, `signer.capacities.${i}.authority`, { 'aria-label': 'Thẩm quyền ký' }), (v) => { c.authority = v; }, saveSigner);
    const onb = bind(ctx, input(c.on_behalf_of, `signer.capacities.${i}.on_behalf_of`, { placeholder: 'ỦY BAN NHÂN DÂN', 'aria-label': 'Thay mặt / ký thay cho' }), (v) => { c.on_behalf_of = v; }, saveSigner);
    return h('div.row.cap', auth, onb, button('Xóa', () => commitSigner(() => sg.capacities.splice(i, 1)), { cls: 'danger small' }));
  });
  const pos = bind(ctx, input(sg.position, 'signer.position', { placeholder: 'CHỦ TỊCH' }), (v) => { sg.position = v; }, saveSigner);
  const name = bind(ctx, input(sg.name, 'signer.name', { placeholder: 'Họ và tên' }), (v) => { sg.name = v; }, saveSigner);
  return h('div.form',
    h('p.lead', 'Khối “Nơi nhận” và chữ ký ở cuối văn bản (Nghị định 30/2020/NĐ-CP).'),
    field('Nơi nhận (mỗi dòng một nơi)', recipients, { wide: true, note: 'Dòng cuối thường là “Lưu: VT, …”. Dấu “-” và “;” được thêm khi xuất.' }),
    h('h3', 'Người ký'),
    h('div.caps', caps),
    h('div.row', button('Thêm thẩm quyền ký (TM., KT., …)', () => commitSigner(() => { sg.capacities = sg.capacities || []; sg.capacities.push({ authority: sg.capacities.length ? 'KT.' : 'TM.', on_behalf_of: '' }); }))),
    h('div.grid2', field('Chức vụ', pos), field('Họ và tên', name)));
}

// --- sections ------------------------------------------------------------------------

export function sectionEditor(ctx, section) {
  const fs = ctx.fwIndex.get(section.id);
  const parts = [];
  if (section.origin === 'custom') {
    const title = bind(ctx, input(section.title, `section.${section.id}.title`, { placeholder: 'Tên mục' }), (v) => { section.title = v; ctx.renameRow(section.id, v); }, sectionSaver(ctx, section));
    parts.push(h('div.custom-bar', field('Tên mục do người soạn thêm', title, { wide: true }),
      h('div.row', button('↑ Chuyển lên', () => moveCustom(ctx, section, -1)), button('↓ Chuyển xuống', () => moveCustom(ctx, section, 1)),
        button('Xóa mục này', () => deleteCustom(ctx, section), { cls: 'danger' }))));
  }
  section.content = section.content || [];
  parts.push(blocksEditor(ctx, section.content, sectionSaver(ctx, section), `section.${section.id}.content`,
    { label: `Nội dung mục ${fs ? fs.number : ''}`.trim(), placeholder: fs ? 'Soạn nội dung theo hướng dẫn của Khung (bên phải)…' : 'Soạn nội dung…' }));
  const group = sectionGroup(section.id);
  if (group) parts.push(indicatorsEditor(ctx, group));
  const area = taskArea(section.id);
  if (area) parts.push(tasksEditor(ctx, area));
  if (section.id === 'V') parts.push(organisationEditor(ctx));
  if (section.id === 'VI') parts.push(taskCatalogue(ctx));
  parts.push(h('div.row.section-actions',
    button('+ Thêm mục con', () => insertCustom(ctx, section.id, (section.children || []).length)),
    !findSection(ctx.plan, section.id).parent && button('+ Thêm mục lớn sau mục này', () => insertCustom(ctx, null, findSection(ctx.plan, section.id).index + 1))));
  return h('div.form', parts);
}

function insertCustom(ctx, parent, index) {
  const section = { id: newId('custom'), origin: 'custom', title: 'Mục mới', content: [] };
  const list = parent ? findSection(ctx.plan, parent).section : null;
  if (list) (list.children = list.children || []).splice(index, 0, section);
  else ctx.plan.sections.splice(index, 0, section);
  ctx.saver.commit({ op: 'insert-section', parent, index, section: clone(section) }, { op: 'delete-section', id: section.id });
  ctx.touched();
  ctx.refreshTree();
  ctx.select(section.id, { focus: `section.${section.id}.title` });
}

function moveCustom(ctx, section, delta) {
  const loc = findSection(ctx.plan, section.id);
  const to = loc.index + delta;
  if (to < 0 || to >= loc.siblings.length) return;
  loc.siblings.splice(to, 0, ...loc.siblings.splice(loc.index, 1));
  const parent = loc.parent ? loc.parent.id : null;
  ctx.saver.commit({ op: 'move-section', id: section.id, parent, index: to }, { op: 'move-section', id: section.id, parent, index: loc.index });
  ctx.touched();
  ctx.refreshTree();
  ctx.select(section.id);
}

async function deleteCustom(ctx, section) {
  if (!(await ctx.confirm(`Xóa mục “${section.title || 'Mục mới'}” và các mục con của nó?`))) return;
  const loc = findSection(ctx.plan, section.id);
  loc.siblings.splice(loc.index, 1);
  ctx.saver.commit({ op: 'delete-section', id: section.id },
    { op: 'insert-section', parent: loc.parent ? loc.parent.id : null, index: loc.index, section: clone(section) });
  ctx.touched();
  ctx.refreshTree();
  ctx.select(loc.parent ? loc.parent.id : (ctx.plan.sections[Math.max(0, loc.index - 1)] || {}).id);
}

/** Appends a Khung suggestion ("-" item with its "+" items) to a section. */
export function insertSuggestion(ctx, section, suggestion) {
  const level = ctx.plan.meta.level;
  const before = sectionEdit(clone(section));
  ctx.saver.flushKey(`section:${section.id}`);
  section.content = section.content || [];
  section.content.push(makeBlock('dash', [{ text: nfc(wording(suggestion.text, level)) }]));
  for (const item of suggestion.items || []) section.content.push(makeBlock('plus', [{ text: nfc(wording(item, level)) }]));
  ctx.saver.commit(sectionEdit(section), before);
  ctx.touched();
  ctx.rerender({ focusLast: true });
}

// --- indicators --------------------------------------------------------------------

function nationalTarget(ctx, ind, period) {
  if (!ind.national) return null;
  const nat = ctx.framework.indicators.find((n) => n.id === ind.national);
  return nat && nat.targets.find((t) => t.period === nationalPeriod(period));
}

/** A target value as typed in the plan: decimal comma, no grouping ("99,5"). */
const decimalComma = (v) => String(v).replace('.', ',');

/** A number the Vietnamese way: "." between thousands, "," before decimals (28.000,5). */
export function fmtNum(v) {
  const n = Number(v);
  if (v === '' || v == null || !Number.isFinite(n)) return String(v ?? '');
  const [int, dec] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

function indicatorsEditor(ctx, group) {
  const plan = ctx.plan;
  const periods = periodsOf(plan.meta.kind);
  const mine = plan.indicators.filter((i) => i.group === group);
  const cards = mine.map((ind) => indicatorCard(ctx, ind, periods));
  return h('section.items', { attrs: { 'aria-label': 'Bảng chỉ tiêu' } },
    h('h3', `Chỉ tiêu (${mine.length})`),
    h('div.cards', cards.length ? cards : h('p.empty', 'Chưa có chỉ tiêu nào. Thêm chỉ tiêu tối thiểu của Khung (bên phải) hoặc chỉ tiêu riêng.')),
    h('div.row', button('+ Thêm chỉ tiêu riêng', () => addIndicator(ctx, { group }))));
}

/** A new indicator of `group` (answering Khung minimum `national`, at its targets, when
 * given), with an id not used in the plan. */
function newIndicator(ctx, group, national) {
  const plan = ctx.plan;
  const periods = periodsOf(plan.meta.kind);
  let id = national ? `qg-${national.id}` : newId('ct');
  while (plan.indicators.some((i) => i.id === id)) id = newId('ct');
  const ind = {
    id, group, name: national ? nfc(wording(national.name, plan.meta.level)) : '', unit: national ? national.unit : '%',
    targets: periods.map((p) => {
      const t = national && national.targets.find((x) => x.period === nationalPeriod(p));
      return { period: p, comparator: t ? t.comparator : '>=', value: t ? decimalComma(t.value) : '' };
    }),
    method: '', lead_agency: '',
  };
  if (national) ind.national = national.id;
  return ind;
}

/** Where a new indicator of `group` goes: after the group's last one. */
function groupEnd(plan, group) {
  for (let i = plan.indicators.length - 1; i >= 0; i--) if (plan.indicators[i].group === group) return i + 1;
  return plan.indicators.length;
}

export function addIndicator(ctx, { group, national = null }) {
  const plan = ctx.plan;
  const ind = newIndicator(ctx, group, national);
  const index = groupEnd(plan, group);
  plan.indicators.splice(index, 0, ind);
  ctx.saver.commit({ op: 'put-item', item: { list: 'indicator', value: clone(ind) }, index }, { op: 'delete-item', list: 'indicator', id: ind.id });
  ctx.touched();
  ctx.rerender({ focus: `indicator.${ind.id}.${national ? 'targets[0].value' : 'name'}` });
}

/** The Khung's minimum indicators of `group` the plan does not answer yet. */
export function missingMinimums(ctx, group) {
  return ctx.framework.indicators.filter((n) => n.group === group && !ctx.plan.indicators.some((i) => i.national === n.id));
}

/** Adds every missing minimum indicator of `group` at the Khung's targets: one step, one
 * Ctrl+Z. */
export function addMissingMinimums(ctx, group) {
  const plan = ctx.plan;
  const edits = [];
  const inverses = [];
  for (const national of missingMinimums(ctx, group)) {
    const ind = newIndicator(ctx, group, national);
    const index = groupEnd(plan, group);
    plan.indicators.splice(index, 0, ind);
    edits.push({ op: 'put-item', item: { list: 'indicator', value: clone(ind) }, index });
    inverses.push({ op: 'delete-item', list: 'indicator', id: ind.id });
  }
  if (!edits.length) return 0;
  ctx.saver.commit(edits, inverses);
  ctx.touched();
  ctx.rerender();
  return edits.length;
}

function moveItem(ctx, list, arr, item, delta, sameGroup) {
  const from = arr.indexOf(item);
  let to = from + delta;
  while (to >= 0 && to < arr.length && sameGroup && !sameGroup(arr[to])) to += delta;
  if (to < 0 || to >= arr.length) return;
  arr.splice(to, 0, ...arr.splice(from, 1));
  ctx.saver.commit({ op: 'move-item', list, id: item.id, index: to }, { op: 'move-item', list, id: item.id, index: from });
  ctx.touched();
  ctx.rerender();
}

async function deleteItem(ctx, list, arr, item, what) {
  if (!(await ctx.confirm(`Xóa ${what}?`))) return;
  const index = arr.indexOf(item);
  arr.splice(index, 1);
  ctx.saver.commit({ op: 'delete-item', list, id: item.id }, { op: 'put-item', item: { list, value: clone(item) }, index });
  ctx.touched();
  ctx.rerender();
}

function indicatorCard(ctx, ind, periods) {
  const save = itemSaver(ctx, 'indicator', ind);
  const df = (f) => `indicator.${ind.id}.${f}`;
  const name = bind(ctx, textarea(ind.name, df('name'), 2, { 'aria-label': 'Tên chỉ tiêu' }), (v) => { ind.name = v; }, save);
  const unit = bind(ctx, input(ind.unit, df('unit'), { list: 'units', 'aria-label': 'Đơn vị tính' }), (v) => { ind.unit = v; }, save);
  const bval = bind(ctx, input(ind.baseline ? ind.baseline.value : '', df('baseline'), { 'aria-label': 'Giá trị hiện trạng', placeholder: 'ví dụ: 85' }), (v) => {
    if (!v.trim()) delete ind.baseline; else ind.baseline = { value: v, year: ind.baseline ? ind.baseline.year : null };
  }, save);
  const byear = bind(ctx, h('input', { type: 'number', min: 2000, max: 2030, value: ind.baseline && ind.baseline.year ? ind.baseline.year : '', dataset: { field: df('baseline.year') }, attrs: { 'aria-label': 'Năm hiện trạng', placeholder: '2025' } }), (v) => {
    if (!ind.baseline) ind.baseline = { value: '', year: null };
    ind.baseline.year = v ? Number(v) : null;
  }, save);
  const targets = periods.map((p) => {
    let idx = ind.targets.findIndex((t) => t.period === p);
    const cur = idx >= 0 ? ind.targets[idx] : { period: p, comparator: '>=', value: '' };
    const ensure = () => {
      idx = ind.targets.findIndex((t) => t.period === p);
      if (idx < 0) { ind.targets.push(cur); idx = ind.targets.length - 1; }
      return ind.targets[idx];
    };
    const tf = idx >= 0 ? `targets[${idx}]` : `targets.${p}`;
    const cmp = bind(ctx, select(comparatorChoices(), cur.comparator, df(`${tf}.comparator`), { 'aria-label': `So sánh, ${periodLabel(p)}` }), (v) => { ensure().comparator = v; }, save);
    const val = bind(ctx, input(cur.value, df(`${tf}.value`), { 'aria-label': `Chỉ tiêu ${periodLabel(p)}`, inputmode: 'decimal', class: 'num' }), (v) => { ensure().value = v.trim(); }, save);
    const nat = nationalTarget(ctx, ind, p);
    return h('div.target', h('div.period', periodHeading(p)), h('div.row.tight', cmp, val),
      h('div.national', nat ? `Tối thiểu toàn quốc: ${comparatorSymbol(nat.comparator)} ${valueWithUnit(decimalComma(nat.value), ind.unit)}` : 'Không có chỉ tiêu tối thiểu của Khung'));
  });
  const method = bind(ctx, textarea(ind.method, df('method'), 1, { 'aria-label': 'Phương pháp đo lường' }), (v) => { ind.method = v; }, save);
  const lead = bind(ctx, input(ind.lead_agency, df('lead_agency'), { list: 'bodies', 'aria-label': 'Cơ quan chủ trì theo dõi' }), (v) => { ind.lead_agency = v; }, save);
  const na = h('input', { type: 'checkbox', checked: ind.not_applicable != null, dataset: { field: df('not_applicable') } });
  const naReason = bind(ctx, input(ind.not_applicable || '', df('not_applicable.reason'), { placeholder: 'Lý do không áp dụng', 'aria-label': 'Lý do không áp dụng', disabled: ind.not_applicable == null }), (v) => { ind.not_applicable = v; }, save);
  bind(ctx, na, (v) => { if (v) ind.not_applicable = ind.not_applicable || ''; else delete ind.not_applicable; naReason.disabled = !v; }, save);
  const natInfo = ind.national && ctx.framework.indicators.find((n) => n.id === ind.national);
  const arr = ctx.plan.indicators;
  return h('div.card.indicator', { dataset: { item: `indicator.${ind.id}` } },
    h('div.card-head', natInfo ? h('span.badge.khung', 'Chỉ tiêu tối thiểu của Khung') : h('span.badge', 'Chỉ tiêu riêng'), h('span.spacer'),
      button('↑', () => moveItem(ctx, 'indicator', arr, ind, -1, (o) => o.group === ind.group), { title: 'Chuyển lên', attrs: { 'aria-label': 'Chuyển chỉ tiêu lên' } }),
      button('↓', () => moveItem(ctx, 'indicator', arr, ind, 1, (o) => o.group === ind.group), { title: 'Chuyển xuống', attrs: { 'aria-label': 'Chuyển chỉ tiêu xuống' } }),
      button('Xóa', () => deleteItem(ctx, 'indicator', arr, ind, `chỉ tiêu “${ind.name || 'chưa đặt tên'}”`), { cls: 'danger' })),
    field('Tên chỉ tiêu', name, { wide: true }),
    h('div.grid-ind', field('Đơn vị', unit), field('Hiện trạng', bval), field('Năm', byear)),
    h('div.targets', targets),
    h('div.grid2', field('Phương pháp đo lường, nguồn số liệu', method), field('Cơ quan chủ trì theo dõi', lead)),
    natInfo && h('div.row.na', h('label.check', na, ' Không áp dụng cho cơ quan, địa phương mình'), naReason));
}

// --- tasks ---------------------------------------------------------------------------

const monthRe = /^(\d{4})-(0[1-9]|1[0-2])$/;
function parseMonth(v) {
  v = v.trim();
  if (!v) return { ok: true, value: null };
  let m = monthRe.exec(v);
  if (m) return { ok: true, value: v };
  m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(v);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { ok: true, value: `${m[2]}-${String(m[1]).padStart(2, '0')}` };
  return { ok: false };
}
const showMonth = (v) => (v ? `${v.slice(5)}/${v.slice(0, 4)}` : '');

function tasksEditor(ctx, area) {
  const mine = ctx.plan.tasks.filter((t) => t.area === area);
  return h('section.items', { attrs: { 'aria-label': 'Nhiệm vụ, dự án' } },
    h('h3', `Nhiệm vụ, dự án của lĩnh vực này (${mine.length})`),
    h('div.cards', mine.length ? mine.map((t) => taskCard(ctx, t)) : h('p.empty', 'Chưa có nhiệm vụ nào.')),
    h('div.row', button('+ Thêm nhiệm vụ', () => addTask(ctx, area))));
}

function addTask(ctx, area) {
  const plan = ctx.plan;
  const id = newId('nv');
  const task = { id, area, name: '', content: '', expected_result: '', expected_effect: '', lead_unit: '', coordinating_units: [], start: null, end: null, approving_authority: '', funding: [], indicators: [] };
  let index = plan.tasks.length;
  for (let i = plan.tasks.length - 1; i >= 0; i--) if (plan.tasks[i].area === area) { index = i + 1; break; }
  plan.tasks.splice(index, 0, task);
  ctx.saver.commit({ op: 'put-item', item: { list: 'task', value: clone(task) }, index }, { op: 'delete-item', list: 'task', id });
  ctx.touched();
  ctx.openTasks.add(id);
  ctx.rerender({ focus: `task.${id}.name` });
}

/** The fields of a task card; built when the card is first opened, so a section with
 * many tasks opens fast. */
function taskBody(ctx, t, summaryName) {
  const save = itemSaver(ctx, 'task', t);
  const df = (f) => `task.${t.id}.${f}`;
  const text = (label, prop, rows = 0, attrs = {}) => {
    const el = rows ? textarea(t[prop], df(prop), rows, attrs) : input(t[prop], df(prop), attrs);
    bind(ctx, el, (v) => { t[prop] = v; if (prop === 'name') summaryName.textContent = v || 'Nhiệm vụ chưa đặt tên'; }, save);
    return field(label, el, { wide: rows > 0 });
  };
  const month = (label, prop) => {
    const el = input(showMonth(t[prop]), df(prop), { placeholder: 'tháng/năm, ví dụ 03/2026' });
    const err = h('div.field-error', { attrs: { 'aria-live': 'polite' } });
    bind(ctx, el, (v) => {
      const p = parseMonth(v);
      err.textContent = p.ok ? '' : 'Nhập tháng/năm, ví dụ 03/2026.';
      el.classList.toggle('invalid', !p.ok);
      if (p.ok) t[prop] = p.value;
    }, guarded(save, el));
    return h('div.field', h('label', { htmlFor: (el.id = fieldId()) }, label), el, err);
  };
  const area = bind(ctx, select(taskAreas().map(({ area, section }) => [String(area), `${section}. ${wording(ctx.fwIndex.get(section).heading, ctx.plan.meta.level)}`]), String(t.area), df('area')),
    (v) => { t.area = Number(v); }, save);
  area.addEventListener('change', () => ctx.saver.flush().then(() => ctx.rerender()));
  const coord = bind(ctx, input((t.coordinating_units || []).join('; '), df('coordinating_units'), { placeholder: 'Các đơn vị, cách nhau bởi dấu “;”' }),
    (v) => { t.coordinating_units = v.split(/[;\n]/).map((x) => x.trim()).filter(Boolean); }, save);
  const budget = bind(ctx, input(t.budget_million_vnd != null ? fmtNum(t.budget_million_vnd) : '', df('budget_million_vnd'), { inputmode: 'decimal', placeholder: 'triệu đồng', class: 'num' }),
    (v) => { const n = Number(v.replace(/\./g, '').replace(',', '.')); if (!v.trim()) delete t.budget_million_vnd; else if (Number.isFinite(n)) t.budget_million_vnd = n; }, save);
  const fixed = choices('funding_sources').map(([id, label]) => {
    const cb = h('input', { type: 'checkbox', checked: t.funding.includes(id) });
    bind(ctx, cb, (v) => { t.funding = t.funding.filter((f) => f !== id); if (v) t.funding.push(id); }, save);
    return h('label.check', cb, ' ', label);
  });
  const otherNames = t.funding.filter((f) => typeof f === 'object').map((f) => f.other).join('; ');
  const other = bind(ctx, input(otherNames, df('funding.other'), { placeholder: 'Nguồn khác (nếu có)', 'aria-label': 'Nguồn kinh phí khác' }),
    (v) => { t.funding = t.funding.filter((f) => typeof f !== 'object').concat(v.split(';').map((x) => x.trim()).filter(Boolean).map((x) => ({ other: x }))); }, save);
  const links = ctx.plan.indicators.map((ind) => {
    const cb = h('input', { type: 'checkbox', checked: t.indicators.includes(ind.id) });
    bind(ctx, cb, (v) => { t.indicators = t.indicators.filter((x) => x !== ind.id); if (v) t.indicators.push(ind.id); }, save);
    return h('label.check', cb, ' ', ind.name || '(chỉ tiêu chưa đặt tên)');
  });
  const arr = ctx.plan.tasks;
  return [
    h('div.card-head', h('span.spacer'),
      button('↑', () => moveItem(ctx, 'task', arr, t, -1, (o) => o.area === t.area), { attrs: { 'aria-label': 'Chuyển nhiệm vụ lên' } }),
      button('↓', () => moveItem(ctx, 'task', arr, t, 1, (o) => o.area === t.area), { attrs: { 'aria-label': 'Chuyển nhiệm vụ xuống' } }),
      button('Xóa', () => deleteItem(ctx, 'task', arr, t, `nhiệm vụ “${t.name || 'chưa đặt tên'}”`), { cls: 'danger' })),
    text('Tên nhiệm vụ, dự án', 'name', 0),
    field('Lĩnh vực', area, { wide: true }),
    text('Nội dung', 'content', 3),
    h('div.grid2', text('Kết quả, sản phẩm', 'expected_result', 2), text('Hiệu quả', 'expected_effect', 2)),
    h('div.grid2', text('Đơn vị chủ trì', 'lead_unit', 0, { list: 'bodies' }), field('Đơn vị phối hợp', coord)),
    h('div.grid3', month('Bắt đầu', 'start'), month('Kết thúc', 'end'), text('Cấp phê duyệt', 'approving_authority', 0)),
    h('div.grid2', h('fieldset.funding', { dataset: { field: df('funding') } }, h('legend', 'Nguồn kinh phí'), fixed, other), field('Kinh phí dự kiến (triệu đồng)', budget)),
    h('fieldset.links', { dataset: { field: df('indicators') } }, h('legend', 'Chỉ tiêu liên quan'), links.length ? links : h('span.muted', 'Kế hoạch chưa có chỉ tiêu.'))];
}

function taskCard(ctx, t) {
  const summaryName = h('span.task-name', t.name || 'Nhiệm vụ chưa đặt tên');
  const det = h('details.card.task', { open: ctx.openTasks.has(t.id), dataset: { item: `task.${t.id}` } },
    h('summary', summaryName, h('span.muted', ` ${t.lead_unit || ''}${t.start ? ' · ' + showMonth(t.start) : ''}${t.end ? '–' + showMonth(t.end) : ''}`)));
  let built = false;
  det.ensureBody = () => {
    if (built) return;
    built = true;
    det.append(...taskBody(ctx, t, summaryName));
  };
  if (det.open) det.ensureBody();
  det.addEventListener('toggle', () => {
    if (det.open) { det.ensureBody(); ctx.openTasks.add(t.id); } else ctx.openTasks.delete(t.id);
  });
  return det;
}

function taskCatalogue(ctx) {
  const rows = ctx.plan.tasks.map((t, i) => h('tr',
    h('td.num', String(i + 1)),
    h('td', h('a', { href: '#', onclick: (e) => { e.preventDefault(); ctx.openTasks.add(t.id); ctx.select(`III.${t.area}`, { focus: `task.${t.id}.name` }); } }, t.name || '(chưa đặt tên)')),
    h('td', `III.${t.area}`), h('td', t.lead_unit), h('td', `${showMonth(t.start)}${t.end ? '–' + showMonth(t.end) : ''}`),
    h('td.num', t.budget_million_vnd != null ? fmtNum(t.budget_million_vnd) : '')));
  return h('section.items', h('h3', `Danh mục nhiệm vụ, dự án (${ctx.plan.tasks.length})`),
    h('p.muted', 'Nhiệm vụ được soạn trong các mục III.1 – III.9; bấm tên để mở.'),
    h('table.catalogue', h('thead', h('tr', ['STT', 'Tên nhiệm vụ, dự án', 'Lĩnh vực', 'Chủ trì', 'Thời gian', 'Kinh phí (tr.đ)'].map((c) => h('th', c)))), h('tbody', rows)));
}

// --- organisation (section V) ---------------------------------------------------------

function organisationEditor(ctx) {
  const arr = ctx.plan.organisation;
  const cards = arr.map((r) => {
    const save = itemSaver(ctx, 'responsibility', r);
    const unit = bind(ctx, input(r.unit, `organisation.${r.id}.unit`, { list: 'bodies', 'aria-label': 'Đơn vị' }), (v) => { r.unit = v; }, save);
    return h('div.card', { dataset: { item: `organisation.${r.id}` } },
      h('div.card-head', h('span.badge', 'Đơn vị'), h('span.spacer'),
        button('↑', () => moveItem(ctx, 'responsibility', arr, r, -1), { attrs: { 'aria-label': 'Chuyển lên' } }),
        button('↓', () => moveItem(ctx, 'responsibility', arr, r, 1), { attrs: { 'aria-label': 'Chuyển xuống' } }),
        button('Xóa', () => deleteItem(ctx, 'responsibility', arr, r, `trách nhiệm của “${r.unit || 'đơn vị'}”`), { cls: 'danger' })),
      field('Đơn vị', unit, { wide: true }),
      blocksEditor(ctx, r.duties, save, `organisation.${r.id}.duties`, { label: 'Nhiệm vụ của đơn vị', placeholder: 'Nhiệm vụ của đơn vị…' }));
  });
  const add = () => {
    const r = { id: newId('tn'), unit: '', duties: [] };
    arr.push(r);
    ctx.saver.commit({ op: 'put-item', item: { list: 'responsibility', value: clone(r) } }, { op: 'delete-item', list: 'responsibility', id: r.id });
    ctx.touched();
    ctx.rerender({ focus: `organisation.${r.id}.unit` });
  };
  return h('section.items', h('h3', `Trách nhiệm của các đơn vị (${arr.length})`), h('div.cards', cards), h('div.row', button('+ Thêm đơn vị', add)));
}

