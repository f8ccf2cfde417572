// The evaluation of the previous year in an annual plan (Phần I): last year's targets
// with their status and achieved value, last year's tasks, and the narrative parts with
// the guidance beside each. Also the "Lập kế hoạch năm …" dialog of a five-year plan.
//
// Status labels and guidance come from the engine (`evaluation_guidance`); every change
// is one engine edit `{op: 'annual', edit: {what: 'target' | 'task' | 'narrative', …}}`
// sent through the saver (debounced per row, never mid-composition, one undo step).

import { invoke, pickOpenFile, pickSaveFile } from './ipc.js';
import { h, clear, nfc, clone, newId } from './dom.js';
import { wording } from './plan.js';
import { groupSection, comparatorSymbol, valueWithUnit, planYears, choices } from './vocabulary.js';
import { blocksEditor } from './editors.js';

export const EVALUATION_KEY = 'evaluation';

export const hasEvaluation = (plan) => !!(plan.annual && plan.annual.evaluation);

export const evaluationHeading = (plan) => ({ number: '', title: `Đánh giá kết quả thực hiện năm ${plan.annual.evaluation.year}` });

// The engine's guidance and status labels: fetched once, then rendered synchronously so
// a re-render (after undo, say) keeps the focus where it was. `rendered` runs once a
// first, late render is in the page (to mark the fields that have findings).
let guidance = null;
let loading = null;
function withGuidance(render, rendered = () => {}) {
  if (guidance) return render(guidance);
  const box = h('div.eval-loading', 'Đang tải hướng dẫn đánh giá…');
  loading ??= invoke('evaluation_guidance').then((g) => { guidance = g; });
  loading.then(() => { box.replaceWith(render(guidance)); rendered(); }, (e) => { loading = null; box.textContent = e.message; });
  return box;
}

const statusClass = (status) => `st-${status || 'none'}`;

/** One engine edit of the annual part. */
const annualEdit = (edit) => ({ op: 'annual', edit: clone(edit) });

/** A save function for one row of the evaluation: `prime()` before mutating the live
 * row, `save()` after; the edit is built from the live row when the debounce fires. */
function rowSaver(ctx, key, build) {
  const save = () => { ctx.saver.change(key, build); ctx.touched(); };
  save.prime = () => ctx.saver.prime(key, build);
  return save;
}

/** Wires a control to a property of `row` (NFC text, checkbox or select), never saving
 * mid-composition; `after` runs once the live row holds the new value. */
function bindTo(ctx, el, row, prop, save, after = () => {}) {
  const read = () => {
    if (el.type === 'checkbox') return el.checked;
    if (el.tagName === 'SELECT') return el.value || null;
    return nfc(el.value);
  };
  const onChange = (e) => {
    if (e && (e.isComposing || ctx.saver.composing)) return;
    const value = read();
    if ((row[prop] ?? null) === value) return;
    save.prime();
    if (value === null) delete row[prop]; else row[prop] = value;
    save();
    after();
  };
  el.addEventListener('input', onChange);
  el.addEventListener('change', onChange);
  el.addEventListener('compositionend', () => setTimeout(() => onChange(null), 0));
  return el;
}

function statusSelect(choices, value, dataField, label) {
  const el = h('select.status', { dataset: { field: dataField }, attrs: { 'aria-label': label } },
    h('option', { value: '' }, '— Chưa đánh giá —'),
    choices.map((c) => h('option', { value: c.id }, c.label)));
  el.value = value || '';
  return el;
}

const cell = (value, dataField, label, attrs = {}) => h('input', { type: 'text', value: value ?? '', dataset: { field: dataField }, attrs: { spellcheck: 'false', autocomplete: 'off', 'aria-label': label, ...attrs } });

// --- the editor ------------------------------------------------------------------

/** The editor of the evaluation of the previous year. */
export function evaluationEditor(ctx) {
  const evaluation = ctx.plan.annual.evaluation;
  evaluation.indicators ??= [];
  evaluation.tasks ??= [];
  evaluation.narrative ??= [];
  return withGuidance((g) => h('div.evaluation',
    h('p.muted', 'Đánh giá thực chất, khách quan từng chỉ tiêu và nhiệm vụ của năm trước; văn bản tự đếm số chỉ tiêu theo đánh giá, không cần gõ số đếm.'),
    layoutChoice(ctx),
    targetsPart(ctx, evaluation, g),
    tasksPart(ctx, evaluation, g),
    narrativePart(ctx, evaluation, g)), ctx.markFields);
}

