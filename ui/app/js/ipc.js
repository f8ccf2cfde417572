// The only door to the Rust side. Tauri injects window.__TAURI_INTERNALS__ into the
// webview; the Playwright tests define a mock of the same two functions.

function internals() {
  const t = window.__TAURI_INTERNALS__;
  if (!t) throw new Error('Chương trình chưa sẵn sàng (không có kết nối tới phần lõi).');
  return t;
}

/** Calls a command; rejects with an Error carrying the command's Vietnamese message and,
 * when the command gives one, its `kind` (what the UI switches on, never the text). */
export async function invoke(cmd, args = {}) {
  try {
    return await internals().invoke(cmd, args);
  } catch (e) {
    const error = new Error(typeof e === 'string' ? e : (e && e.message) || String(e));
    if (e && typeof e === 'object' && e.kind) error.kind = e.kind;
    throw error;
  }
}

/** Listens to an app event; returns a function that stops listening. */
export async function listen(event, handler) {
  const t = internals();
  const id = await t.invoke('plugin:event|listen', {
    event,
    target: { kind: 'Any' },
    handler: t.transformCallback((e) => handler(e.payload)),
  });
  return () => t.invoke('plugin:event|unlisten', { event, eventId: id }).catch(() => {});
}

/** Native "open file" dialog; resolves to a path or null. */
export async function pickOpenFile({ title, extensions, name }) {
  return invoke('plugin:dialog|open', {
    options: { title, multiple: false, directory: false, filters: [{ name, extensions }] },
  });
}

/** Native "save as" dialog; resolves to a path or null. */
export async function pickSaveFile({ title, extensions, name, defaultPath }) {
  return invoke('plugin:dialog|save', {
    options: { title, defaultPath, filters: [{ name, extensions }] },
  });
}
