// The preview pane: the pages exactly as the PDF prints them, from the engine's preview
// (the PDF engine's display list: words at their x, rules, table borders), drawn as SVG.
// Pages are sized at once and filled when they come near the viewport, so a long plan
// opens fast. A click on a text opens the part of the plan it comes from.

import { h, clear } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const PX_PER_PT = 96 / 72;
const ZOOMS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2];
// After the last saved edit, wait this long before laying the plan out again.
const DEBOUNCE_MS = 350;

function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  return el;
}

export class PreviewPane {
  /** invoke: the IPC call; onJump(anchor): open the part a clicked text comes from. */
  constructor({ invoke, onJump, onError }) {
    this.invoke = invoke;
    this.onJump = onJump;
    this.onError = onError;
    this.data = null;
    this.zoom = null; // null: fit the page width to the pane
    this.timer = null;
    this.running = null;
    this.again = false;
    this.followKey = null;
    this.stats = [];
    this.root = null;
  }

  /** Builds the pane into `container` (its toolbar and the scrolling pages). */
  mount(container) {
    this.counter = h('span.pv-counter', { attrs: { 'aria-live': 'polite' } }, '');
    this.zoomLabel = h('span.pv-zoom', '');
    this.state = h('span.pv-state', '');
    this.pages = h('div.pv-pages', { attrs: { tabindex: '0', 'aria-label': 'Các trang của văn bản' } });
    this.pages.addEventListener('scroll', () => this.updateCounter(), { passive: true });
    this.pages.addEventListener('click', (e) => this.click(e));
    const zoomBy = (dir) => {
      const cur = this.scale() / PX_PER_PT;
      const next = dir > 0 ? ZOOMS.find((z) => z > cur + 0.01) : [...ZOOMS].reverse().find((z) => z < cur - 0.01);
      if (next) this.setZoom(next);
    };
    this.root = h('div.preview',
      h('div.pv-bar',
        h('button.small#pv-zoom-out', { type: 'button', title: 'Thu nhỏ', attrs: { 'aria-label': 'Thu nhỏ' }, onclick: () => zoomBy(-1) }, '−'),
        this.zoomLabel,
        h('button.small#pv-zoom-in', { type: 'button', title: 'Phóng to', attrs: { 'aria-label': 'Phóng to' }, onclick: () => zoomBy(1) }, '+'),
        h('button.small#pv-fit', { type: 'button', title: 'Vừa chiều rộng khung', onclick: () => this.setZoom(null) }, 'Vừa khung'),
        h('span.spacer'), this.state, this.counter),
      this.pages);
    container.append(this.root);
    this.observer = new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting) this.paint(e.target);
    }, { root: this.pages, rootMargin: '600px 0px' });
    if (this.data) this.layout();
    else this.refresh();
  }

  unmount() {
    if (this.observer) this.observer.disconnect();
    this.root = null;
  }

  get mounted() { return !!(this.root && this.root.isConnected); }

  /** After an edit: lay the plan out again once edits pause. */
  schedule() {
    if (!this.mounted) { this.data = null; return; }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), DEBOUNCE_MS);
  }

  /** Asks the engine for the pages; at most one request at a time, the last one wins. */
  async refresh() {
    if (this.running) { this.again = true; return this.running; }
    this.state.textContent = 'Đang dàn trang…';
    const started = performance.now();
    this.running = (async () => {
      try {
        const data = await this.invoke('preview');
        this.stats.push({ ms: performance.now() - started, pages: data.pages.length });
        if (this.stats.length > 50) this.stats.shift();
        this.data = data;
        if (this.mounted) this.layout();
      } catch (e) {
        if (this.onError) this.onError(e);
      } finally {
        this.running = null;
        if (this.state) this.state.textContent = '';
      }
    })();
    await this.running;
    if (this.again) { this.again = false; return this.refresh(); }
    return null;
  }

  scale() {
    if (this.zoom) return this.zoom * PX_PER_PT;
    const first = this.data && this.data.pages[0];
    const room = (this.pages && this.pages.clientWidth) || 400;
    return first ? Math.max(0.2, (room - 28) / first.width) : PX_PER_PT;
  }

  setZoom(z) {
    this.zoom = z;
    const keep = this.currentPage();
    this.layout();
    this.scrollToPage(keep);
  }

  /** Sizes every page (keeping the scroll position) and paints those in view. */
  layout() {
    const top = this.pages.scrollTop;
    const s = this.scale();
    this.observer.disconnect();
    clear(this.pages);
    this.data.pages.forEach((p, i) => {
      const frame = h('div.pv-page', { dataset: { page: String(i) }, attrs: { role: 'img', 'aria-label': `Trang ${i + 1}` } });
      frame.style.width = `${Math.round(p.width * s)}px`;
      frame.style.height = `${Math.round(p.height * s)}px`;
      this.pages.append(frame, h('div.pv-number', `${i + 1}`));
      this.observer.observe(frame);
    });
    this.zoomLabel.textContent = `${Math.round((s / PX_PER_PT) * 100)}%`;
    this.pages.scrollTop = top;
    this.updateCounter();
    if (this.followKey) this.follow(this.followKey, { onlyIfAway: true });
  }

  /** Draws page `frame` (once per layout). */
  paint(frame) {
    if (frame.firstChild) return;
    const p = this.data.pages[Number(frame.dataset.page)];
    const page = svg('svg', { viewBox: `0 0 ${p.width} ${p.height}`, width: '100%', height: '100%' });
    for (const [x, y, w, hgt, stroke, fill] of p.rects) {
      page.append(svg('rect', { x, y, width: w, height: hgt, fill: fill < 0 ? 'none' : `rgb(${Math.round(fill * 255)},${Math.round(fill * 255)},${Math.round(fill * 255)})`, stroke: stroke > 0 ? '#000' : 'none', 'stroke-width': stroke }));
    }
    for (const [x1, y1, x2, y2, t] of p.lines) page.append(svg('line', { x1, y1, x2, y2, stroke: '#000', 'stroke-width': t }));
    for (const t of p.texts) {
      const text = svg('text', { y: t.baseline, 'font-size': t.size, class: `f${t.face}`, 'data-anchor': t.anchor });
      for (const [x, word] of t.words) {
        const span = svg('tspan', { x });
        span.textContent = word;
        text.append(span);
      }
      page.append(text);
    }
    frame.append(page);
  }

  click(e) {
    const text = e.target.closest && e.target.closest('text');
    if (!text || !this.data) return;
    const anchor = this.data.anchors[Number(text.getAttribute('data-anchor'))];
    if (!anchor || !this.onJump) return;
    // The page clicked stays in view: opening its part must not scroll the pages.
    this.holdFollow = true;
    this.onJump(anchor);
    this.holdFollow = false;
  }

  currentPage() {
    const frames = [...this.pages.querySelectorAll('.pv-page')];
    const mid = this.pages.scrollTop + this.pages.clientHeight / 3;
    let i = 0;
    while (i + 1 < frames.length && frames[i + 1].offsetTop <= mid) i++;
    return i;
  }

  scrollToPage(i) {
    const frame = this.pages.querySelector(`.pv-page[data-page="${i}"]`);
    if (frame) this.pages.scrollTop = frame.offsetTop - 8;
    this.updateCounter();
  }

  updateCounter() {
    if (!this.data) return;
    this.counter.textContent = `trang ${this.currentPage() + 1} / ${this.data.pages.length}`;
  }

  /** Shows the first page with text of tree key `key` (the section being edited). */
  follow(key, { onlyIfAway = false } = {}) {
    this.followKey = key;
    if (!this.data || !this.mounted || this.holdFollow) return;
    const pages = this.data.pages.map((p, i) => (p.keys.includes(key) ? i : -1)).filter((i) => i >= 0);
    if (!pages.length) return;
    if (onlyIfAway && pages.includes(this.currentPage())) return;
    this.scrollToPage(pages[0]);
  }

  /** The words of page `i` in reading order: line by line from the top, left to right
   * within a line. Texts whose baselines are less than half a line apart share a line, as
   * the two columns of the header block do (their sizes differ, so do their baselines). */
  words(i) {
    const all = this.data.pages[i].texts.flatMap((t) => t.words.map(([x, w]) => ({ x, y: t.baseline, size: t.size, w })));
    all.sort((a, b) => a.y - b.y);
    const lines = [];
    for (const word of all) {
      const line = lines[lines.length - 1];
      if (line && word.y - line.y < Math.min(line.size, word.size) / 2) line.words.push(word);
      else lines.push({ y: word.y, size: word.size, words: [word] });
    }
    return lines.flatMap((l) => l.words.sort((a, b) => a.x - b.x).map((a) => a.w));
  }
}