/** How the document is laid out: Phần I / Phần II, or plain (the engine's choices). One
 * click is one edit and one undo step. */
function layoutChoice(ctx) {
  const annual = ctx.plan.annual;
  const current = annual.layout || 'parts';
  const choose = (layout) => {
    if (layout === (annual.layout || 'parts')) return;
    const before = annual.layout || 'parts';
    annual.layout = layout;
    ctx.saver.commit(annualEdit({ what: 'layout', layout }), annualEdit({ what: 'layout', layout: before }));
    ctx.touched();
  };
  return h('fieldset.eval-layout', { dataset: { field: 'annual.layout' } }, h('legend', 'Bố cục văn bản'),
    h('div.eval-layout-choices', choices('annual_layouts').map(([id, label]) => h('label.choice',
      h('input', { type: 'radio', name: 'annual-layout', value: id, checked: id === current, onchange: () => choose(id) }),
      h('span', label)))));
}

function targetsPart(ctx, evaluation, g) {
  const summary = h('div.eval-summary', { attrs: { role: 'status', 'aria-live': 'polite', 'aria-label': 'Số chỉ tiêu theo đánh giá' } });
  const refresh = () => renderSummary(summary, evaluation.indicators, g.target_statuses, 'chỉ tiêu');
  const rows = [];
  let group = null;
  evaluation.indicators.forEach((t, n) => {
    if (t.group !== group) {
      group = t.group;
      const fs = ctx.fwIndex.get(groupSection(group));
      if (fs) rows.push(h('tr.group', h('td', { colSpan: 6 }, wording(fs.heading, ctx.plan.meta.level))));
    }
    rows.push(targetRow(ctx, t, n + 1, g, refresh));
  });
  refresh();
  return h('section.eval-part',
    h('h3', `Chỉ tiêu năm ${evaluation.year}`),
    summary,
    evaluation.indicators.length
      ? h('div.eval-scroll', h('table.eval-table.eval-targets',
        h('thead', h('tr', ['TT', 'Chỉ tiêu', `Chỉ tiêu năm ${evaluation.year}`, 'Kết quả thực hiện', 'Đánh giá', 'Nguồn số liệu, ghi chú'].map((c) => h('th', c)))),
        h('tbody', rows)))
      : h('p.muted', 'Năm trước không có chỉ tiêu nào để đánh giá.'));
}

function targetRow(ctx, t, n, g, refresh) {
  t.achieved ??= '';
  t.source ??= '';
  t.note ??= '';
  const f = (prop) => `evaluation.target.${t.id}.${prop}`;
  const save = rowSaver(ctx, `evaluation.target:${t.id}`, () => annualEdit({ what: 'target', evaluation: t }));
  const tr = h(`tr.${statusClass(t.status)}`, { dataset: { item: `evaluation.target.${t.id}` } });
  const recolour = () => { tr.className = statusClass(t.status); refresh(); };
  // The symbol stays with its value ("≥ 100%"); a long unit may wrap after it.
  const goal = t.target ? `${comparatorSymbol(t.target.comparator)}\u00a0${valueWithUnit(t.target.value, t.unit)}`.trim() : '—';
  tr.append(
    h('td.n', String(n)),
    h('td.name', t.name),
    h('td.goal', goal),
    h('td', bindTo(ctx, cell(t.achieved, f('achieved'), `Kết quả thực hiện: ${t.name}`, { placeholder: 'Kết quả' }), t, 'achieved', save)),
    h('td', bindTo(ctx, statusSelect(g.target_statuses, t.status, f('status'), `Đánh giá: ${t.name}`), t, 'status', save, recolour)),
    h('td.source',
      bindTo(ctx, cell(t.source, f('source'), `Nguồn số liệu: ${t.name}`, { placeholder: 'Nguồn số liệu' }), t, 'source', save),
      bindTo(ctx, cell(t.note, f('note'), `Ghi chú: ${t.name}`, { placeholder: 'Ghi chú' }), t, 'note', save)));
  return tr;
}

