// Dialogs shared by the screens: toasts, modal dialogs with a focus trap, the yes/no
// question, a path field with the system's file dialog, "Mở tệp" / "Mở thư mục".

import { invoke, pickOpenFile, pickSaveFile } from './ipc.js';
import { h } from './dom.js';

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const t = h(`div.toast.${kind}`, { attrs: { role: kind === 'error' ? 'alert' : 'status' } }, message,
    h('button.close', { type: 'button', attrs: { 'aria-label': 'Đóng thông báo' }, onclick: () => t.remove() }, '×'));
  box.append(t);
  setTimeout(() => t.remove(), kind === 'error' ? 12000 : 5000);
}

export function modal(title, body, { wide = false } = {}) {
  const previous = document.activeElement;
  const close = () => {
    overlay.remove();
    if (previous && previous.isConnected) previous.focus();
    if (dialog.onclose) dialog.onclose();
  };
  const dialog = h(`div.modal${wide ? '.wide' : ''}`, { attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': title } },
    h('div.modal-head', h('h2', title), h('button.close', { type: 'button', attrs: { 'aria-label': 'Đóng' }, onclick: close }, '×')),
    h('div.modal-body', body));
  const overlay = h('div.overlay', dialog);
  overlay.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
    if (e.key === 'Tab') {
      const items = [...dialog.querySelectorAll('button, input, select, textarea, [href], [tabindex]:not([tabindex="-1"])')].filter((x) => !x.disabled && x.offsetParent !== null);
      if (!items.length) return;
      const first = items[0]; const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    }
  });
  document.getElementById('modals').append(overlay);
  const first = [...dialog.querySelectorAll('.modal-body input, .modal-body button, .modal-body select')].find((x) => !x.disabled);
  (first || dialog.querySelector('button.close')).focus();
  dialog.close = close;
  return dialog;
}

export function confirmDialog(message, okLabel = 'Đồng ý') {
  return new Promise((resolve) => {
    let answered = false;
    const ok = h('button.primary', { type: 'button', onclick: () => { answered = true; resolve(true); d.close(); } }, okLabel);
    const cancel = h('button', { type: 'button', onclick: () => d.close() }, 'Hủy');
    const d = modal('Xác nhận', [h('p', message), h('div.row.end', cancel, ok)]);
    d.onclose = () => { if (!answered) resolve(false); };
    ok.focus();
  });
}

/** "Mở tệp" and "Mở thư mục" buttons (with the given ids) for a file written in this session. */
export function openButtons(path, fileId, folderId) {
  const open = (folder) => invoke('open_exported', { path, folder }).catch((e) => toast(e.message, 'error'));
  return [
    h(`button#${fileId}`, { type: 'button', onclick: () => open(false) }, 'Mở tệp'),
    h(`button#${folderId}`, { type: 'button', onclick: () => open(true) }, 'Mở thư mục'),
  ];
}

/** A path field with a "Chọn…" button opening the system's file dialog. */
export function fileField(id, label, value, { title, name, extensions, save = false, hint = '' }) {
  const input = h(`input#${id}`, { type: 'text', value: value || '', attrs: { spellcheck: 'false' } });
  const pick = async () => {
    const options = { title, name, extensions, defaultPath: input.value || undefined };
    const p = await (save ? pickSaveFile(options) : pickOpenFile(options)).catch((e) => { toast(e.message, 'error'); return null; });
    if (p) input.value = p;
  };
  const field = h('div.field.wide', h('label', { htmlFor: id }, label),
    h('div.row.tight', input, h('button', { type: 'button', onclick: pick }, 'Chọn…')),
    hint && h('div.note', hint));
  return { field, input };
}
