// A stand-in for the Tauri shell, run inside the page (Playwright addInitScript). The
// plan, its findings and filled parts come from the engine itself: every command that
// reads or changes the plan goes to a session of `examples/ui_fixture.rs serve`
// (window.__engine, exposed by the harness), which creates, edits, validates and
// derives real plan files. What stays here is the shell's plumbing (paths, dialogs,
// export progress events, signing answers) and the page preview of the sample
// (config.fixture, written by the same example). Errors with a kind are thrown as
// {kind, message}, as the commands send them. Every call is recorded in
// window.__mock.calls for the tests to inspect.
/* eslint-disable */
(function install(config) {
  const clone = (v) => JSON.parse(JSON.stringify(v));
  const state = {
    calls: [],
    plan: config.view ? config.view.plan : null,
    path: '/home/drafter/KeHoachCDS/ke-hoach-mau.khcds',
    recent: config.recent || [],
    revisions: [{ id: 1, created_at: '2026-01-05T09:30:00+07:00', reason: 'before-export', reason_label: 'tự động trước khi xuất', label: '' }],
    listeners: {},
    applyDelayMs: config.applyDelayMs || 0,
    failNextApply: null,
    exported: [],
  };
  window.__mock = state;

  // As the shell's CommandError: the engine's kind, its message as a sentence.
  const sentence = (m) => m.charAt(0).toUpperCase() + m.slice(1);
  async function engine(op, args = {}) {
    const reply = await window.__engine({ op, ...args });
    if (reply.error) throw { kind: reply.error.kind, message: sentence(reply.error.message) };
    if (reply.ok.plan) state.plan = reply.ok.plan;
    return reply.ok;
  }
  const view = async (s) => {
    const { plan, findings, filled } = s || await engine('state');
    return { path: state.path, file_name: state.path.split('/').pop(), plan, findings, filled };
  };
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const emit = (event, payload) => (state.listeners[event] || []).forEach((cb) => cb({ event, id: 1, payload }));
  let nextCb = 1;

  const handlers = {
    startup: async () => ({ version: '0.1.0', formats: clone(config.fixture.vocabulary.export_formats),
      recent: state.recent, settings: { export_format: 'json', export_dir: null, autosave_delay_ms: config.delay || 400 },
      plans_dir: '/home/drafter/KeHoachCDS', plan: config.view ? await view(config.view) : null, notice: null }),
    framework: () => clone(config.framework),
    catalog: () => clone(config.catalog),
    vocabulary: () => clone(config.fixture.vocabulary),
    recent_files: () => state.recent,
    forget_recent: ({ path }) => (state.recent = state.recent.filter((r) => r.path !== path)),
    default_paths: ({ format }) => ({ plans_dir: '/home/drafter/KeHoachCDS', new_plan: '/home/drafter/KeHoachCDS/ke-hoach-moi.khcds', export: state.plan ? `/home/drafter/KeHoachCDS/ke-hoach-mau.${format || 'json'}` : null }),
    new_plan: async ({ path, level, kind, year, sample }) => {
      const s = await engine('create', { path, level, kind, year, sample });
      state.path = path;
      return view(s);
    },
    // Any file opens as a new empty five-year plan of a province.
    open_plan: async ({ path }) => { const s = await engine('create', { path, level: 'tinh', kind: 'five-year' }); state.path = path; return view(s); },
    close_plan: () => { state.plan = null; return null; },
    load_plan: () => view(),
    apply_edit: async ({ edit }) => {
      if (state.applyDelayMs) await sleep(state.applyDelayMs);
      if (state.failNextApply) { const m = state.failNextApply; state.failNextApply = null; throw m; }
      const { plan, ...applied } = await engine('apply', { edit });
      return applied;
    },
    validate_plan: async () => (await engine('state')).findings,
    revisions: () => clone(state.revisions).reverse(),
    snapshot: ({ label }) => { const id = state.revisions.length + 1; state.revisions.push({ id, created_at: '2026-01-06T10:00:00+07:00', reason: 'manual', reason_label: 'lưu thủ công', label }); return id; },
    restore_revision: ({ id }) => { state.restored = id; return view(); },
    export_plan: ({ format, path, draft }) => {
      state.lastExport = { format, path, draft };
      if (!path.endsWith(`.${format}`)) throw `Tệp xuất phải có đuôi .${format}.`;
      const job = 7;
      setTimeout(() => emit('export-progress', { job, percent: 5, message: 'Đang chuẩn bị…', done: false }), 20);
      setTimeout(() => emit('export-progress', { job, percent: 80, message: 'Đang ghi tệp…', done: false }), 60);
      setTimeout(() => { state.exported.push(path); emit('export-progress', { job, percent: 100, message: 'Đã xuất xong.', done: true, path }); }, 120);
      return job;
    },
    open_exported: ({ path, folder }) => { state.opened = { path, folder }; return null; },
    sign_defaults: ({ path }) => {
      if (!state.exported.includes(path)) throw 'Chỉ ký được tệp vừa xuất trong phiên làm việc này.';
      return { output: path.replace(/\.(pdf|docx)$/, '-da-ky.$1'), files: { p12: null, pkcs11_module: config.pkcs11Module || null, signature_image: null, seal_image: null } };
    },
    sign_tokens: ({ module }) => {
      if (!module.endsWith('.so')) throw { kind: 'certificate', message: `Không nạp được thư viện PKCS#11 «${module}».` };
      return [{ label: 'VNPT-CA 01', description: 'Nguyễn Văn An' }];
    },
    sign_exported: (args) => {
      if (args.key.kind === 'p12' && !args.key.file) throw { kind: 'invalid', message: 'Hãy chọn tệp chứng thư số (.p12, .pfx).' };
      if (args.secret !== 'đúng') throw { kind: 'wrong_password', message: args.key.kind === 'p12' ? 'Mật khẩu của tệp chứng thư số không đúng.' : 'Mã PIN của USB ký số không đúng.' };
      // The certificate's holder: the plan's signer unless a test names someone else.
      const holder = config.holder || state.plan.signer.name || 'Nguyễn Văn An';
      if (state.plan.signer.name && holder !== state.plan.signer.name && !args.acceptHolder) {
        throw { kind: 'holder_mismatch', message: `Chứng thư số này là của «${holder}», còn người ký trong kế hoạch là «${state.plan.signer.name}».` };
      }
      state.signed = args;
      state.exported.push(args.output);
      return { path: args.output, format: 'PDF', signer: holder, issuer: 'CN=CA thử nghiệm', signing_time: '23/11/2026 10:15:02 (UTC+07:00)', valid_until: '22/11/2031' };
    },
    preview: async () => {
      state.previews = (state.previews || 0) + 1;
      if (config.previewDelayMs) await sleep(config.previewDelayMs);
      return clone(config.fixture.preview);
    },
    quit: () => null,
    evaluation_guidance: () => clone(config.evaluationGuidance),
    derive_annual: async ({ year, path }) => {
      const s = await engine('derive', { year, path });
      state.path = path;
      return view(s);
    },
    get_settings: () => ({ export_format: 'json', export_dir: null, autosave_delay_ms: 400 }),
    set_settings: ({ settings }) => settings,
    'plugin:event|listen': ({ event, handler }) => { (state.listeners[event] ||= []).push(window[`_${handler}`]); return 1; },
    'plugin:event|unlisten': () => null,
    'plugin:dialog|open': () => config.dialogOpen || '/home/drafter/Tài liệu/ke-hoach-cu.khcds',
    'plugin:dialog|save': () => config.dialogSave || null,
  };

  window.__TAURI_INTERNALS__ = {
    transformCallback(cb) { const id = nextCb++; window[`_${id}`] = cb; return id; },
    async invoke(cmd, args = {}) {
      state.calls.push({ cmd, args: clone(args), t: performance.now() });
      const f = handlers[cmd];
      if (!f) throw `Lệnh «${cmd}» không có trong bản giả lập.`;
      return clone(await f(args));
    },
  };
});