/** Counts per status (and not yet evaluated), from the live rows. */
function renderSummary(box, items, choices, noun) {
  clear(box).append(h('span.total', `${items.length} ${noun}:`));
  const count = (v) => items.filter((x) => (x.status || '') === v).length;
  for (const c of choices) {
    box.append(h(`span.chip.${statusClass(c.id)}`, { dataset: { status: c.id } }, h('b', String(count(c.id))), ` ${c.label}`));
  }
  const none = count('');
  box.append(h(`span.chip.st-none${none ? '.pending' : ''}`, { dataset: { status: '' } }, h('b', String(none)), ' chưa đánh giá'));
}

function tasksPart(ctx, evaluation, g) {
  const summary = h('div.eval-summary', { attrs: { role: 'status', 'aria-live': 'polite', 'aria-label': 'Số nhiệm vụ theo tình hình thực hiện' } });
  const refresh = () => renderSummary(summary, evaluation.tasks, g.task_statuses, 'nhiệm vụ');
  refresh();
  const rows = evaluation.tasks.map((t, i) => taskRow(ctx, t, i + 1, g, refresh));
  return h('section.eval-part',
    h('h3', `Nhiệm vụ năm ${evaluation.year}`),
    summary,
    evaluation.tasks.length
      ? h('div.eval-scroll', h('table.eval-table.eval-tasks',
        h('thead', h('tr', ['TT', 'Nhiệm vụ', 'Tình hình thực hiện', 'Kết quả thực hiện', 'Chuyển tiếp sang năm nay'].map((c) => h('th', c)))),
        h('tbody', rows)))
      : h('p.muted', 'Năm trước không có nhiệm vụ nào để đánh giá.'));
}

function taskRow(ctx, t, n, g, refresh) {
  t.result ??= '';
  t.lead_unit ??= '';
  t.carries_over ??= false;
  const f = (prop) => `evaluation.task.${t.id}.${prop}`;
  const save = rowSaver(ctx, `evaluation.task:${t.id}`, () => annualEdit({ what: 'task', evaluation: t }));
  const tr = h(`tr.${statusClass(t.status)}`, { dataset: { item: `evaluation.task.${t.id}` } });
  const recolour = () => { tr.className = statusClass(t.status); refresh(); };
  const carryId = newId('carry');
  tr.append(
    h('td.n', String(n)),
    h('td.name', t.name, t.lead_unit && h('div.muted', t.lead_unit)),
    h('td', bindTo(ctx, statusSelect(g.task_statuses, t.status, f('status'), `Tình hình thực hiện: ${t.name}`), t, 'status', save, recolour)),
    h('td', bindTo(ctx, h('textarea', { value: t.result, rows: 2, dataset: { field: f('result') }, attrs: { 'aria-label': `Kết quả thực hiện: ${t.name}`, placeholder: 'Kết quả thực hiện' } }), t, 'result', save)),
    h('td.carry', h('label.choice', { htmlFor: carryId },
      bindTo(ctx, h(`input#${carryId}`, { type: 'checkbox', checked: t.carries_over, dataset: { field: f('carries_over') } }), t, 'carries_over', save),
      h('span', 'Chuyển tiếp'))));
  return tr;
}

function narrativePart(ctx, evaluation, g) {
  const level = ctx.plan.meta.level;
  return h('section.eval-part.narrative',
    h('h3', 'Đánh giá chung'),
    g.sections.map((s, i) => h('div.eval-section',
      h('h4', `${i + 1}. ${s.heading}`),
      g.parts.filter((p) => p.section === s.id).map((p) => narrativeRow(ctx, evaluation, p, level)))));
}

function narrativeRow(ctx, evaluation, p, level) {
  let part = evaluation.narrative.find((x) => x.id === p.id);
  const content = part ? (part.content ??= []) : [];
  const heading = wording(p.heading, level);
  const build = () => annualEdit({ what: 'narrative', part: { id: p.id, content } });
  const save = rowSaver(ctx, `evaluation.narrative:${p.id}`, build);
  const onChange = () => {
    // The engine adds a part absent from the plan on its first edit; so does the live model.
    if (!part) { part = { id: p.id, content }; evaluation.narrative.push(part); }
    save();
  };
  onChange.prime = save.prime;
  return h('div.eval-narrative', { dataset: { part: p.id } },
    h('div.rich',
      h('h5', heading),
      blocksEditor(ctx, content, onChange, `evaluation.narrative.${p.id}`, { label: heading, placeholder: `Kết quả, số liệu về ${heading.toLowerCase()}…` })),
    h('aside.eval-guidance', { attrs: { 'aria-label': `Hướng dẫn: ${heading}` } }, p.guidance.map((x) => h('p', x))));
}

