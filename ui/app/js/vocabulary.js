// The engine's vocabulary (the `vocabulary` command, src/vocabulary/ in Rust): every
// label and choice, the periods of each kind of plan, the sections of indicator groups
// and task areas, how a value is written with its unit, and which findings only say
// "not filled in yet". Loaded once before the first screen; the UI keeps no copy.

let V = null;

/** Loads the vocabulary (once, before anything is rendered). */
export async function loadVocabulary(invoke) {
  V = await invoke('vocabulary');
  return V;
}

/** A list of the engine's choices as [id, label] pairs, e.g. 'funding_sources'. */
export const choices = (name) => V[name].map((c) => [c.id, c.label]);

const sameKind = (a, b) => a.type === b.type && (a.year ?? null) === (b.year ?? null);
const kindEntry = (kind) => V.plan_kinds.find((k) => sameKind(k.kind, kind));

/** "giai đoạn 2026–2030", "năm 2027". */
export const kindLabel = (kind) => kindEntry(kind).label;

/** The periods a plan of `kind` sets targets for. */
export const periodsOf = (kind) => kindEntry(kind).periods;

/** "cấp tỉnh", "cấp bộ". */
export const levelLabel = (level) => V.levels.find((l) => l.id === level).label;

/** The period of the national target a target of `period` is compared with. */
export const nationalPeriod = (period) => {
  const p = V.periods.find((x) => x.id === String(period));
  return p ? p.national : null;
};

/** "giai đoạn 2025–2027", "năm 2027". */
export const periodLabel = (id) => {
  const p = V.periods.find((x) => x.id === String(id));
  return p ? p.label : String(id);
};

const capitalised = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** "≥", "=", "≤". */
export const comparatorSymbol = (id) => (V.comparators.find((c) => c.id === id) || { symbol: '' }).symbol;
export const comparatorChoices = () => V.comparators.map((c) => [c.id, c.symbol]);

/** "Lỗi", "Cảnh báo", "Gợi ý" (the engine's label, at the start of a line). */
export const severityLabel = (id) => capitalised(V.severities.find((s) => s.id === id).label);

/** "Giai đoạn 2025–2027", "Năm 2027": a period at the start of a line. */
export const periodHeading = (id) => capitalised(periodLabel(id));

/** The Khung section an indicator group is written in (II.2 for the drafter's own). */
export const groupSection = (group) => (V.indicator_groups.find((g) => g.id === group) || { section: 'II.2' }).section;

/** The Khung indicator group written in section `id`, if any. */
export const sectionGroup = (id) => (V.indicator_groups.find((g) => g.section === id) || { id: null }).id;

/** The task area (1–9) of section `id`, if it is one of III. */
export const taskArea = (id) => (V.task_areas.find((a) => a.section === id) || { area: null }).area;

/** Whether a finding only says that something is not filled in yet. */
export const isUnfilled = (finding) => V.unfilled.some((u) => u.rule === finding.rule && (u.field == null || u.field === finding.location.field));

/** A value with its unit as the document prints it ("95%", "cấp độ 3", "30 sáng kiến"),
 * by the engine's rule (`value_with_unit`), also when the value was typed with its unit. */
export function valueWithUnit(value, unit) {
  const u = String(unit || '').trim();
  let v = String(value ?? '').trim();
  if (!u) return v;
  const bare = v.endsWith(u) ? v.slice(0, -u.length).trim() : v.startsWith(u) ? v.slice(u.length).trim() : v;
  if (bare) v = bare;
  if (V.value_with_unit.joined.includes(u)) return `${v}${u}`;
  if (V.value_with_unit.before_value.includes(u)) return `${u} ${v}`;
  return `${v} ${u}`;
}

/** The years that can have an annual plan (2026–2030). */
export const planYears = () => V.plan_kinds.filter((k) => k.kind.type === 'annual').map((k) => k.kind.year);

/** The areas of section III: [{area, section}]. */
export const taskAreas = () => V.task_areas;
