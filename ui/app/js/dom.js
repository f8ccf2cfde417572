// Small DOM helpers. Elements are built with properties, never HTML strings, so text
// is never parsed as markup and no inline style attribute is needed (strict CSP).

/**
 * h('div.card#x', {onclick, dataset:{...}, attrs:{...}}, ...children)
 * Children may be strings, nodes, arrays, null/false (skipped).
 */
export function h(tag, props, ...children) {
  const m = /^([a-z0-9-]+)((?:[.#][\w-]+)*)$/i.exec(tag);
  const el = document.createElement(m ? m[1] : tag);
  if (m && m[2]) {
    for (const part of m[2].match(/[.#][\w-]+/g)) {
      if (part[0] === '.') el.classList.add(part.slice(1));
      else el.id = part.slice(1);
    }
  }
  if (props && (typeof props !== 'object' || props instanceof Node || Array.isArray(props))) {
    children.unshift(props);
    props = null;
  }
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') { for (const [dk, dv] of Object.entries(v)) if (dv !== null && dv !== undefined) el.dataset[dk] = dv; }
    else if (k === 'attrs') for (const [a, av] of Object.entries(v)) { if (av !== null && av !== undefined && av !== false) el.setAttribute(a, av === true ? '' : String(av)); }
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el[k] = v;
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export const nfc = (s) => (s == null ? '' : String(s).normalize('NFC'));

/** A random id suffix: 8 base-36 characters. */
export function newId(prefix) {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return `${prefix}-${n.toString(36).padStart(8, '0').slice(-8)}`;
}

export function clone(v) {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

// --- Rich text (runs with bold/italic) <-> contenteditable --------------------------

/** Renders runs into a contenteditable element. */
export function renderRuns(el, runs) {
  clear(el);
  for (const run of runs || []) {
    let node = document.createTextNode(run.text);
    if (run.italic) node = h('i', null, node);
    if (run.bold) node = h('b', null, node);
    el.append(node);
  }
}

/** Reads runs back from a contenteditable element, NFC, adjacent runs merged. */
export function readRuns(el) {
  const runs = [];
  const walk = (node, bold, italic) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.nodeValue.replace(/\u00a0/g, ' ').replace(/[\r\n]+/g, ' ');
      if (text) runs.push({ text, bold, italic });
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = node.tagName;
    if (tag === 'BR') return;
    let b = bold || tag === 'B' || tag === 'STRONG';
    let i = italic || tag === 'I' || tag === 'EM';
    const st = node.style;
    if (st) {
      if (st.fontWeight === 'bold' || Number(st.fontWeight) >= 600) b = true;
      if (st.fontStyle === 'italic') i = true;
    }
    for (const child of node.childNodes) walk(child, b, i);
  };
  for (const child of el.childNodes) walk(child, false, false);
  const merged = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && last.bold === r.bold && last.italic === r.italic) last.text += r.text;
    else merged.push({ ...r });
  }
  return merged.map((r) => {
    const out = { text: nfc(r.text) };
    if (r.bold) out.bold = true;
    if (r.italic) out.italic = true;
    return out;
  });
}

export const plainOf = (runs) => (runs || []).map((r) => r.text).join('');

/** dd/mm/yyyy hh:mm from an RFC 3339 local time. */
export function formatTime(rfc) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rfc || '');
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : rfc || '';
}
