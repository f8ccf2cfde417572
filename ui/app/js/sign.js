// The sign step after an export: a certificate file or a USB token, its password or PIN
// (never kept), signature and seal images, then sign. The UI switches on error kinds
// the commands send, never on their text.

import { invoke } from './ipc.js';
import { h, clear, nfc } from './dom.js';
import { modal, confirmDialog, toast, fileField, openButtons } from './dialogs.js';

/** The sign step after an export: a certificate file or a USB token, its password or
 * PIN (never kept), images, then sign. Asks first when the plan has errors or when the
 * certificate's holder is not the plan's signer. */
export async function showSign(documentPath, errorCount) {
  let defaults;
  try {
    defaults = await invoke('sign_defaults', { path: documentPath });
  } catch (e) { toast(e.message, 'error'); return; }
  const isPdf = documentPath.toLowerCase().endsWith('.pdf');
  const extension = isPdf ? 'pdf' : 'docx';
  let method = defaults.files.pkcs11_module && !defaults.files.p12 ? 'pkcs11' : 'p12';
  const p12 = fileField('sign-p12', 'Tệp chứng thư số (.p12, .pfx)', defaults.files.p12,
    { title: 'Chọn tệp chứng thư số', name: 'Chứng thư số PKCS#12', extensions: ['p12', 'pfx'] });
  const module = fileField('sign-module', 'Thư viện PKCS#11 của USB ký số', defaults.files.pkcs11_module,
    { title: 'Chọn thư viện PKCS#11 của USB ký số', name: 'Thư viện PKCS#11', extensions: ['so', 'dll', 'dylib'],
      hint: 'Tệp .so (.dll trên Windows) do nhà cung cấp USB ký số cài đặt; chương trình nhớ đường dẫn này.' });
  const token = h('select#sign-token', { attrs: { 'aria-label': 'USB ký số' } }, h('option', { value: '' }, 'Bấm “Tìm USB ký số”'));
  const findTokens = async () => {
    clear(token);
    try {
      const tokens = await invoke('sign_tokens', { module: module.input.value.trim() });
      if (!tokens.length) token.append(h('option', { value: '' }, 'Không thấy USB ký số nào đang cắm'));
      for (const t of tokens) token.append(h('option', { value: t.label }, t.description ? `${t.label} — ${t.description}` : t.label));
    } catch (e) {
      token.append(h('option', { value: '' }, 'Chưa đọc được USB ký số'));
      message.className = 'error';
      message.textContent = e.message;
    }
  };
  const password = h('input#sign-password', { type: 'password', attrs: { autocomplete: 'off' } });
  const passwordLabel = h('label', { htmlFor: 'sign-password' }, '');
  const image = (id, label, value, hint) => fileField(id, label, value,
    { title: label, name: 'Ảnh PNG', extensions: ['png'], hint });
  const signature = image('sign-signature-image', 'Ảnh chữ ký (PNG, không bắt buộc)', defaults.files.signature_image,
    'Đặt giữa chức vụ và họ tên người ký.');
  const seal = image('sign-seal-image', 'Ảnh con dấu (PNG, không bắt buộc)', defaults.files.seal_image,
    'Đúng kích thước thật, trùm lên khoảng 1/3 chữ ký về bên trái.');
  const reason = h('input#sign-reason', { type: 'text', attrs: { placeholder: 'Ví dụ: Phê duyệt' } });
  const output = fileField('sign-output', 'Lưu bản đã ký tại', defaults.output,
    { title: 'Lưu bản đã ký', name: isPdf ? 'PDF' : 'Word (.docx)', extensions: [extension], save: true });
  const message = h('div#sign-message', { attrs: { role: 'status', 'aria-live': 'polite' } }, '');
  const after = h('div.row#sign-after');
  const go = h('button.primary#sign-go', { type: 'button' }, 'Ký số');
  const fileBox = h('div.sign-method', p12.field);
  const tokenBox = h('div.sign-method', module.field,
    h('div.field.wide', h('label', { htmlFor: 'sign-token' }, 'USB ký số (theo nhãn)'),
      h('div.row.tight', token, h('button#sign-find-tokens', { type: 'button', onclick: findTokens }, 'Tìm USB ký số'))));
  const showMethod = () => {
    fileBox.hidden = method !== 'p12';
    tokenBox.hidden = method !== 'pkcs11';
    passwordLabel.textContent = method === 'p12' ? 'Mật khẩu của chứng thư số' : 'Mã PIN của USB ký số';
  };
  const methodChoice = (value, label) => h('label.choice', h('input', { type: 'radio', name: 'sign-method', value, checked: method === value,
    onchange: () => { method = value; showMethod(); if (value === 'pkcs11' && module.input.value.trim() && !token.value) findTokens(); } }), h('span', label));
  const sign = async (acceptHolder) => {
    const path = (input) => input.value.trim() || null;
    return invoke('sign_exported', {
      path: documentPath,
      output: nfc(output.input.value.trim()),
      key: method === 'p12' ? { kind: 'p12', file: p12.input.value.trim() } : { kind: 'pkcs11', module: module.input.value.trim(), token: token.value },
      secret: password.value,
      location: null,
      signatureImage: isPdf ? path(signature.input) : null,
      sealImage: isPdf ? path(seal.input) : null,
      reason: nfc(reason.value.trim()) || null,
      acceptHolder,
    });
  };
  go.addEventListener('click', async () => {
    clear(after);
    if (errorCount() && !(await confirmDialog(`Kế hoạch còn ${errorCount()} lỗi chưa sửa (xem khung “Kiểm tra”). Vẫn ký số văn bản này?`, 'Vẫn ký'))) return;
    go.disabled = true;
    message.className = '';
    message.textContent = 'Đang ký…';
    try {
      let signed;
      try {
        signed = await sign(false);
      } catch (e) {
        if (e.kind !== 'holder_mismatch') throw e;
        message.textContent = '';
        if (!(await confirmDialog(`${e.message} Vẫn ký bằng chứng thư số này?`, 'Vẫn ký'))) return;
        message.textContent = 'Đang ký…';
        signed = await sign(true);
      }
      password.value = '';
      message.className = 'ok';
      message.textContent = `Đã ký: ${signed.path}. Người ký: ${signed.signer}, lúc ${signed.signing_time}; chứng thư số còn hiệu lực đến ${signed.valid_until}.`;
      after.append(...openButtons(signed.path, 'open-signed', 'open-signed-folder'));
      after.querySelector('button').focus();
    } catch (e) {
      message.className = 'error';
      message.textContent = e.message;
      if (e.kind === 'wrong_password') password.select();
    } finally {
      go.disabled = false;
      if (message.textContent === '') message.className = '';
    }
  });
  const d = modal('Ký số văn bản', [
    h('p.muted', `Văn bản: ${documentPath}`),
    h('fieldset.row.tight', h('legend', 'Ký bằng'), methodChoice('p12', 'Tệp chứng thư số'), methodChoice('pkcs11', 'USB ký số (token)')),
    fileBox, tokenBox,
    h('div.field.wide', passwordLabel, password,
      h('div.note', 'Chỉ dùng để mở khóa lần ký này, không được lưu lại.')),
    isPdf ? [signature.field, seal.field]
      : h('p.muted', 'Chữ ký số trong tệp Word không có hình; ảnh chữ ký và con dấu chỉ hiện trên bản PDF.'),
    h('div.field.wide', h('label', { htmlFor: 'sign-reason' }, 'Lý do ký (không bắt buộc)'), reason),
    output.field,
    message, h('div.row.end', after, go),
  ]);
  showMethod();
  if (method === 'pkcs11' && module.input.value.trim()) findTokens();
  (method === 'p12' ? (p12.input.value ? password : p12.input) : password).focus();
  return d;
}