/** The guidance column of the evaluation: the guidance for the evaluation as a whole. */
export function evaluationGuidancePanel() {
  return withGuidance((g) => h('div.guidance-text',
    g.guidance.map((p) => h('p', p)),
    h('p.muted', `Nguồn: ${g.source}.`)));
}

// --- derivation ----------------------------------------------------------------------

/** "Lập kế hoạch năm …" in the top bar of an open five-year plan. `app` gives the
 * shell's modal, toast, saver and the function that shows an opened plan. */
export function deriveButton(app) {
  return h('button#btn-derive', { type: 'button', title: 'Lập kế hoạch hằng năm từ kế hoạch 5 năm đang mở', onclick: () => deriveDialog(app) }, 'Lập kế hoạch năm…');
}

async function deriveDialog({ modal, toast, saver, showMain }) {
  try { await saver.flush(); } catch (e) { toast(e.message, 'error'); return; }
  const paths = await invoke('default_paths', { format: null }).catch(() => ({ new_plan: '' }));
  const year = h('select#derive-year', planYears().map((y) => h('option', { value: y }, `Năm ${y}`)));
  const previous = h('input#derive-previous', { type: 'text', attrs: { spellcheck: 'false', placeholder: 'Không bắt buộc', 'aria-describedby': 'derive-previous-note' } });
  // In the plans folder, named after the year until the drafter types a path.
  const folder = (paths.new_plan || '').replace(/[^/\\]*$/, '');
  const named = () => (folder ? `${folder}ke-hoach-nam-${year.value}.khcds` : '');
  const path = h('input#derive-path', { type: 'text', value: named(), attrs: { spellcheck: 'false' } });
  let typed = false;
  path.addEventListener('input', () => { typed = true; });
  year.addEventListener('change', () => { if (!typed) path.value = named(); });
  const error = h('div.form-error', { attrs: { role: 'alert' } });
  const go = h('button.primary#derive-go', { type: 'button' }, 'Lập kế hoạch');
  const pick = (input, picker, options) => h('button', { type: 'button', onclick: async () => {
    const p = await picker(options).catch((e) => { toast(e.message, 'error'); return null; });
    if (p) { input.value = p.endsWith('.khcds') ? p : `${p}.khcds`; input.dispatchEvent(new Event('input')); }
  } }, 'Chọn…');
  const khcds = { name: 'Kế hoạch (.khcds)', extensions: ['khcds'] };
  go.addEventListener('click', async () => {
    error.textContent = '';
    go.disabled = true;
    try {
      const view = await invoke('derive_annual', {
        year: Number(year.value), previous: nfc(previous.value.trim()) || null, path: nfc(path.value.trim()),
      });
      d.close();
      await showMain(view);
      toast(`Đã lập kế hoạch năm ${year.value} từ kế hoạch 5 năm.`);
    } catch (e) {
      error.textContent = e.message;
    } finally {
      go.disabled = false;
    }
  });
  const d = modal('Lập kế hoạch hằng năm', [
    h('p.muted', 'Kế hoạch năm mang theo cơ quan ban hành, căn cứ, các chỉ tiêu với chỉ tiêu của giai đoạn chứa năm đó, các nhiệm vụ triển khai trong năm và phần đánh giá năm trước để điền.'),
    h('div.field.wide', h('label', { htmlFor: 'derive-year' }, 'Năm của kế hoạch'), year),
    h('div.field.wide', h('label', { htmlFor: 'derive-previous' }, 'Kế hoạch năm trước (để đánh giá)'),
      h('div.row.tight', previous, pick(previous, pickOpenFile, { title: 'Chọn kế hoạch năm trước', ...khcds })),
      h('div.note#derive-previous-note', 'Nếu bỏ trống, chỉ tiêu và nhiệm vụ năm trước lấy theo kế hoạch 5 năm.')),
    h('div.field.wide', h('label', { htmlFor: 'derive-path' }, 'Lưu kế hoạch năm tại'),
      h('div.row.tight', path, pick(path, pickSaveFile, { title: 'Lưu kế hoạch năm', defaultPath: path.value, ...khcds }))),
    error,
    h('div.row.end', go),
  ]);
}
