// A stand-in for the Rust side, run inside the page (Playwright addInitScript). It keeps
// a plan in memory, applies the store's edits to it and computes two kinds of findings
// the way the engine reports them: empty Khung sections, and targets below the national
// minimum. With `sample` ('sample' or 'defective'), the plan, its findings and the page
// preview are the engine's own (config.fixture, written by `cargo run --example
// ui_fixture`). Errors with a kind
// are thrown as {kind, message}, as the commands send them. Every call is recorded in
// window.__mock.calls for the tests to inspect.
/* eslint-disable */
(function install(config) {
  const { framework, catalog } = config;
  const clone = (v) => JSON.parse(JSON.stringify(v));
  const sections = (list) => list.map((s) => ({ id: s.id, origin: 'framework', children: sections(s.children || []) }));
  const emptyPlan = (level, kind) => ({
    meta: { level, kind, framework_version: framework.version },
    header: { issuer: '', number: '', place: '', date: null, subject: '' },
    opening: { issuing_sentence: '', legal_bases: [], proposed_by: '' },
    
    sections: sections(framework.sections),
    indicators: [], tasks: [], organisation: [], recipients: [], signer: { capacities: [], position: '', name: '' },
  });
  const state = {
    calls: [],
    // config.plan: a plan as the engine exports it (evaluation tests); config.sample: one
    // of the engine-written fixture plans.
    plan: config.plan ? clone(config.plan)
      : config.sample ? clone(config.fixture[config.sample].plan)
      : config.openPlan ? emptyPlan('tinh', { type: 'five-year' }) : null,
    path: '/home/drafter/KeHoachCDS/ke-hoach-mau.khcds',
    recent: config.recent || [],
    revisions: [{ id: 1, created_at: '2026-01-05T09:30:00+07:00', reason: 'before-export', reason_label: 'tự động trước khi xuất', label: '' }],
    listeners: {},
    applyDelayMs: config.applyDelayMs || 0,
    failNextApply: null,
    exported: [],
  };
  if (state.plan && config.filled) {
    state.plan.header = { issuer: 'ỦY BAN NHÂN DÂN TỈNH HÒA SƠN', number: '/KH-UBND', place: 'Hòa Sơn', date: null, subject: 'Chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026–2030' };
  }
  window.__mock = state;

  const walk = (list, out = []) => { list.forEach((s) => { out.push(s); walk(s.children || [], out); }); return out; };
  const findIn = (list, id, parent = null) => {
    for (let i = 0; i < list.length; i++) {
      if (list[i].id === id) return { list, index: i, parent };
      const r = findIn(list[i].children || [], id, list[i]);
      if (r) return r;
    }
    return null;
  };
  const fwWalk = walk(framework.sections);
  const heading = (fs, level) => (typeof fs.heading === 'string' ? fs.heading : fs.heading[level]);
  const num = (v) => { const n = Number(String(v).trim().replace('%', '').replace(',', '.')); return String(v).trim() && Number.isFinite(n) ? n : null; };
  const phaseOf = (p) => (p.includes('-') ? p : Number(p) <= 2027 ? '2025-2027' : '2028-2030');

  function findings(plan) {
    if (config.sample) return clone(config.fixture[config.sample].findings);
    // config.findings: findings of the engine a test names, added to the computed ones.
    const out = clone(config.findings || []);
    const present = walk(plan.sections);
    for (const fs of fwWalk) {
      const s = present.find((x) => x.id === fs.id);
      const has = (x) => (x.content || []).some((b) => b.text.some((r) => r.text.trim())) || (x.children || []).some(has);
      if (s && !has(s)) out.push({ rule: 'completeness.section-empty', severity: 'error', location: { part: 'section', id: fs.id, field: 'content' }, message: `Mục ${fs.number} ${heading(fs, plan.meta.level)} chưa có nội dung.`, hint: 'Soạn nội dung theo hướng dẫn của Khung bên cạnh, hoặc chèn gợi ý.' });
    }
    for (const ind of plan.indicators) {
      const nat = ind.national && framework.indicators.find((n) => n.id === ind.national);
      if (!nat) continue;
      ind.targets.forEach((t, i) => {
        const nt = nat.targets.find((x) => x.period === phaseOf(t.period));
        const v = num(t.value);
        if (nt && v !== null && nt.comparator === '>=' && v < nt.value) {
          out.push({ rule: 'indicator.below-national-minimum', severity: 'error', location: { part: 'indicator', id: ind.id, field: `targets[${i}].value` }, message: `Chỉ tiêu «${ind.name}» kỳ ${t.period} thấp hơn mức tối thiểu toàn quốc (${nt.value}).`, hint: 'Nâng chỉ tiêu lên ít nhất bằng mức tối thiểu của Khung.' });
        }
      });
    }
    return out;
  }

  function apply(plan, e) {
    const listOf = (name) => ({ indicator: plan.indicators, task: plan.tasks, responsibility: plan.organisation }[name]);
    switch (e.op) {
      case 'set-header': plan.header = e.header; break;
      case 'set-opening': plan.opening = e.opening; break;
      case 'set-signer': plan.signer = e.signer; break;
      case 'set-recipients': plan.recipients = e.recipients; break;
      case 'set-meta': plan.meta = e.meta; break;
      case 'update-section': { const f = findIn(plan.sections, e.id); if (!f) throw `Không tìm thấy mục «${e.id}» trong kế hoạch.`; f.list[f.index].title = e.title; f.list[f.index].content = e.content; break; }
      case 'insert-section': { const list = e.parent ? (findIn(plan.sections, e.parent).list[findIn(plan.sections, e.parent).index].children ||= []) : plan.sections; list.splice(e.index, 0, e.section); break; }
      case 'delete-section': { const f = findIn(plan.sections, e.id); f.list.splice(f.index, 1); break; }
      case 'move-section': { const f = findIn(plan.sections, e.id); const [s] = f.list.splice(f.index, 1); const list = e.parent ? findIn(plan.sections, e.parent).list[findIn(plan.sections, e.parent).index].children : plan.sections; list.splice(e.index, 0, s); break; }
      case 'put-item': { const list = listOf(e.item.list); const i = list.findIndex((x) => x.id === e.item.value.id); if (i >= 0) list[i] = e.item.value; else list.splice(e.index ?? list.length, 0, e.item.value); break; }
      case 'move-item': { const list = listOf(e.list); const i = list.findIndex((x) => x.id === e.id); const [x] = list.splice(i, 1); list.splice(e.index, 0, x); break; }
      case 'annual': { // the evaluation edits of src/store/annual.rs
        const ev = plan.annual.evaluation; const a = e.edit;
        const [list, value] = { target: [ev.indicators, a.evaluation], task: [ev.tasks, a.evaluation], narrative: [ev.narrative, a.part] }[a.what];
        const i = list.findIndex((x) => x.id === value.id);
        if (i >= 0) list[i] = value; else if (a.what === 'narrative') list.push(value); else throw `Không tìm thấy «${value.id}» trong phần đánh giá.`;
        break;
      }
      case 'delete-item': { const list = listOf(e.list); const i = list.findIndex((x) => x.id === e.id); if (i < 0) throw `Không tìm thấy mục «${e.id}» trong kế hoạch.`; list.splice(i, 1); break; }
      default: throw `Thao tác sửa không hợp lệ: ${e.op}`;
    }
  }

  // As the Rust side serialises: fields marked skip_serializing_if are left out when empty.
  const serde = (plan) => {
    const p = clone(plan);
    if (!p.header.parent_body) delete p.header.parent_body;
    if (!p.opening.legal_bases.length) delete p.opening.legal_bases;
    if (!p.opening.proposed_by) delete p.opening.proposed_by;
    if (!p.opening.implementing) delete p.opening.implementing;
    const walk = (l) => l.forEach((s) => {
      if (!s.title) delete s.title;
      if (!s.content || !s.content.length) delete s.content;
      if (s.children && s.children.length) walk(s.children); else delete s.children;
    });
    walk(p.sections);
    return p;
  };
  const view = () => ({ path: state.path, file_name: state.path.split('/').pop(), plan: serde(state.plan), findings: findings(state.plan) });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const emit = (event, payload) => (state.listeners[event] || []).forEach((cb) => cb({ event, id: 1, payload }));
  let nextCb = 1;

  const handlers = {
    startup: () => ({ version: '0.1.0', formats: [
      { id: 'docx', label: 'Word (.docx)', extension: 'docx', available: true },
      { id: 'pdf', label: 'PDF', extension: 'pdf', available: true },
      { id: 'json', label: 'JSON (trao đổi dữ liệu)', extension: 'json', available: true }],
      recent: state.recent, settings: { export_format: 'json', export_dir: null, autosave_delay_ms: config.delay || 400 },
      plans_dir: '/home/drafter/KeHoachCDS', plan: state.plan ? view() : null, notice: null }),
    framework: () => clone(framework),
    catalog: () => clone(catalog),
    recent_files: () => state.recent,
    forget_recent: ({ path }) => (state.recent = state.recent.filter((r) => r.path !== path)),
    default_paths: ({ format }) => ({ plans_dir: '/home/drafter/KeHoachCDS', new_plan: '/home/drafter/KeHoachCDS/ke-hoach-moi.khcds', export: state.plan ? `/home/drafter/KeHoachCDS/ke-hoach-mau.${format || 'json'}` : null }),
    new_plan: ({ path, level, kind, year, sample }) => {
      if (!path.endsWith('.khcds')) throw 'Tệp kế hoạch phải có đuôi .khcds.';
      state.plan = emptyPlan(level, kind === 'annual' ? { type: 'annual', year } : { type: 'five-year' });
      if (sample) state.plan.header.subject = 'Chuyển đổi số tỉnh Hòa Sơn';
      state.path = path;
      return view();
    },
    open_plan: ({ path }) => { state.plan = emptyPlan('tinh', { type: 'five-year' }); state.path = path; return view(); },
    close_plan: () => { state.plan = null; return null; },
    load_plan: () => view(),
    apply_edit: async ({ edit }) => {
      if (state.applyDelayMs) await sleep(state.applyDelayMs);
      if (state.failNextApply) { const m = state.failNextApply; state.failNextApply = null; throw m; }
      apply(state.plan, clone(edit));
      return { findings: findings(state.plan), apply_ms: 1.5, validate_ms: 0.5 };
    },
    validate_plan: () => findings(state.plan),
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
    derive_annual: ({ year, path }) => {
      if (state.plan.meta.kind.type !== 'five-year') throw 'Kế hoạch gốc phải là kế hoạch 5 năm (giai đoạn 2026 - 2030).';
      if (!path.endsWith('.khcds')) throw 'Tệp kế hoạch phải có đuôi .khcds.';
      state.plan = clone(config.derived); state.path = path;
      return view();
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
