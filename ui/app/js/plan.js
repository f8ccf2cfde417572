// Plan helpers for the UI: the navigation tree, where a finding points, what counts as
// filled in. Pure functions over the plan/framework data the Rust side sends.

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

/** The Khung section of an indicator group. */
export function groupSection(group) {
  if (group === 'digital-services') return 'II.2.1.a';
  if (group === 'data-driven-governance') return 'II.2.1.b';
  if (group === 'digital-economy') return 'II.2.2';
  if (group === 'digital-society') return 'II.2.3';
  return 'II.2';
}

export function sectionGroup(id) {
  return { 'II.2.1.a': 'digital-services', 'II.2.1.b': 'data-driven-governance', 'II.2.2': 'digital-economy', 'II.2.3': 'digital-society' }[id] || null;
}

export function taskArea(sectionId) {
  const m = /^III\.(\d)$/.exec(sectionId);
  return m ? Number(m[1]) : null;
}

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

const blank = (blocks) => (blocks || []).every((b) => (b.text || []).every((r) => !r.text.trim()));

/** Whether a tree row is filled in. */
export function isFilled(plan, row) {
  if (row.key === 'header') return !!(plan.header.issuer.trim() && plan.header.subject.trim() && plan.header.place.trim());
  if (row.key === 'opening') return plan.opening.legal_bases.length > 0 || !!(plan.opening.implementing && plan.opening.implementing.length);
  if (row.key === 'closing') return plan.recipients.length > 0 && !!plan.signer.name.trim();
  if (row.key === 'evaluation') return plan.annual.evaluation.indicators.every((i) => i.status);
  const has = (s) => {
    if (!blank(s.content)) return true;
    const g = sectionGroup(s.id);
    if (g && plan.indicators.some((i) => i.group === g)) return true;
    const a = taskArea(s.id);
    if (a && plan.tasks.some((t) => t.area === a)) return true;
    if (s.id === 'V' && plan.organisation.length) return true;
    if (s.id === 'VI' && plan.tasks.length) return true;
    return (s.children || []).some(has);
  };
  return has(row.section);
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

/** The period of the national target that an annual or phase target is compared with. */
export function nationalPeriod(period) {
  if (period === '2025-2027' || period === '2028-2030') return period;
  return Number(period) <= 2027 ? '2025-2027' : '2028-2030';
}

export function periodsOf(kind) {
  return kind.type === 'five-year' ? ['2025-2027', '2028-2030'] : [String(kind.year)];
}

export function kindLabel(kind) {
  return kind.type === 'five-year' ? 'giai đoạn 2026–2030' : `năm ${kind.year}`;
}

export const levelLabel = (level) => (level === 'bo' ? 'cấp bộ' : 'cấp tỉnh');

export const CMP = { '>=': '≥', '=': '=', '<=': '≤' };

export const FUNDING = [
  ['central-budget', 'Ngân sách trung ương'],
  ['local-budget', 'Ngân sách địa phương'],
  ['recurrent-budget', 'Kinh phí chi thường xuyên'],
  ['public-investment', 'Vốn đầu tư công'],
  ['science-fund', 'Quỹ phát triển khoa học và công nghệ'],
  ['public-private-partnership', 'Hợp tác công tư (PPP), thuê dịch vụ'],
  ['socialised', 'Xã hội hóa'],
  ['foreign-aid', 'Vốn ODA, viện trợ'],
];

export const LEGAL_KINDS = [
  ['luat', 'Luật'], ['nghi-quyet', 'Nghị quyết'], ['nghi-dinh', 'Nghị định'], ['quyet-dinh', 'Quyết định'],
  ['chi-thi', 'Chỉ thị'], ['ket-luan', 'Kết luận'], ['ke-hoach', 'Kế hoạch'], ['thong-tu', 'Thông tư'],
  ['cong-van', 'Công văn'], ['chuong-trinh', 'Chương trình'], ['khac', 'Văn bản khác'],
];

export const AUTHORITIES = ['TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'];

export const SEVERITY_LABEL = { error: 'Lỗi', warning: 'Cảnh báo', hint: 'Gợi ý' };
