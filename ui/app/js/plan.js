// Plan helpers for the UI: the navigation tree and where a finding points. Pure
// functions over the plan/framework data the Rust side sends; labels, choices and what
// counts as filled in are the engine's (vocabulary.js, and `filled` in the plan view).

import { groupSection } from './vocabulary.js';

/** Fills in what the Rust side leaves out when empty (serde skip_serializing_if), so the
 * editors can always mutate arrays and strings in place. Mutates and returns `plan`. */
export function normalizePlan(plan) {
  const h = plan.header;
  h.parent_body ??= '';
  const o = plan.opening;
  o.legal_bases ??= [];
  o.proposed_by ??= '';
  o.implementing ??= null;
  const walk = (list) => list.forEach((s) => {
    s.title ??= '';
    s.content ??= [];
    s.children ??= [];
    walk(s.children);
  });
  walk(plan.sections);
  for (const i of plan.indicators) {
    i.targets ??= [];
    i.method ??= '';
    i.lead_agency ??= '';
  }
  for (const t of plan.tasks) {
    for (const k of ['content', 'expected_result', 'expected_effect', 'lead_unit', 'approving_authority']) t[k] ??= '';
    t.coordinating_units ??= [];
    t.funding ??= [];
    t.indicators ??= [];
  }
  for (const r of plan.organisation) r.duties ??= [];
  plan.signer.capacities ??= [];
  return plan;
}

export const PSEUDO = {
  header: { key: 'header', number: '', title: 'Thông tin văn bản' },
  opening: { key: 'opening', number: '', title: 'Căn cứ ban hành' },
  closing: { key: 'closing', number: '', title: 'Nơi nhận, người ký' },
};

export function frameworkIndex(framework) {
  const byId = new Map();
  const walk = (list) => list.forEach((s) => { byId.set(s.id, s); walk(s.children || []); });
  walk(framework.sections);
  return byId;
}

export function wording(w, level) {
  if (w == null) return '';
  return typeof w === 'string' ? w : w[level] || w.khung;
}

/** Flattened tree rows: {key, id, depth, number, title, custom, section}. */
export function treeRows(plan, fwIndex) {
  const rows = [{ ...PSEUDO.header, depth: 0 }, { ...PSEUDO.opening, depth: 0 }];
  // An annual plan's evaluation of the previous year (ui/app/js/evaluation.js).
  if (plan.annual && plan.annual.evaluation) rows.push({ key: 'evaluation', number: '', title: `Đánh giá năm ${plan.annual.evaluation.year}`, depth: 0 });
  let customCounter = 0;
  const walk = (list, depth) => {
    for (const s of list) {
      const fs = fwIndex.get(s.id);
      const custom = s.origin === 'custom';
      if (custom) customCounter++;
      rows.push({
        key: s.id,
        id: s.id,
        depth,
        number: fs ? fs.number : '',
        title: custom ? (s.title || 'Mục mới') : (s.title || wording(fs && fs.heading, plan.meta.level)),
        custom,
        section: s,
      });
      walk(s.children || [], depth + 1);
    }
  };
  walk(plan.sections, 0);
  rows.push({ ...PSEUDO.closing, depth: 0 });
  return rows;
}

export function findSection(plan, id) {
  let found = null;
  const walk = (list, parent) => list.forEach((s, index) => {
    if (found) return;
    if (s.id === id) found = { section: s, parent, index, siblings: list };
    else walk(s.children || [], s);
  });
  walk(plan.sections, null);
  return found;
}

/** The tree key and the field selector a finding points to. */
export function locate(plan, finding, framework) {
  const loc = finding.location || {};
  const id = loc.id;
  const field = loc.field || null;
  switch (loc.part) {
    case 'header': return { key: 'header', field: field && `header.${field}` };
    case 'opening': return { key: 'opening', field: field && `opening.${field}` };
    case 'legal-basis': return { key: 'opening', field: `opening.legal_bases.${id}${field ? '.' + field : ''}` };
    case 'section': return { key: id, field: field === 'title' ? `section.${id}.title` : `section.${id}.content` };
    case 'indicator': {
      const ind = plan.indicators.find((i) => i.id === id);
      if (ind) return { key: groupSection(ind.group), field: `indicator.${id}${field ? '.' + field : ''}`, item: `indicator.${id}` };
      const nat = framework.indicators.find((i) => i.id === id);
      return { key: nat ? groupSection(nat.group) : 'II.2', field: `national.${id}`, item: `national.${id}` };
    }
    case 'task': {
      const t = plan.tasks.find((x) => x.id === id);
      return { key: t ? `III.${t.area}` : 'VI', field: `task.${id}${field ? '.' + field : ''}`, item: `task.${id}` };
    }
    case 'organisation': return { key: 'V', field: `organisation.${id}${field ? '.' + field : ''}`, item: `organisation.${id}` };
    case 'recipients': return { key: 'closing', field: 'recipients' };
    case 'signer': return { key: 'closing', field: field ? `signer.${field}` : 'signer.name' };
    // The evaluation of the previous year (ui/app/js/evaluation.js).
    case 'annual': return { key: 'evaluation', field: null };
    case 'evaluation-target': return { key: 'evaluation', field: `evaluation.target.${id}${field ? '.' + field : ''}`, item: `evaluation.target.${id}` };
    case 'evaluation-task': return { key: 'evaluation', field: `evaluation.task.${id}${field ? '.' + field : ''}`, item: `evaluation.task.${id}` };
    default: return { key: 'header', field: null };
  }
}
