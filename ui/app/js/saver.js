// Autosave and undo/redo over edits.
//
// Every change the drafter makes becomes one engine step: an `Edit`, or a list of edits
// that belong together (applied in one transaction, undone as one).
// Typing is debounced per field group ("key"): the edit is built from the live model
// when the timer fires, so a burst of keystrokes is one save and one undo step. While an
// IME composition is in progress (Telex/VNI) nothing is saved: the timer is postponed
// until `compositionend`. Edits go to the Rust side strictly in order.

import { invoke } from './ipc.js';

export class Saver {
  constructor({ delay = 400, onApplied, onStatus, onError }) {
    this.delay = delay;
    this.onApplied = onApplied;
    this.onStatus = onStatus;
    this.onError = onError;
    this.pending = new Map(); // key -> {build, inverse, timer}
    this.primed = new Map(); // key -> inverse edit, taken before the first mutation
    this.queue = Promise.resolve();
    this.inFlight = 0;
    this.undoStack = [];
    this.redoStack = [];
    this.composing = false;
    this.failed = null;
    this.stats = [];
    this.listen();
  }

  listen() {
    document.addEventListener('compositionstart', () => { this.composing = true; this.status(); }, true);
    document.addEventListener('compositionend', () => {
      this.composing = false;
      // The field's own compositionend handler records the change; restart the timers.
      for (const key of this.pending.keys()) this.arm(key);
    }, true);
  }

  /** Called just before the live model of `key` is mutated: remembers the edit that
   * restores it, unless a burst of changes to `key` is already pending. */
  prime(key, inverse) {
    if (!this.pending.has(key)) this.primed.set(key, inverse());
  }

  /** Records that the part named `key` changed; `build()` gives its edit from the live
   * model. The inverse is the one primed before the first change of the burst. */
  change(key, build) {
    const entry = this.pending.get(key);
    if (entry) entry.build = build;
    else {
      const inverse = this.primed.get(key);
      this.primed.delete(key);
      this.pending.set(key, { build, inverse, timer: null });
    }
    this.arm(key);
    this.status();
  }

  arm(key) {
    const entry = this.pending.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.flushKey(key), this.delay);
  }

  flushKey(key) {
    const entry = this.pending.get(key);
    if (!entry) return;
    if (this.composing) { this.arm(key); return; }
    clearTimeout(entry.timer);
    this.pending.delete(key);
    const edit = entry.build();
    if (edit) this.record(edit, entry.inverse);
    this.status();
  }

  record(edit, inverse) {
    // Leaving a field fires `change` with the value already saved: not an edit, and not
    // an undo step (else the first Ctrl+Z would seem to do nothing).
    if (inverse && JSON.stringify(edit) === JSON.stringify(inverse)) return;
    if (inverse) this.undoStack.push({ edit, inverse });
    this.redoStack = [];
    this.send(edit);
  }

  /** Saves every pending change now (before undo, export, close...). Resolves when
   * everything sent so far is on disk. */
  async flush() {
    for (const key of [...this.pending.keys()]) {
      const entry = this.pending.get(key);
      clearTimeout(entry.timer);
      this.pending.delete(key);
      const edit = entry.build();
      if (edit) this.record(edit, entry.inverse);
    }
    this.status();
    await this.queue;
    if (this.failed) throw this.failed;
  }

  /** An immediate change (a click: add, delete, move, insert). `edit` and `inverse` may
   * be lists: one step of several edits, undone in reverse order. */
  commit(edit, inverse) {
    for (const key of [...this.pending.keys()]) this.flushKey(key);
    this.record(edit, inverse);
    this.status();
    return this.queue;
  }

  send(edit) {
    this.inFlight++;
    this.failed = null;
    const started = performance.now();
    this.queue = this.queue.then(async () => {
      try {
        const res = await invoke('apply_edit', { edit });
        this.stats.push({ op: [].concat(edit).map((e) => e.op).join('+'), apply_ms: res.apply_ms, validate_ms: res.validate_ms, roundtrip_ms: performance.now() - started });
        if (this.stats.length > 200) this.stats.shift();
        if (this.inFlight === 1) this.onApplied(res);
      } catch (e) {
        this.failed = e;
        this.onError(e);
      } finally {
        this.inFlight--;
        this.status();
      }
    });
    this.status();
  }

  /** Undo the last step; resolves to the step ({edit, inverse}) or null. */
  async undo() {
    await this.flush().catch(() => {});
    const step = this.undoStack.pop();
    if (!step) return null;
    this.redoStack.push(step);
    this.send(Array.isArray(step.inverse) ? [...step.inverse].reverse() : step.inverse);
    await this.queue;
    return step;
  }

  async redo() {
    await this.flush().catch(() => {});
    const step = this.redoStack.pop();
    if (!step) return null;
    this.undoStack.push(step);
    this.send(step.edit);
    await this.queue;
    return step;
  }

  reset() {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
    this.primed.clear();
    this.undoStack = [];
    this.redoStack = [];
    this.status();
  }

  get busy() {
    return this.pending.size > 0 || this.inFlight > 0;
  }

  status() {
    let state;
    if (this.failed) state = 'error';
    else if (this.busy) state = 'saving';
    else state = 'saved';
    this.onStatus(state, { canUndo: this.undoStack.length > 0 || this.pending.size > 0, canRedo: this.redoStack.length > 0 });
  }
}
