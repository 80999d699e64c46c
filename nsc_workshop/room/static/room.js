/* nsc-workshop: the room's participant page ("the room").
 *
 * Plain ES2020, no framework, no build step, nothing loaded from outside.
 * Every text a person typed is shown with textContent / createTextNode, never as HTML.
 *
 * The heart of it is the outbox: every contribution is one message with its full
 * text and an id made on this device (OPID). It is kept in localStorage until the
 * server acknowledges it, shown at once in its list ("Sending…"), resent with the
 * same OPID whenever the connection comes back (the server applies an OPID once).
 *
 * Hooks for tests (stable):
 *   main#room.nsc-room · .nsc-status[data-state=online|connecting|offline] · .nsc-offline · .nsc-paused
 *   .nsc-timer (.nsc-timer-time, .nsc-timer-over, [data-running]) · .nsc-led (the step the facilitator leads)
 *   select.nsc-activity-picker · section.nsc-activity[data-activity=wickedness|iceberg|hmw|actors|ties|
 *   influence|ideas|sketches|decide|test] · li.nsc-item[data-kind][data-id] (server items) ·
 *   li.nsc-item.nsc-pending[data-op=OPID][data-state=sending|waiting|failed|saved][data-for=kind] (outbox) ·
 *   button.nsc-dot-add / button.nsc-dot-remove / .nsc-dot-mine / .nsc-dot-total[data-n] · .nsc-budget[data-given][data-budget]
 *   .nsc-hidden[data-count] · form.nsc-join (code, name, sector) · .nsc-removed · .nsc-toast (role=status, aria-live)
 *   localStorage: nsc-room-lang, nsc-room-outbox/room/<digits>, nsc-room-mine/room/<digits>, nsc-room-activity/room/<digits>
 */
(() => {
  'use strict';

  const ROOT = document.getElementById('room');
  if (!ROOT) return;

  const KNOWN_LANGS = ['en', 'sv', 'da', 'nb', 'fi'];
  const PING_MS = 500;
  const SILENT_MS = 1500; // no message for this long (three pings unanswered): say the connection is lost
  const DEAD_MS = 6000; // no message for this long: drop the socket and open another
  const OPEN_MS = 6000; // a socket that does not open in this time is given up
  const BACKOFF = [500, 1000, 2000, 3000];
  const RETRY_MS = 3000;
  const NOTE_MAX = 2000;
  const NAME_MAX = 120;
  const TITLE_MAX = 300;
  const PHOTO_SIDE = 1600;
  const PHOTO_QUALITY = 0.85;
  const OUTBOX_KEY = 'nsc-room-outbox';
  const LANG_KEY = 'nsc-room-lang';
  /** Operations that add an item (shown in a list while pending), and the item's kind. */
  const CREATES = {
    'iceberg.add': 'iceberg_note',
    'hmw.add': 'hmw',
    'actor.add': 'actor',
    'tie.add': 'tie',
    'idea.add': 'idea',
    'sketch.add': 'sketch',
    'finding.add': 'finding',
  };
  const LAYERS = ['events', 'patterns', 'structures', 'mental_models'];
  const VALENCES = ['positive', 'neutral', 'negative'];

  const S = {
    lang: 'en',
    strings: null,
    code: null, // the room's 12 digits
    path: null, // "/room/<digits>": the outbox's key
    info: null, // /room/api/room
    screen: 'boot',
    me: null,
    room: null,
    timer: null,
    items: new Map(),
    dots: {},
    heat: {},
    hidden: 0,
    activity: null,
    outbox: [],
    photos: new Map(), // OPID -> {blob, url, preparing, error}
    mineIds: new Set(), // items this device added (the server does not say "mine" of findings)
    done: new Set(), // OPIDs acked or discarded in this tab
    conn: 'connecting',
    ws: null,
    wsStarted: 0,
    connSeq: 0,
    ready: false,
    lastMsg: 0,
    attempts: 0,
    reconnectTimer: null,
    retryTimer: null,
    stopped: false,
    renderQueued: false,
    lostFk: null,
    lostFkAt: 0,
    joining: false,
    form: { ideaKind: 'note', interview: 1, valence: 'neutral' },
    ui: {},
    sections: {},
    toastTimer: null,
    tiesSig: '',
  };

  // ---------------------------------------------------------------- small tools

  const { storage, h, add, clearChildren, icon, getJSON, askedLanguages, base, url } = window.NscKit;
  const t = window.NscKit.translator(S);

  function newId() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  const digitsOf = (text) => String(text || '').replace(/[\s\u00a0\u2010-\u2015.-]/g, '');
  const groupCode = (digits) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

  function codeFromPath(path) {
    if (!path.startsWith(base)) return null;
    const m = /^room\/([^/]+)\/?$/.exec(path.slice(base.length));
    if (!m) return null;
    let raw;
    try { raw = decodeURIComponent(m[1]); } catch (_) { return null; }
    const digits = digitsOf(raw);
    return /^\d{12}$/.test(digits) ? digits : null;
  }

  function activityName(act) {
    return t('room.page.activity.' + act);
  }

  function sectorLabel(id) {
    if (!id) return '';
    const row = (S.strings.sectors || []).find((s) => s[0] === id);
    return row ? row[1] : id;
  }

  function tieTypeLabel(id) {
    const row = (S.strings.tie_types || []).find((s) => s[0] === id);
    return row ? row[1] : id;
  }

  function allActivities() {
    const acts = (S.strings && S.strings.activities) || {};
    return Object.values(acts).flat();
  }

  // ---------------------------------------------------------------- language

  function languageCodes() {
    const listed = S.strings && Array.isArray(S.strings.languages) ? S.strings.languages.map((l) => l[0]) : [];
    return listed.length ? listed : KNOWN_LANGS;
  }

  /** The page's language: the link's, the one chosen here before, the phone's, the workshop's, English.
   *  With ``noFallback``, null when only the workshop's or English would be left. */
  function preferredLanguage(workshopLang, noFallback) {
    const known = languageCodes();
    const asked = askedLanguages(LANG_KEY);
    if (noFallback) return asked.find((code) => known.includes(code)) || null;
    if (workshopLang) asked.push(workshopLang);
    asked.push('en');
    return asked.find((code) => known.includes(code)) || 'en';
  }

  async function loadStrings(lang) {
    const res = await getJSON(url('/room/api/strings?lang=' + encodeURIComponent(lang)));
    if (res.status !== 200 || !res.body.words) throw new Error('strings');
    S.strings = res.body;
    S.lang = res.body.lang || lang;
    document.documentElement.lang = S.lang;
  }

  function languageSelect(idSuffix) {
    const id = 'nsc-lang-' + idSuffix;
    const select = h('select', { id, class: 'nsc-lang-select', 'data-fk': 'lang' });
    for (const [code, name] of S.strings.languages || []) {
      select.append(h('option', { value: code, lang: code, text: name }));
    }
    select.value = S.lang;
    select.addEventListener('change', () => changeLanguage(select.value));
    return h('div', { class: 'nsc-lang' },
      h('label', { for: id, class: 'nsc-lang-label' }, icon('globe'), h('span', { class: 'nsc-sr', text: t('room.page.language') })),
      select);
  }

  async function changeLanguage(lang) {
    storage.set(LANG_KEY, lang);
    const url = new URL(window.location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', lang);
      window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    try {
      await loadStrings(lang);
    } catch (_) {
      toast(t('room.page.join.network'), true);
      return;
    }
    if (S.ws && S.ws.readyState === 1) send({ t: 'lang', lang: S.lang });
    if (S.screen === 'room') rebuildRoom();
    else if (S.screen === 'join') rebuildJoin();
    else if (S.screen === 'removed') showRemoved();
    const select = ROOT.querySelector('.nsc-lang-select');
    if (select) select.focus({ preventScroll: true });
  }

  // ---------------------------------------------------------------- start

  async function boot() {
    S.code = codeFromPath(window.location.pathname);
    // The room and the words are asked for at once (a phone on a busy network waits for one round trip, not two).
    // The server knows a device that joined (or was removed) by its cookie, with or without the code.
    const guess = preferredLanguage(null, true);
    const asking = getJSON(url('/room/api/room' + (S.code ? '?code=' + S.code : ''))).catch(() => null);
    const words = guess ? loadStrings(guess).then(() => true, () => false) : null;
    const info = await asking;
    try {
      if (!(words && (await words))) await loadStrings(preferredLanguage(info && info.body.language));
    } catch (_) {
      bootFailed();
      return;
    }
    if (!info) {
      bootFailed();
      return;
    }
    route(info);
  }

  function bootFailed() {
    S.screen = 'boot';
    clearChildren(ROOT);
    ROOT.removeAttribute('aria-busy');
    const text = S.strings ? t('room.page.unreachable') : '';
    ROOT.append(h('div', { class: 'nsc-center' },
      h('div', { class: 'nsc-card nsc-unreachable', role: 'status', 'aria-live': 'polite' },
        h('span', { class: 'nsc-spinner', 'aria-hidden': 'true' }),
        text ? h('p', { text }) : null,
        h('button', { type: 'button', class: 'nsc-btn nsc-secondary', onclick: () => window.location.reload() },
          icon('undo'), h('span', { text: S.strings ? t('room.page.retry') : '↻' })))));
    setTimeout(() => { if (S.screen === 'boot') boot(); }, 3000);
  }

  function setPathFromCode() {
    S.path = '/room/' + S.code; // the key of what this device keeps for the room (the same under any base)
    if (window.location.pathname !== url(S.path)) {
      window.history.replaceState(null, '', url(S.path) + window.location.search + window.location.hash);
    }
  }

  function route(res) {
    const b = res.body;
    if (res.status === 429) {
      showJoin({ error: b.error || t('room.error.too_many_codes') });
      return;
    }
    if (b.ok && b.known) {
      S.info = b;
      const digits = digitsOf(b.code);
      if (/^\d{12}$/.test(digits)) {
        S.code = digits;
        setPathFromCode();
      }
      if (b.joined) enterRoom(b.handle);
      else showJoin({});
      return;
    }
    if (b.removed) {
      showRemoved();
      return;
    }
    showJoin({ codeError: S.code ? t('room.error.wrong_code') : null });
  }

  // ---------------------------------------------------------------- join

  function fieldBox(id, label, control, hint) {
    const hintId = hint ? id + '-hint' : null;
    const errId = id + '-error';
    control.setAttribute('aria-describedby', [hintId, errId].filter(Boolean).join(' '));
    return h('div', { class: 'nsc-field', 'data-field': id },
      h('label', { for: id, class: 'nsc-label', text: label }),
      hint ? h('p', { id: hintId, class: 'nsc-hint', text: hint }) : null,
      control,
      h('p', { id: errId, class: 'nsc-field-error', hidden: true }));
  }

  function setFieldError(scope, id, message, extra) {
    const box = scope.querySelector('[data-field="' + id + '"]');
    if (!box) return;
    const err = box.querySelector('.nsc-field-error');
    const control = box.querySelector('#' + CSS.escape(id));
    clearChildren(err);
    if (message) {
      add(err, [icon('alert'), h('span', { text: message }), extra || null]);
      err.hidden = false;
      if (control) control.setAttribute('aria-invalid', 'true');
    } else {
      err.hidden = true;
      if (control) control.removeAttribute('aria-invalid');
    }
  }

  function sectorSelect(id, name, emptyLabel) {
    const select = h('select', { id, name, class: 'nsc-select' });
    select.append(h('option', { value: '', text: emptyLabel }));
    const groups = new Map();
    for (const [sid, label, group] of S.strings.sectors || []) {
      if (!groups.has(group)) groups.set(group, []);
      groups.get(group).push([sid, label]);
    }
    for (const [group, rows] of groups) {
      const key = 'room.page.sector_group.' + group;
      const label = t(key);
      const og = h('optgroup', { label: label === key ? group : label });
      for (const [sid, text] of rows) og.append(h('option', { value: sid, text }));
      select.append(og);
    }
    return select;
  }

  function showJoin(opts) {
    S.screen = 'join';
    S.joinOpts = opts || {};
    rebuildJoin();
  }

  function rebuildJoin(keep) {
    const opts = S.joinOpts || {};
    const old = ROOT.querySelector('form.nsc-join');
    const kept = keep || (old ? { code: old.elements.code.value, name: old.elements.name.value, sector: old.elements.sector.value } : {});
    clearChildren(ROOT);
    ROOT.removeAttribute('aria-busy');
    const info = S.info;
    const codeVisible = !info || opts.codeVisible;
    document.title = info ? info.title : t('room.page.join.title');

    const code = h('input', {
      id: 'nsc-join-code', name: 'code', type: codeVisible ? 'text' : 'hidden', class: 'nsc-input nsc-code-input',
      inputmode: 'numeric', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', maxlength: 24,
      placeholder: '0000 0000 0000', enterkeyhint: 'next',
    });
    code.value = kept.code || (S.code ? groupCode(S.code) : '');
    const name = h('input', {
      id: 'nsc-join-name', name: 'name', type: 'text', class: 'nsc-input', maxlength: (S.strings.handle_max || 40),
      autocomplete: 'nickname', autocapitalize: 'words', spellcheck: 'false', enterkeyhint: 'go',
    });
    name.value = kept.name || '';
    const sector = sectorSelect('nsc-join-sector', 'sector', t('room.page.join.sector_none'));
    sector.value = kept.sector || '';
    const submit = h('button', { type: 'submit', class: 'nsc-btn nsc-primary nsc-big' }, h('span', { text: t('room.page.join.submit') }), icon('arrow'));
    const formError = h('p', { class: 'nsc-form-error', role: 'alert', hidden: true });

    const form = h('form', { class: 'nsc-form nsc-join', novalidate: true },
      codeVisible ? fieldBox('nsc-join-code', t('room.page.join.code'), code, t('room.page.join.code_hint')) : code,
      fieldBox('nsc-join-name', t('room.page.join.name'), name, t('room.page.join.name_hint')),
      fieldBox('nsc-join-sector', t('room.page.join.sector'), sector, t('room.page.join.sector_hint')),
      formError,
      submit);

    const heading = info
      ? [h('p', { class: 'nsc-eyebrow', text: t('room.page.join.welcome') }), h('h1', { class: 'nsc-join-title', text: info.title }),
        info.city ? h('p', { class: 'nsc-join-city', text: info.city }) : null]
      : [h('p', { class: 'nsc-eyebrow', text: t('room.page.brand') }), h('h1', { class: 'nsc-join-title', text: t('room.page.join.title') }),
        h('p', { class: 'nsc-join-city', text: t('room.page.join.intro') })];
    const anon = info && info.anonymous
      ? h('p', { class: 'nsc-note nsc-anon' }, icon('lock'), h('span', { text: t('room.page.join.anonymous') }))
      : null;

    ROOT.append(
      h('div', { class: 'nsc-join-top' }, h('span', { class: 'nsc-brand' }, h('span', { class: 'nsc-brand-mark', 'aria-hidden': 'true' }), t('room.page.brand')), languageSelect('join')),
      h('div', { class: 'nsc-card nsc-join-card' }, heading, anon, form));

    form.addEventListener('submit', submitJoin);
    if (codeVisible) {
      code.addEventListener('input', () => {
        setFieldError(form, 'nsc-join-code', null);
        const digits = digitsOf(code.value);
        if (/^\d{12}$/.test(digits) && digits !== S.previewed) previewCode(digits);
      });
    }
    if (opts.codeError) setFieldError(form, 'nsc-join-code', opts.codeError);
    if (opts.error) { formError.textContent = opts.error; formError.hidden = false; }
    if (kept.nameError) setFieldError(form, 'nsc-join-name', kept.nameError);
  }

  async function previewCode(digits) {
    S.previewed = digits;
    try {
      const res = await getJSON(url('/room/api/room?code=' + digits));
      if (S.screen !== 'join') return;
      if (res.body.ok && res.body.known) {
        S.info = res.body;
        S.code = digits;
        if (res.body.joined) { setPathFromCode(); enterRoom(res.body.handle); return; }
        S.joinOpts = Object.assign({}, S.joinOpts, { codeVisible: true, codeError: null, error: null });
        rebuildJoin();
        const name = ROOT.querySelector('#nsc-join-name');
        if (name) name.focus();
      } else if (res.status === 429) {
        setFieldError(ROOT, 'nsc-join-code', res.body.error || t('room.error.too_many_codes'));
      } else if (res.body.removed) {
        showRemoved();
      } else {
        setFieldError(ROOT, 'nsc-join-code', t('room.error.wrong_code'));
      }
    } catch (_) { /* the Join button will say it */ }
  }

  async function submitJoin(event) {
    event.preventDefault();
    const form = event.currentTarget;
    if (S.joining) return;
    const code = digitsOf(form.elements.code.value);
    const formError = form.querySelector('.nsc-form-error');
    formError.hidden = true;
    setFieldError(form, 'nsc-join-name', null);
    setFieldError(form, 'nsc-join-code', null);
    if (!/^\d{12}$/.test(code)) {
      if (form.elements.code.type === 'hidden') {
        S.joinOpts = { codeVisible: true, codeError: t('room.page.join.code_missing') };
        rebuildJoin();
      } else {
        setFieldError(form, 'nsc-join-code', t('room.page.join.code_missing'));
        form.elements.code.focus();
      }
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    S.joining = true;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    const label = button.querySelector('span');
    label.textContent = t('room.page.join.joining');
    let res = null;
    try {
      res = await getJSON(url('/room/api/join?lang=' + encodeURIComponent(S.lang)), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, name: form.elements.name.value.trim(), sector: form.elements.sector.value }),
      });
    } catch (_) {
      res = null;
    }
    S.joining = false;
    if (res && res.body.ok) {
      S.code = code;
      setPathFromCode();
      enterRoom(res.body.handle);
      return;
    }
    if (!form.isConnected) return;
    button.disabled = false;
    button.removeAttribute('aria-busy');
    label.textContent = t('room.page.join.submit');
    if (!res) {
      formError.textContent = t('room.page.join.network');
      formError.hidden = false;
      return;
    }
    const b = res.body;
    if (b.field === 'name') {
      let extra = null;
      if (b.suggestion) {
        extra = h('button', {
          type: 'button', class: 'nsc-btn nsc-secondary nsc-suggestion',
          onclick: () => { form.elements.name.value = b.suggestion; form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit', { cancelable: true })); },
        }, t('room.page.join.use_suggestion', { suggestion: b.suggestion }));
      }
      setFieldError(form, 'nsc-join-name', b.error || t('room.page.join.failed'), extra);
      form.elements.name.focus();
    } else if (b.field === 'code') {
      if (form.elements.code.type === 'hidden') {
        S.joinOpts = { codeVisible: true, codeError: b.error || t('room.error.wrong_code') };
        S.info = null;
        rebuildJoin();
      } else {
        setFieldError(form, 'nsc-join-code', b.error || t('room.error.wrong_code'));
        form.elements.code.focus();
      }
    } else {
      formError.textContent = b.error || t('room.page.join.failed');
      formError.hidden = false;
    }
  }

  // ---------------------------------------------------------------- removed

  function showRemoved() {
    S.screen = 'removed';
    S.stopped = true;
    dropSocket(true);
    clearChildren(ROOT);
    ROOT.removeAttribute('aria-busy');
    document.title = t('room.page.removed.title');
    ROOT.append(
      h('div', { class: 'nsc-join-top' }, h('span', { class: 'nsc-brand' }, h('span', { class: 'nsc-brand-mark', 'aria-hidden': 'true' }), t('room.page.brand')), languageSelect('removed')),
      h('div', { class: 'nsc-card nsc-removed', role: 'alert' },
        h('span', { class: 'nsc-removed-icon' }, icon('door')),
        h('h1', { text: t('room.page.removed.title') }),
        h('p', { text: t('room.page.removed.text') })));
  }

  function notJoined() {
    dropSocket(true);
    S.ready = false;
    showJoin({});
  }

  // ---------------------------------------------------------------- the outbox

  function outboxKey() {
    return OUTBOX_KEY + S.path;
  }

  function loadOutbox() {
    let stored = [];
    try { stored = JSON.parse(storage.get(outboxKey()) || '[]'); } catch (_) { stored = []; }
    if (!Array.isArray(stored)) stored = [];
    const known = new Set(S.outbox.map((e) => e.id));
    for (const x of stored) {
      if (!x || typeof x.id !== 'string' || typeof x.op !== 'string' || known.has(x.id)) continue;
      const entry = { id: x.id, op: x.op, args: x.args || {}, state: x.state === 'failed' ? 'failed' : 'sending', error: x.error || null, paused: false, t: x.t || Date.now(), sentOn: null, everSent: true };
      if (entry.op === 'sketch.add' && !S.photos.has(entry.id) && entry.state !== 'failed') {
        entry.state = 'failed';
        entry.error = t('room.page.sketches.photo_lost');
      }
      S.outbox.push(entry);
    }
    try {
      const mine = JSON.parse(storage.get('nsc-room-mine' + S.path) || '[]');
      if (Array.isArray(mine)) for (const id of mine) S.mineIds.add(String(id));
    } catch (_) { /* none */ }
  }

  function persist() {
    if (!S.path) return;
    const ours = new Set(S.outbox.map((e) => e.id));
    let others = [];
    try {
      const stored = JSON.parse(storage.get(outboxKey()) || '[]');
      // entries another tab of this room added meanwhile: kept, never dropped by this tab
      if (Array.isArray(stored)) others = stored.filter((x) => x && x.id && !ours.has(x.id) && !S.done.has(x.id));
    } catch (_) { others = []; }
    const mine = S.outbox.filter((e) => e.state !== 'saved').map((e) => ({
      id: e.id, op: e.op, args: e.args, state: e.state === 'failed' ? 'failed' : 'sending', error: e.error || null, t: e.t,
    }));
    const ok = storage.set(outboxKey(), JSON.stringify(others.concat(mine)));
    if (!ok && mine.length && !S.storageWarned) {
      S.storageWarned = true;
      toast(t('room.page.storage_full'), true);
    }
  }

  function rememberMine(itemId) {
    S.mineIds.add(itemId);
    const list = Array.from(S.mineIds).slice(-500);
    storage.set('nsc-room-mine' + S.path, JSON.stringify(list));
  }

  function submitOp(op, args) {
    const entry = { id: newId(), op, args, state: 'sending', error: null, paused: false, t: Date.now(), sentOn: null };
    S.outbox.push(entry);
    persist();
    flush();
    scheduleRender();
    return entry;
  }

  function dropEntry(entry) {
    S.outbox = S.outbox.filter((e) => e !== entry);
    S.done.add(entry.id);
    const photo = S.photos.get(entry.id);
    if (photo) {
      if (photo.url) URL.revokeObjectURL(photo.url);
      S.photos.delete(entry.id);
    }
  }

  function pending(filter) {
    return S.outbox.filter((e) => e.state !== 'saved' && filter(e));
  }

  function locked() {
    return !!(S.room && S.room.locked);
  }

  /** Send what waits, in order, with the same OPIDs (the server applies each once). Returns how many went. */
  function flush() {
    if (!S.ready || !S.ws || S.ws.readyState !== 1) return 0;
    let sent = 0;
    const now = Date.now();
    for (const e of S.outbox) {
      if (e.state === 'failed' || e.state === 'saved') continue;
      if (locked()) {
        e.paused = true;
        continue;
      }
      e.paused = false;
      if (e.retryAt && now < e.retryAt) continue;
      if (e.op === 'sketch.add') {
        if (uploadSketch(e)) sent += 1;
        continue;
      }
      if (e.sentOn === S.connSeq && e.state === 'sending') continue;
      if (send({ t: 'op', op: e.op, id: e.id, args: e.args })) {
        e.state = 'sending';
        e.sentOn = S.connSeq;
        e.everSent = true;
        e.retryAt = 0;
        sent += 1;
      }
    }
    return sent;
  }

  function scheduleRetry(ms) {
    clearTimeout(S.retryTimer);
    S.retryTimer = setTimeout(() => { flush(); scheduleRender(); }, ms);
  }

  function onAck(a) {
    const entry = S.outbox.find((e) => e.id === a.id);
    if (!entry) return;
    entry.inflight = false;
    if (a.ok) {
      S.done.add(entry.id);
      const kind = CREATES[entry.op];
      if (kind && a.item) rememberMine(a.item);
      if (entry.op === 'undo') toast(t('room.page.undone'));
      else if (entry.op === 'item.remove') toast(t('room.page.removed_item'));
      if (kind && a.item && !S.items.has(a.item)) {
        // saved; the item itself comes in a patch, and then replaces this entry
        entry.state = 'saved';
        entry.item = a.item;
        entry.error = null;
        setTimeout(() => { if (S.outbox.includes(entry)) { dropEntry(entry); scheduleRender(); } }, 8000);
      } else {
        dropEntry(entry);
      }
    } else if (a.paused || a.retry) {
      entry.claimed = null;
      entry.state = 'waiting';
      entry.paused = !!a.paused;
      entry.sentOn = null;
      if (a.retry || !locked()) {
        entry.retryAt = Date.now() + RETRY_MS;
        scheduleRetry(RETRY_MS + 50);
      }
    } else if (CREATES[entry.op]) {
      entry.claimed = null;
      entry.state = 'failed';
      entry.error = a.error || t('room.error.invalid');
    } else {
      dropEntry(entry);
      toast(a.error || t('room.error.invalid'), true);
    }
    persist();
    scheduleRender();
  }

  /** What a pending entry shows: its data-state and the words for it. */
  function entryState(e) {
    if (e.state === 'failed') return ['failed', t('room.page.state.failed')];
    if (e.state === 'saved') return ['saved', t('room.page.state.saved')];
    if (e.paused || locked()) return ['waiting', t('room.page.state.paused')];
    if (S.conn !== 'online') return ['waiting', t('room.page.state.offline')];
    if (e.state === 'waiting') return ['waiting', t('room.page.state.retry')];
    if (e.op === 'sketch.add') {
      const photo = S.photos.get(e.id);
      if (photo && photo.preparing) return ['sending', t('room.page.state.preparing')];
      if (e.inflight) return ['sending', t('room.page.state.uploading', { percent: Math.round((e.progress || 0) * 100) })];
    }
    return ['sending', t('room.page.state.sending')];
  }

  // ---------------------------------------------------------------- photos

  function loadImage(url) {
    return new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('image'));
      img.src = url;
    });
  }

  async function downscale(file) {
    const url = URL.createObjectURL(file);
    try {
      const img = await loadImage(url);
      const w = img.naturalWidth;
      const hgt = img.naturalHeight;
      if (!w || !hgt) throw new Error('image');
      const scale = Math.min(1, PHOTO_SIDE / Math.max(w, hgt));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(w * scale));
      canvas.height = Math.max(1, Math.round(hgt * scale));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_QUALITY));
      if (!blob) throw new Error('image');
      return blob;
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  function addSketch(title, file) {
    const entry = { id: newId(), op: 'sketch.add', args: { title }, state: 'sending', error: null, paused: false, t: Date.now(), sentOn: null };
    const photo = { blob: null, url: null, preparing: true };
    S.photos.set(entry.id, photo);
    S.outbox.push(entry);
    persist();
    scheduleRender();
    downscale(file).then((blob) => {
      photo.blob = blob;
    }, () => {
      const usable = /^image\/(jpeg|png|webp|gif)$/.test(file.type) && file.size <= (S.strings.upload_max || 10485760);
      if (usable) photo.blob = file;
    }).then(() => {
      photo.preparing = false;
      if (!S.outbox.includes(entry)) return;
      if (!photo.blob) {
        entry.state = 'failed';
        entry.error = t('room.page.sketches.photo_unreadable');
      } else if (photo.blob.size > (S.strings.upload_max || 10485760)) {
        entry.state = 'failed';
        entry.error = t('room.page.sketches.photo_large');
      } else {
        photo.url = URL.createObjectURL(photo.blob);
      }
      persist();
      flush();
      scheduleRender();
    });
  }

  /** Send a sketch and its photo over HTTP (multipart); the answer is the ack. */
  function uploadSketch(entry) {
    const photo = S.photos.get(entry.id);
    if (entry.inflight || !photo || photo.preparing) return false;
    if (!photo.blob) {
      entry.state = 'failed';
      entry.error = t('room.page.sketches.photo_lost');
      persist();
      return false;
    }
    entry.inflight = true;
    entry.state = 'sending';
    entry.progress = 0;
    entry.sentOn = S.connSeq;
    entry.everSent = true;
    const data = new FormData();
    data.append('message', JSON.stringify({ op: 'sketch.add', id: entry.id, args: entry.args }));
    data.append('photo', photo.blob, 'sketch.jpg');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url('/room/api/op?lang=' + encodeURIComponent(S.lang)));
    xhr.setRequestHeader('X-NSC-Room', '1');
    xhr.timeout = 180000;
    entry.xhr = xhr;
    entry.lastProgress = Date.now();
    xhr.upload.onprogress = (ev) => {
      entry.lastProgress = Date.now();
      if (ev.lengthComputable) { entry.progress = ev.loaded / ev.total; scheduleRender(); }
    };
    const again = () => {
      entry.xhr = null;
      entry.inflight = false;
      entry.state = 'waiting';
      entry.sentOn = null;
      entry.retryAt = Date.now() + RETRY_MS;
      scheduleRetry(RETRY_MS + 50);
      scheduleRender();
    };
    xhr.onload = () => {
      entry.xhr = null;
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (_) { body = null; }
      if (xhr.status === 401) { entry.inflight = false; checkJoined(); return; }
      if (body && body.t === 'ack' && body.id === entry.id) { onAck(body); return; }
      if (body && xhr.status >= 400 && xhr.status < 500 && body.error) {
        onAck({ t: 'ack', id: entry.id, ok: false, error: body.error });
        return;
      }
      again();
    };
    xhr.onerror = again;
    xhr.ontimeout = again;
    try { xhr.send(data); } catch (_) { again(); return false; }
    return true;
  }

  // ---------------------------------------------------------------- the connection

  function wsUrl() {
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return proto + '//' + window.location.host + url('/room/ws?lang=' + encodeURIComponent(S.lang));
  }

  function send(message) {
    const ws = S.ws;
    if (!ws || ws.readyState !== 1) return false;
    try {
      ws.send(JSON.stringify(message));
      return true;
    } catch (_) {
      return false;
    }
  }

  function setConn(state) {
    if (S.conn === state) return;
    S.conn = state;
    renderStatus();
    scheduleRender();
  }

  function connect() {
    if (S.stopped || S.screen !== 'room' || S.ws) return;
    clearTimeout(S.reconnectTimer);
    S.reconnectTimer = null;
    const seq = ++S.connSeq;
    S.ready = false;
    let ws;
    try {
      ws = new WebSocket(wsUrl());
    } catch (_) {
      scheduleReconnect();
      return;
    }
    S.ws = ws;
    S.wsStarted = Date.now();
    let opened = false;
    ws.onopen = () => {
      if (seq !== S.connSeq) return;
      opened = true;
      S.lastMsg = Date.now();
      send({ t: 'ping' });
    };
    ws.onmessage = (ev) => {
      if (seq !== S.connSeq) return;
      S.lastMsg = Date.now();
      let message;
      try { message = JSON.parse(ev.data); } catch (_) { return; }
      if (message && typeof message === 'object') onMessage(message);
    };
    ws.onclose = (ev) => {
      if (seq !== S.connSeq) return;
      S.ws = null;
      S.ready = false;
      onClosed(ev.code, opened);
    };
    ws.onerror = () => { /* onclose follows */ };
  }

  function onClosed(code, opened) {
    if (code === 4403) { showRemoved(); return; }
    if (code === 4401) { notJoined(); return; }
    setConn('offline');
    if (!opened) checkJoined();
    else scheduleReconnect();
  }

  /** A socket refused before it opened: not joined (401), removed, or just no network? */
  async function checkJoined() {
    try {
      const res = await getJSON(url('/room/api/room'));
      if (S.screen !== 'room' || S.stopped) return;
      if (res.body.ok && res.body.joined) { scheduleReconnect(); return; }
      if (res.body.removed) { showRemoved(); return; }
      if (res.status === 200 && res.body.ok === false) { notJoined(); return; }
    } catch (_) { /* offline */ }
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (S.stopped || S.reconnectTimer || S.ws || S.screen !== 'room') return;
    const delay = BACKOFF[Math.min(S.attempts, BACKOFF.length - 1)];
    S.attempts += 1;
    S.reconnectTimer = setTimeout(() => { S.reconnectTimer = null; connect(); }, delay);
  }

  function reconnectNow() {
    if (S.stopped || S.screen !== 'room') return;
    if (S.ws) {
      if (S.ws.readyState === 1) send({ t: 'ping' });
      return;
    }
    clearTimeout(S.reconnectTimer);
    S.reconnectTimer = null;
    S.attempts = 0;
    connect();
  }

  /** Give up the current socket at once (a dead one may take minutes to say it closed). */
  function dropSocket(final) {
    const ws = S.ws;
    S.ws = null;
    S.ready = false;
    S.connSeq += 1;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try { ws.close(); } catch (_) { /* gone */ }
    }
    if (final) {
      clearTimeout(S.reconnectTimer);
      S.reconnectTimer = null;
      return;
    }
    setConn('offline');
    scheduleReconnect();
  }

  /** An upload that has not moved for a long while is given up and sent again (same OPID: applied once). */
  function uploadStalled(now) {
    for (const e of S.outbox) {
      if (!e.inflight || !e.xhr) continue;
      const limit = (e.progress || 0) < 1 ? 30000 : 60000;
      if (now - e.lastProgress > limit) {
        const xhr = e.xhr;
        e.xhr = null;
        xhr.abort();
        if (xhr.onerror) xhr.onerror();
      }
    }
  }

  function watchdog() {
    if (S.screen !== 'room' || S.stopped) return;
    uploadStalled(Date.now());
    const ws = S.ws;
    const now = Date.now();
    if (!ws) return;
    if (ws.readyState === 0 && now - S.wsStarted > OPEN_MS) { dropSocket(false); return; }
    if (ws.readyState !== 1) return;
    const quiet = now - S.lastMsg;
    if (quiet > SILENT_MS && S.conn !== 'offline') setConn('offline');
    if (quiet > DEAD_MS) dropSocket(false);
  }

  function onMessage(m) {
    switch (m.t) {
      case 'hello': onHello(m); break;
      case 'patch': onPatch(m); break;
      case 'room': if (m.room) onRoom(m.room); break;
      case 'timer': setTimer(m.timer); break;
      case 'ack': onAck(m); break;
      case 'removed': showRemoved(); return;
      default: break;
    }
    if (S.ready && S.conn !== 'online') setConn('online');
  }

  function putItem(item) {
    if (!item || typeof item.id !== 'string') return;
    if (item.k === 'iceberg') item.k = 'iceberg_note';
    S.items.set(item.id, item);
  }

  function pruneSaved() {
    for (const e of S.outbox.slice()) {
      if (e.state === 'saved' && S.items.has(e.item)) dropEntry(e);
    }
  }

  /** The words that identify what an entry adds, and the same of an item (to recognise one's own item). */
  function entryKey(e) {
    const a = e.args || {};
    if (e.op === 'tie.add') return [a.source, a.target, a.type].join('\u0000');
    return String(a.text != null ? a.text : a.name != null ? a.name : a.title != null ? a.title : '').trim();
  }

  function itemKey(item) {
    if (item.k === 'tie') return [item.source, item.target, item.type].join('\u0000');
    return String(item.text != null ? item.text : item.name != null ? item.name : item.title != null ? item.title : '').trim();
  }

  /**
   * A new item that is the same as a contribution sent but not yet acked (its ack lost with the
   * connection, say) is most likely that contribution: the entry is not shown beside it until the
   * ack (of the resend, "dup") settles it. The entry stays in the outbox all the while.
   */
  function claim(item) {
    if (!item) return;
    if (item.mine === false && !['actor', 'tie', 'finding'].includes(item.k)) return;
    const key = itemKey(item);
    for (const e of S.outbox) {
      if (CREATES[e.op] !== item.k || !e.everSent || e.claimed || e.state === 'failed' || e.state === 'saved') continue;
      if (entryKey(e) !== key) continue;
      e.claimed = item.id;
      return;
    }
  }

  /** Whether an outbox entry is shown in its list (not when its item, most likely, is already there). */
  function listed(e) {
    if (e.state === 'saved') return !S.items.has(e.item);
    return !(e.claimed && S.items.has(e.claimed) && e.state !== 'failed' && !e.paused);
  }

  function onHello(m) {
    S.me = (m.me && m.me.handle) || S.me;
    S.decider = !!(m.me && m.me.decider);
    const before = S.items;
    S.items = new Map();
    for (const item of m.items || []) putItem(item);
    for (const item of S.items.values()) if (!before.has(item.id)) claim(item);
    S.dots = m.dots || {};
    S.heat = m.heat || {};
    S.hidden = m.hidden || 0;
    onRoom(m.room || S.room || {});
    setTimer(m.timer || null);
    for (const e of S.outbox.slice()) if (e.state === 'saved') dropEntry(e);
    S.ready = true;
    S.attempts = 0;
    setConn('online');
    flush();
    scheduleRender();
  }

  function onPatch(m) {
    for (const item of m.items || []) {
      const isNew = !S.items.has(item.id);
      putItem(item);
      if (isNew) claim(S.items.get(item.id));
    }
    for (const id of m.gone || []) {
      S.items.delete(id);
      delete S.dots[id];
      delete S.heat[id];
    }
    Object.assign(S.dots, m.dots || {});
    Object.assign(S.heat, m.heat || {});
    if (m.hidden != null) S.hidden = m.hidden;
    pruneSaved();
    scheduleRender();
  }

  function onRoom(room) {
    const prev = S.room;
    S.room = room;
    if (room.title) document.title = room.title;
    const wasLocked = !!(prev && prev.locked);
    if (wasLocked && !room.locked) {
      for (const e of S.outbox) { e.paused = false; e.retryAt = 0; }
      flush();
    }
    if (!prev || prev.activity !== room.activity) ledChanged(room.activity, !prev);
    scheduleRender();
  }

  function setTimer(timer) {
    S.timer = timer
      ? { title: timer.title || '', running: !!timer.running, remaining: Number(timer.remaining) || 0, deadline: Date.now() / 1000 + (Number(timer.remaining) || 0) }
      : null;
    renderTimer();
  }

  // ---------------------------------------------------------------- the room's page

  function enterRoom(handle) {
    S.screen = 'room';
    S.stopped = false;
    S.me = handle || S.me;
    if (!S.path && S.code) setPathFromCode();
    loadOutbox();
    rebuildRoom();
    connect();
  }

  /** Build (or rebuild, for another language) the whole room; what is typed and the focus are kept. */
  function rebuildRoom() {
    const drafts = {};
    for (const el of ROOT.querySelectorAll('[data-draft]')) drafts[el.getAttribute('data-draft')] = el.type === 'checkbox' ? el.checked : el.value;
    const focused = document.activeElement && document.activeElement.getAttribute ? document.activeElement.getAttribute('data-fk') : null;

    clearChildren(ROOT);
    ROOT.removeAttribute('aria-busy');
    S.ui = {};
    S.sections = {};
    S.tiesSig = '';

    const title = h('span', { class: 'nsc-title' });
    const timer = h('span', { class: 'nsc-timer', role: 'timer', hidden: true },
      icon('clock', 'nsc-timer-icon'), h('span', { class: 'nsc-sr nsc-timer-title' }), h('span', { class: 'nsc-timer-time' }));
    const status = h('span', { class: 'nsc-status', 'data-state': S.conn },
      h('span', { class: 'nsc-status-dot', 'aria-hidden': 'true' }), h('span', { class: 'nsc-status-text' }));
    const offline = h('div', { class: 'nsc-banner nsc-offline', hidden: true }, icon('alert'), h('span', { text: t('room.page.banner.offline') }));
    const paused = h('div', { class: 'nsc-banner nsc-paused', hidden: true }, icon('pause'), h('span', { text: t('room.page.banner.paused') }));
    const top = h('header', { class: 'nsc-top' },
      h('div', { class: 'nsc-top-row' }, title, timer, status),
      h('div', { class: 'nsc-banners', 'aria-live': 'polite' }, offline, paused));

    const meName = h('span', { class: 'nsc-me-name' });
    const anon = h('p', { class: 'nsc-note nsc-anon', hidden: true }, icon('lock'), h('span', { text: t('room.page.banner.anonymous') }));
    const led = h('div', { class: 'nsc-card nsc-led', hidden: true });

    const picker = h('select', { id: 'nsc-activity-picker', class: 'nsc-activity-picker', 'data-fk': 'picker' });
    const acts = S.strings.activities || {};
    for (const [app, list] of Object.entries(acts)) {
      const og = h('optgroup', { label: t('room.page.app.' + app) });
      for (const act of list) og.append(h('option', { value: act, text: activityName(act) }));
      picker.append(og);
    }
    picker.addEventListener('change', () => showActivity(picker.value, { user: true }));

    const undo = h('button', { type: 'button', class: 'nsc-btn nsc-secondary nsc-undo', 'data-fk': 'undo', onclick: onUndo },
      icon('undo'), h('span', { text: t('room.page.undo') }));
    const toastEl = h('div', { class: 'nsc-toast', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

    const content = h('div', { class: 'nsc-content' },
      h('div', { class: 'nsc-me-row' }, h('span', { class: 'nsc-me' }, icon('user'), meName), languageSelect('room')),
      anon,
      led,
      h('div', { class: 'nsc-picker' }, h('label', { for: 'nsc-activity-picker', class: 'nsc-label', text: t('room.page.activity.label') }), picker));

    const builders = { wickedness: buildWickedness, iceberg: buildIceberg, hmw: buildHmw, actors: buildActors, ties: buildTies, influence: buildInfluence, ideas: buildIdeas, sketches: buildSketches, decide: buildDecide, test: buildTest };
    for (const act of allActivities()) {
      const build = builders[act];
      if (!build) continue;
      const section = build();
      S.sections[act] = section;
      content.append(section.el);
    }
    content.append(h('div', { class: 'nsc-footer' }, undo));

    ROOT.append(top, content, toastEl);
    S.ui = { top, title, timer, status, offline, paused, meName, anon, led, picker, undo, toast: toastEl };

    for (const el of ROOT.querySelectorAll('[data-draft]')) {
      const key = el.getAttribute('data-draft');
      if (!(key in drafts)) continue;
      if (el.type === 'checkbox') el.checked = !!drafts[key];
      else el.value = drafts[key];
    }

    let act = S.activity;
    if (!act) {
      const saved = storage.get('nsc-room-activity' + S.path);
      act = (S.room && S.room.activity) || saved || allActivities()[0];
    }
    showActivity(act, {});
    renderTop();
    renderStatus();
    renderTimer();
    render();
    if (focused) {
      const el = ROOT.querySelector('[data-fk="' + CSS.escape(focused) + '"]');
      if (el) el.focus({ preventScroll: true });
    }
  }

  function showActivity(act, opts) {
    if (!S.sections[act]) act = allActivities().find((a) => S.sections[a]);
    if (!act) return;
    S.activity = act;
    if (S.path) storage.set('nsc-room-activity' + S.path, act);
    for (const [key, section] of Object.entries(S.sections)) section.el.hidden = key !== act;
    if (S.ui.picker && S.ui.picker.value !== act) S.ui.picker.value = act;
    S.sections[act].render();
    renderLed();
    if (opts && opts.announce) toast(t('room.page.led.moved', { activity: activityName(act) }));
  }

  function isTyping() {
    const el = document.activeElement;
    if (!el || !(el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && el.type === 'text'))) return false;
    const value = el.value.trim();
    return value !== '' && value !== t('room.page.hmw.start').trim();
  }

  function ledChanged(act, first) {
    if (S.screen !== 'room' || !act || !S.sections[act]) { renderLed(); return; }
    if (act === S.activity) {
      if (!first) toast(t('room.page.led.moved', { activity: activityName(act) }));
      renderLed();
      return;
    }
    if (!first && isTyping()) {
      toast(t('room.page.led.moved', { activity: activityName(act) }));
      renderLed();
      return;
    }
    showActivity(act, { announce: !first });
    if (!first) window.scrollTo({ top: 0 });
  }

  function toast(message, isError) {
    const el = S.ui.toast;
    if (!el) return;
    clearChildren(el);
    el.classList.toggle('nsc-toast-error', !!isError);
    add(el, [icon(isError ? 'alert' : 'check'), h('span', { text: message })]);
    el.classList.add('nsc-toast-on');
    clearTimeout(S.toastTimer);
    S.toastTimer = setTimeout(() => { el.classList.remove('nsc-toast-on'); }, isError ? 7000 : 3500);
  }

  function onUndo() {
    if (S.conn !== 'online' || locked() || pending((e) => e.op === 'undo').length) return;
    submitOp('undo', {});
  }

  // ---------------------------------------------------------------- rendering

  function scheduleRender() {
    if (S.renderQueued || S.screen !== 'room') return;
    S.renderQueued = true;
    const run = () => {
      S.renderQueued = false;
      render();
    };
    if (document.hidden) setTimeout(run, 0);
    else window.requestAnimationFrame(run);
  }

  function render() {
    if (S.screen !== 'room' || !S.ui.top) return;
    const active = document.activeElement;
    const fk = active && active !== document.body && active.getAttribute ? active.getAttribute('data-fk') : null;
    renderTop();
    renderLed();
    renderUndo();
    // the section on screen only: a phone draws one list, not ten (showActivity draws a section as it opens,
    // so none is ever shown with a stale "Sending…")
    for (const section of Object.values(S.sections)) if (!section.el.hidden) section.render();
    const now = document.activeElement;
    if (!now || now === document.body) {
      let want = fk;
      if (!want && S.lostFk && Date.now() - S.lostFkAt < 4000) want = S.lostFk;
      if (want) {
        const el = ROOT.querySelector('[data-fk="' + CSS.escape(want) + '"]');
        if (el && !el.disabled && el.offsetParent !== null) {
          el.focus({ preventScroll: true });
          S.lostFk = null;
        }
      }
    }
  }

  function renderStatus() {
    const el = S.ui.status;
    if (!el) return;
    el.setAttribute('data-state', S.conn);
    el.querySelector('.nsc-status-text').textContent = t('room.page.status.' + S.conn);
    if (S.ui.offline) S.ui.offline.hidden = S.conn !== 'offline';
  }

  function renderTop() {
    const room = S.room || {};
    S.ui.title.textContent = room.title || (S.info && S.info.title) || '';
    S.ui.title.title = room.title || '';
    S.ui.meName.textContent = t('room.page.you', { name: S.me || '…' });
    S.ui.paused.hidden = !room.locked;
    S.ui.anon.hidden = !room.anonymous;
    renderStatus();
  }

  function fmtClock(seconds) {
    const s = Math.floor(Math.abs(seconds));
    const hrs = Math.floor(s / 3600);
    const min = Math.floor((s % 3600) / 60);
    const sec = s % 60;
    const mm = hrs ? String(min).padStart(2, '0') : String(min);
    return (hrs ? hrs + ':' : '') + mm + ':' + String(sec).padStart(2, '0');
  }

  function renderTimer() {
    const el = S.ui.timer;
    if (!el) return;
    const tm = S.timer;
    if (!tm) { el.hidden = true; return; }
    el.hidden = false;
    const remaining = tm.running ? tm.deadline - Date.now() / 1000 : tm.remaining;
    const over = remaining < 0;
    const shown = over ? Math.floor(-remaining) : Math.ceil(remaining - 0.001);
    const text = (over ? '+' : '') + fmtClock(shown);
    const timeEl = el.querySelector('.nsc-timer-time');
    if (timeEl.textContent !== text) timeEl.textContent = text;
    el.classList.toggle('nsc-timer-over', over);
    el.classList.toggle('nsc-timer-paused', !tm.running);
    el.setAttribute('data-running', tm.running ? 'true' : 'false');
    const label = t('room.page.timer.label', { title: tm.title || '' }) + (tm.running ? '' : ' (' + t('room.page.timer.paused') + ')') + (over ? ' (' + t('room.page.timer.over') + ')' : '');
    const titleEl = el.querySelector('.nsc-timer-title');
    if (titleEl.textContent !== label) titleEl.textContent = label;
    const iconEl = el.querySelector('.nsc-timer-icon');
    const want = tm.running ? 'clock' : 'pause';
    if (iconEl.getAttribute('data-icon') !== want) {
      const fresh = icon(want, 'nsc-timer-icon');
      fresh.setAttribute('data-icon', want);
      iconEl.replaceWith(fresh);
    }
  }

  function renderLed() {
    const el = S.ui.led;
    if (!el) return;
    const room = S.room || {};
    const sig = [room.activity, room.step, S.activity, S.lang].join('|');
    if (el.getAttribute('data-sig') === sig) return;
    el.setAttribute('data-sig', sig);
    clearChildren(el);
    if (room.activity && S.sections[room.activity]) {
      el.hidden = false;
      el.setAttribute('data-led', room.activity);
      add(el, [h('p', { class: 'nsc-led-text' }, icon('send', 'nsc-led-icon'), h('span', { text: t('room.page.led.now', { activity: activityName(room.activity) }) }))]);
      if (S.activity !== room.activity) {
        el.append(h('button', {
          type: 'button', class: 'nsc-btn nsc-primary nsc-led-go', 'data-fk': 'led-go',
          onclick: () => { showActivity(room.activity, {}); S.ui.picker.focus({ preventScroll: true }); },
        }, h('span', { text: t('room.page.led.go', { activity: activityName(room.activity) }) }), icon('arrow')));
      }
    } else if (room.step) {
      el.hidden = false;
      el.removeAttribute('data-led');
      add(el, [h('p', { class: 'nsc-led-text' }, icon('send', 'nsc-led-icon'), h('span', { text: t('room.page.led.screen') }))]);
    } else {
      el.hidden = true;
      el.removeAttribute('data-led');
    }
  }

  function renderUndo() {
    const b = S.ui.undo;
    if (!b) return;
    const busy = pending((e) => e.op === 'undo').length > 0;
    b.disabled = S.conn !== 'online' || locked() || busy;
    b.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  /** Keyed update of a list: rows [{key, sig, build}] in order; unchanged rows are left alone. */
  function syncList(ul, rows, emptyText) {
    const existing = new Map();
    for (const li of Array.from(ul.children)) existing.set(li.getAttribute('data-key'), li);
    let index = 0;
    for (const row of rows) {
      let li = existing.get(row.key);
      if (li && li._sig === row.sig) {
        existing.delete(row.key);
      } else {
        const fresh = row.build();
        fresh.setAttribute('data-key', row.key);
        fresh._sig = row.sig;
        if (li) { existing.delete(row.key); li.replaceWith(fresh); }
        li = fresh;
      }
      const at = ul.children[index];
      if (at !== li) ul.insertBefore(li, at || null);
      index += 1;
    }
    for (const li of existing.values()) li.remove();
    if (emptyText !== undefined) {
      const empty = ul.nextElementSibling && ul.nextElementSibling.classList.contains('nsc-empty') ? ul.nextElementSibling : null;
      if (empty) empty.hidden = rows.length > 0;
    }
  }

  function emptyNote(text) {
    return h('p', { class: 'nsc-empty', text: text || t('room.page.nothing_yet') });
  }

  function itemsOf(kind) {
    const out = [];
    for (const item of S.items.values()) if (item.k === kind) out.push(item);
    return out;
  }

  const isMine = (item) => !!item.mine || S.mineIds.has(item.id);

  function byLine(item) {
    if (item.mine) return t('room.page.by_you');
    if (item.by) return t('room.page.by', { name: item.by });
    if (S.mineIds.has(item.id)) return t('room.page.by_you');
    return '';
  }

  function removeButton(item) {
    const removing = pending((e) => e.op === 'item.remove' && e.args.id === item.id);
    const busy = removing.length > 0;
    return h('button', {
      type: 'button', class: 'nsc-btn nsc-ghost nsc-remove', 'data-fk': 'remove:' + item.id, disabled: busy,
      'aria-label': t('room.page.remove_label', { text: shortText(item.text || item.title || '') }),
      onclick: () => {
        if (pending((e) => e.op === 'item.remove' && e.args.id === item.id).length) return;
        submitOp('item.remove', { kind: item.k, id: item.id });
      },
    }, icon('trash'), h('span', { text: busy ? t('room.page.state.removing') : t('room.page.remove') }));
  }

  function shortText(text) {
    const s = String(text).replace(/\s+/g, ' ').trim();
    return s.length > 40 ? s.slice(0, 39) + '…' : s;
  }

  function removeSig(item) {
    return pending((e) => e.op === 'item.remove' && e.args.id === item.id).length ? 'rm' : '';
  }

  /** A server item: text, tags, who, dots, Remove. */
  function itemRow(item, opts) {
    const o = opts || {};
    const mine = isMine(item) && o.removable !== false;
    const dots = o.dots ? dotState(item) : null;
    const sig = JSON.stringify([S.lang, item, mine, removeSig(item), dots && dots.sig, o.sig || '']);
    return {
      key: 'i:' + item.id,
      sig,
      build: () => {
        const li = h('li', { class: 'nsc-item' + (mine ? ' nsc-mine' : ''), 'data-kind': item.k, 'data-id': item.id });
        if (o.head) add(li, [o.head()]);
        if (o.text !== undefined) li.append(h('p', { class: 'nsc-text', text: o.text }));
        const tags = (o.tags || []).filter(Boolean);
        const by = o.by === false ? '' : byLine(item);
        if (tags.length || by) {
          li.append(h('p', { class: 'nsc-meta' },
            tags.map((tag) => h('span', { class: 'nsc-tag' + (tag.cls ? ' ' + tag.cls : ''), text: tag.text })),
            by ? h('span', { class: 'nsc-by', text: by }) : null));
        }
        if (o.body) add(li, [o.body()]);
        const actions = [];
        if (dots) actions.push(dotControl(item, dots));
        if (mine) actions.push(removeButton(item));
        if (actions.length) li.append(h('div', { class: 'nsc-actions' }, actions));
        return li;
      },
    };
  }

  /** An outbox entry shown in its list: its text, "Sending…" / "Waiting" / "Not saved" and Edit / Discard. */
  function pendingRow(entry, text, opts) {
    const [state, words] = entryState(entry);
    const o = opts || {};
    const photo = S.photos.get(entry.id);
    const sig = JSON.stringify([S.lang, state, words, entry.error, text, o.sig || '', photo && photo.url]);
    return {
      key: 'p:' + entry.id,
      sig,
      build: () => {
        const li = h('li', { class: 'nsc-item nsc-pending', 'data-op': entry.id, 'data-state': state, 'data-for': CREATES[entry.op] || entry.op });
        if (o.head) add(li, [o.head()]);
        if (text) li.append(h('p', { class: 'nsc-text', text }));
        if (o.body) add(li, [o.body()]);
        const iconName = state === 'failed' ? 'alert' : state === 'saved' ? 'check' : state === 'waiting' ? (entry.paused || locked() ? 'pause' : 'clock') : 'send';
        li.append(h('p', { class: 'nsc-pending-state' }, icon(iconName), h('span', { text: words })));
        if (state === 'failed') {
          li.append(h('p', { class: 'nsc-pending-error', text: entry.error || '' }));
          li.append(h('div', { class: 'nsc-actions' },
            o.edit ? h('button', { type: 'button', class: 'nsc-btn nsc-secondary', 'data-fk': 'edit:' + entry.id, onclick: () => { o.edit(); dropEntry(entry); persist(); scheduleRender(); } },
              icon('edit'), h('span', { text: t('room.page.edit') })) : null,
            h('button', { type: 'button', class: 'nsc-btn nsc-ghost', 'data-fk': 'discard:' + entry.id, onclick: () => { dropEntry(entry); persist(); scheduleRender(); } },
              icon('x'), h('span', { text: t('room.page.discard') }))));
        }
        return li;
      },
    };
  }

  // ---------------------------------------------------------------- dots

  function roundOf(kind) {
    return kind === 'hmw' ? 'hmw' : 'ideas';
  }

  function budgetOf(round) {
    const kinds = round === 'hmw' ? ['hmw'] : ['idea', 'sketch'];
    let given = 0;
    for (const [id, d] of Object.entries(S.dots)) {
      const item = S.items.get(id);
      if (item && kinds.includes(item.k)) given += d.mine || 0;
    }
    let effective = given;
    for (const e of pending((x) => x.op === 'dot.add' || x.op === 'dot.remove')) {
      const item = S.items.get(e.args.target);
      if (item && kinds.includes(item.k)) effective += e.op === 'dot.add' ? 1 : -1;
    }
    const budgets = (S.room && S.room.budgets) || {};
    const budget = budgets[round] == null ? null : Number(budgets[round]);
    return { given, effective, budget };
  }

  function dotState(item) {
    const d = S.dots[item.id] || { n: 0, mine: 0 };
    const ops = pending((e) => (e.op === 'dot.add' || e.op === 'dot.remove') && e.args.target === item.id);
    const busy = ops.length > 0;
    const b = budgetOf(roundOf(item.k));
    const canAdd = !busy && (b.budget == null || b.effective < b.budget);
    const canTake = !busy && d.mine > 0;
    let busyText = '';
    if (busy) busyText = entryState(ops[ops.length - 1])[1];
    return { n: d.n || 0, mine: d.mine || 0, busy, canAdd, canTake, busyText, sig: [d.n, d.mine, busy, canAdd, canTake, busyText].join('|') };
  }

  function dotControl(item, st) {
    const give = () => {
      const now = dotState(item);
      if (!now.canAdd) return;
      submitOp('dot.add', { target: item.id });
    };
    const take = () => {
      const now = dotState(item);
      if (!now.canTake) return;
      submitOp('dot.remove', { target: item.id });
    };
    return h('div', { class: 'nsc-dots', role: 'group', 'aria-label': t('room.page.dots.group'), 'aria-busy': st.busy ? 'true' : 'false' },
      h('button', { type: 'button', class: 'nsc-dot-btn nsc-dot-remove', 'aria-label': t('room.page.dots.take'), 'data-fk': 'dot-:' + item.id, disabled: !st.canTake, onclick: take }, icon('minus')),
      h('span', { class: 'nsc-dot-yours' },
        h('span', { class: 'nsc-dot-mine', 'data-n': st.mine, text: String(st.mine) }),
        h('span', { class: 'nsc-dot-word', text: t('room.page.dots.yours') })),
      h('button', { type: 'button', class: 'nsc-dot-btn nsc-dot-add', 'aria-label': t('room.page.dots.give'), 'data-fk': 'dot+:' + item.id, disabled: !st.canAdd, onclick: give }, icon('plus')),
      h('span', { class: 'nsc-dot-sum' },
        h('span', { class: 'nsc-dot-total', 'data-n': st.n, text: String(st.n) }),
        h('span', { class: 'nsc-dot-word', text: t('room.page.dots.total', { count: st.n }) })),
      st.busy ? h('span', { class: 'nsc-dot-busy', text: st.busyText }) : null);
  }

  function budgetLine(el, round) {
    const b = budgetOf(round);
    const text = b.budget == null
      ? t('room.page.budget.open', { count: b.given })
      : t('room.page.budget.of', { given: b.given, count: b.budget });
    const used = b.budget != null && b.effective >= b.budget;
    const sig = [text, used, S.lang].join('|');
    if (el._sig === sig) return;
    el._sig = sig;
    el.setAttribute('data-given', String(b.given));
    el.setAttribute('data-budget', b.budget == null ? '' : String(b.budget));
    el.classList.toggle('nsc-budget-used', used);
    clearChildren(el);
    add(el, [icon('dot'), h('span', { text }), used ? h('span', { class: 'nsc-budget-used-text', text: t('room.page.budget.used') }) : null]);
  }

  // ---------------------------------------------------------------- forms

  function sectionShell(act, ...body) {
    return h('section', { class: 'nsc-activity', 'data-activity': act, 'aria-labelledby': 'nsc-h-' + act, hidden: true },
      h('div', { class: 'nsc-activity-head' },
        h('h2', { id: 'nsc-h-' + act, class: 'nsc-activity-title', text: activityName(act) }),
        h('p', { class: 'nsc-activity-hint', text: t('room.page.hint.' + act) })),
      body);
  }

  /** A form with one text field and its button: reads, ignores blanks, clears at once, one outbox entry. */
  function textForm(o) {
    const control = o.multiline
      ? h('textarea', { id: o.id, name: o.name || 'text', class: 'nsc-input nsc-textarea', rows: o.rows || 3, maxlength: o.max || NOTE_MAX, placeholder: o.placeholder || null, 'data-draft': o.draft, 'data-fk': 'draft:' + o.draft, enterkeyhint: 'enter' })
      : h('input', { id: o.id, name: o.name || 'text', type: 'text', class: 'nsc-input', maxlength: o.max || NAME_MAX, placeholder: o.placeholder || null, 'data-draft': o.draft, 'data-fk': 'draft:' + o.draft, autocomplete: 'off', enterkeyhint: 'send' });
    const button = h('button', { type: 'submit', class: 'nsc-btn nsc-primary nsc-add', 'data-fk': 'add:' + o.draft }, icon('plus'), h('span', { text: o.button }));
    const form = h('form', { class: 'nsc-form', novalidate: true, 'data-form': o.draft },
      fieldBox(o.id, o.label, control, o.hint || null),
      o.extra || null,
      button);
    const go = () => {
      const raw = control.value;
      const text = raw.trim();
      if (!text || (o.blank && o.blank(text))) return;
      if (o.check && !o.check(text, form)) return;
      control.value = '';
      setFieldError(form, o.id, null);
      o.onAdd(text, form);
    };
    form.addEventListener('submit', (ev) => { ev.preventDefault(); go(); });
    if (o.multiline) {
      control.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); go(); }
      });
    }
    return { form, control, button };
  }

  function putBack(control, text) {
    if (!control) return;
    const current = control.value.trim();
    if (!current || (control.getAttribute('data-draft') === 'hmw' && current === t('room.page.hmw.start').trim())) control.value = text;
    else control.value = control.value.replace(/\s+$/, '') + (control.tagName === 'TEXTAREA' ? '\n\n' : ' ') + text;
    control.focus();
    control.setSelectionRange && control.setSelectionRange(control.value.length, control.value.length);
    control.scrollIntoView({ block: 'center' });
  }

  function toggleGroup(labelText, options, current, onPick, fkPrefix) {
    const id = 'nsc-tg-' + fkPrefix;
    const group = h('div', { class: 'nsc-toggle', role: 'group', 'aria-labelledby': id });
    const buttons = options.map(([value, text]) => h('button', {
      type: 'button', class: 'nsc-toggle-btn', 'data-value': value, 'data-fk': fkPrefix + ':' + value,
      'aria-pressed': value === current() ? 'true' : 'false',
      onclick: () => { onPick(value); for (const b of buttons) b.setAttribute('aria-pressed', b.getAttribute('data-value') === value ? 'true' : 'false'); },
    }, text));
    add(group, buttons);
    return h('div', { class: 'nsc-field' }, h('span', { id, class: 'nsc-label', text: labelText }), group);
  }

  function stepper(o) {
    const id = 'nsc-step-' + o.key;
    const value = h('output', { class: 'nsc-step-value', id: id + '-value', 'aria-live': 'polite' });
    const less = h('button', { type: 'button', class: 'nsc-dot-btn nsc-step-less', 'aria-label': o.lessLabel, 'data-fk': o.key + ':less' }, icon('minus'));
    const more = h('button', { type: 'button', class: 'nsc-dot-btn nsc-step-more', 'aria-label': o.moreLabel, 'data-fk': o.key + ':more' }, icon('plus'));
    const show = () => {
      const v = o.get();
      value.textContent = o.format ? o.format(v) : String(v);
      less.disabled = v <= o.min;
      more.disabled = v >= o.max;
    };
    less.addEventListener('click', () => { o.set(Math.max(o.min, o.get() - 1)); show(); });
    more.addEventListener('click', () => { o.set(Math.min(o.max, o.get() + 1)); show(); });
    show();
    return h('div', { class: 'nsc-field' },
      h('span', { id, class: 'nsc-label', text: o.label }),
      h('div', { class: 'nsc-stepper', role: 'group', 'aria-labelledby': id }, less, value, more));
  }

  function newestFirst(list) {
    return list.slice().reverse();
  }

  // ---------------------------------------------------------------- wickedness

  function buildWickedness() {
    const ul = h('ul', { class: 'nsc-list nsc-wicked-list' });
    const legend = h('div', { class: 'nsc-legend' },
      h('p', { class: 'nsc-legend-title', text: t('room.page.wickedness.legend') }),
      h('ul', { class: 'nsc-legend-list' },
        [0, 1, 2].map((n) => h('li', null, h('span', { class: 'nsc-score-chip', text: String(n) }), h('span', { text: t('room.page.wickedness.score' + n) })))));
    const el = sectionShell('wickedness', legend, ul);
    return {
      el,
      render() {
        const rows = (S.strings.characteristics || []).map(([cid, label, prompt]) => {
          const item = S.items.get(cid);
          const score = item && item.k === 'wickedness' ? item.score : null;
          const ops = pending((e) => e.op === 'wickedness.score' && e.args.characteristic === cid);
          const last = ops[ops.length - 1];
          const pendingScore = last ? last.args.score : null;
          const words = last ? entryState(last) : null;
          const sig = JSON.stringify([S.lang, score, pendingScore, words]);
          return {
            key: 'w:' + cid,
            sig,
            build: () => {
              const labelId = 'nsc-wk-' + cid;
              const buttons = [0, 1, 2].map((n) => h('button', {
                type: 'button', class: 'nsc-score' + (pendingScore === n ? ' nsc-score-pending' : ''), 'data-score': n, 'data-fk': 'score:' + cid + ':' + n,
                'aria-pressed': score === n ? 'true' : 'false',
                'aria-label': n + ' – ' + t('room.page.wickedness.score' + n),
                onclick: () => submitOp('wickedness.score', { characteristic: cid, score: n }),
              }, h('span', { class: 'nsc-score-n', text: String(n) }), h('span', { class: 'nsc-score-word', text: t('room.page.wickedness.score' + n) })));
              return h('li', { class: 'nsc-item nsc-wicked', 'data-kind': 'wickedness', 'data-id': cid, 'data-score': score == null ? '' : String(score) },
                h('h3', { id: labelId, class: 'nsc-item-title', text: label }),
                prompt ? h('p', { class: 'nsc-prompt', text: prompt }) : null,
                h('p', { class: 'nsc-group-score', text: score == null ? t('room.page.wickedness.none') : t('room.page.wickedness.current', { score }) }),
                h('div', { class: 'nsc-scores', role: 'group', 'aria-labelledby': labelId }, buttons),
                words ? h('p', { class: 'nsc-pending-state', 'data-state': words[0] }, icon(words[0] === 'waiting' ? 'clock' : 'send'), h('span', { text: words[1] })) : null);
            },
          };
        });
        syncList(ul, rows);
      },
    };
  }

  // ---------------------------------------------------------------- iceberg

  function buildIceberg() {
    const lists = {};
    const controls = {};
    const blocks = LAYERS.map((layer) => {
      const ul = h('ul', { class: 'nsc-list', 'aria-label': t('iceberg.' + layer) });
      lists[layer] = ul;
      const f = textForm({
        id: 'nsc-ice-' + layer, multiline: true, draft: 'ice-' + layer,
        label: t('iceberg.' + layer + '.question'), placeholder: t('iceberg.' + layer + '.placeholder'),
        button: t('room.page.iceberg.add', { layer: t('iceberg.' + layer) }),
        onAdd: (text) => submitOp('iceberg.add', { layer, text }),
      });
      controls[layer] = f.control;
      return h('div', { class: 'nsc-card nsc-layer', 'data-layer': layer },
        h('h3', { class: 'nsc-layer-title' }, h('span', { class: 'nsc-layer-mark', 'aria-hidden': 'true' }), t('iceberg.' + layer)),
        f.form, ul, emptyNote());
    });
    const el = sectionShell('iceberg', blocks);
    return {
      el,
      render() {
        for (const layer of LAYERS) {
          const rows = newestFirst(S.outbox.filter((e) => e.op === 'iceberg.add' && e.args.layer === layer && listed(e)))
            .map((e) => pendingRow(e, e.args.text, { edit: () => putBack(controls[layer], e.args.text) }))
            .concat(newestFirst(itemsOf('iceberg_note').filter((i) => i.layer === layer)).map((i) => itemRow(i, { text: i.text })));
          syncList(lists[layer], rows, true);
        }
      },
    };
  }

  // ---------------------------------------------------------------- how might we

  function buildHmw() {
    const start = t('room.page.hmw.start');
    const f = textForm({
      id: 'nsc-hmw-text', multiline: true, draft: 'hmw', label: t('room.page.hmw.label'), placeholder: t('room.page.hmw.placeholder'), hint: t('room.page.hmw.hint'),
      button: t('room.page.hmw.add'), blank: (text) => text === start.trim(),
      onAdd: (text) => submitOp('hmw.add', { text }),
    });
    const budget = h('p', { class: 'nsc-budget', 'data-round': 'hmw' });
    const ul = h('ul', { class: 'nsc-list' });
    const el = sectionShell('hmw', h('div', { class: 'nsc-card' }, f.form), budget, ul, emptyNote());
    return {
      el,
      render() {
        budgetLine(budget, 'hmw');
        const rows = newestFirst(S.outbox.filter((e) => e.op === 'hmw.add' && listed(e)))
          .map((e) => pendingRow(e, e.args.text, { edit: () => putBack(f.control, e.args.text) }))
          .concat(newestFirst(itemsOf('hmw')).map((i) => itemRow(i, { text: i.text, dots: true, tags: [i.cluster ? { text: i.cluster, cls: 'nsc-tag-cluster' } : null] })));
        syncList(ul, rows, true);
      },
    };
  }

  // ---------------------------------------------------------------- actors, ties, influence

  function actorsSorted() {
    return itemsOf('actor').sort((a, b) => String(a.name).localeCompare(String(b.name), S.lang));
  }

  function actorName(id) {
    const a = S.items.get(id);
    return a && a.k === 'actor' ? a.name : '?';
  }

  function buildActors() {
    const sector = sectorSelect('nsc-actor-sector', 'sector', t('room.page.actors.sector_none'));
    sector.setAttribute('data-draft', 'actor-sector');
    const f = textForm({
      id: 'nsc-actor-name', name: 'name', draft: 'actor-name', max: NAME_MAX, label: t('room.page.actors.name'), placeholder: t('room.page.actors.placeholder'),
      button: t('room.page.actors.add'),
      extra: fieldBox('nsc-actor-sector', t('room.page.actors.sector'), sector),
      onAdd: (name) => { submitOp('actor.add', { name, sector: sector.value }); },
    });
    const count = h('p', { class: 'nsc-count' });
    const ul = h('ul', { class: 'nsc-list nsc-compact' });
    const el = sectionShell('actors', h('div', { class: 'nsc-card' }, f.form), count, ul, emptyNote());
    return {
      el,
      render() {
        const actors = itemsOf('actor');
        count.textContent = t('room.page.actors.count', { count: actors.length });
        const rows = newestFirst(S.outbox.filter((e) => e.op === 'actor.add' && listed(e)))
          .map((e) => pendingRow(e, e.args.name, { edit: () => { putBack(f.control, e.args.name); sector.value = e.args.sector || ''; } }))
          .concat(newestFirst(actors).map((a) => itemRow(a, { text: a.name, by: false, removable: false, tags: [a.sector ? { text: sectorLabel(a.sector) } : null] })));
        syncList(ul, rows, true);
      },
    };
  }

  function buildTies() {
    const from = h('select', { id: 'nsc-tie-from', name: 'source', class: 'nsc-select', 'data-draft': 'tie-from' });
    const to = h('select', { id: 'nsc-tie-to', name: 'target', class: 'nsc-select', 'data-draft': 'tie-to' });
    const type = h('select', { id: 'nsc-tie-type', name: 'type', class: 'nsc-select', 'data-draft': 'tie-type' });
    for (const [id, label] of S.strings.tie_types || []) type.append(h('option', { value: id, text: label }));
    const button = h('button', { type: 'submit', class: 'nsc-btn nsc-primary nsc-add', 'data-fk': 'add:tie' }, icon('plus'), h('span', { text: t('room.page.ties.add') }));
    const form = h('form', { class: 'nsc-form', novalidate: true, 'data-form': 'tie' },
      fieldBox('nsc-tie-from', t('room.page.ties.from'), from),
      fieldBox('nsc-tie-to', t('room.page.ties.to'), to),
      fieldBox('nsc-tie-type', t('room.page.ties.type'), type),
      button);
    const fillActors = () => {
      const actors = actorsSorted();
      const sig = actors.map((a) => a.id + '\u0000' + a.name).join('\u0001') + '|' + from.value + '|' + S.lang;
      if (sig === S.tiesSig) return;
      for (const [select, except] of [[from, null], [to, from.value]]) {
        const keep = select.value;
        clearChildren(select);
        select.append(h('option', { value: '', text: t('room.page.ties.choose') }));
        for (const a of actors) if (a.id !== except) select.append(h('option', { value: a.id, text: a.name }));
        select.value = actors.some((a) => a.id === keep && a.id !== except) ? keep : '';
      }
      S.tiesSig = actors.map((a) => a.id + '\u0000' + a.name).join('\u0001') + '|' + from.value + '|' + S.lang;
    };
    from.addEventListener('change', () => { setFieldError(form, 'nsc-tie-from', null); fillActors(); });
    to.addEventListener('change', () => setFieldError(form, 'nsc-tie-to', null));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const source = from.value;
      const target = to.value;
      if (!source) { setFieldError(form, 'nsc-tie-from', t('room.page.ties.pick')); from.focus(); return; }
      if (!target) { setFieldError(form, 'nsc-tie-to', t('room.page.ties.pick')); to.focus(); return; }
      if (source === target) { setFieldError(form, 'nsc-tie-to', t('room.page.ties.same')); return; }
      to.value = '';
      submitOp('tie.add', { source, target, type: type.value || 'collaborates' });
    });
    const ul = h('ul', { class: 'nsc-list nsc-compact' });
    const el = sectionShell('ties', h('div', { class: 'nsc-card' }, form), ul, emptyNote());
    const line = (tie) => actorName(tie.source) + ' – ' + tieTypeLabel(tie.type) + ' – ' + actorName(tie.target);
    return {
      el,
      render() {
        fillActors();
        const rows = newestFirst(S.outbox.filter((e) => e.op === 'tie.add' && listed(e)))
          .map((e) => pendingRow(e, line(e.args), { sig: line(e.args), edit: () => { from.value = e.args.source; fillActors(); to.value = e.args.target; type.value = e.args.type; from.focus(); } }))
          .concat(newestFirst(itemsOf('tie')).map((tie) => itemRow(tie, { text: line(tie), by: false, removable: false, sig: line(tie) })));
        syncList(ul, rows, true);
      },
    };
  }

  function buildInfluence() {
    const ul = h('ul', { class: 'nsc-list nsc-compact' });
    const el = sectionShell('influence', h('p', { class: 'nsc-note', text: t('room.page.influence.scale') }), ul, emptyNote());
    const setValue = (actor, value) => submitOp('actor.influence', { actor: actor.id, value });
    return {
      el,
      render() {
        const rows = actorsSorted().map((actor) => {
          const ops = pending((e) => e.op === 'actor.influence' && e.args.actor === actor.id);
          const last = ops[ops.length - 1];
          const value = last ? last.args.value : actor.influence;
          const words = last ? entryState(last) : null;
          const sig = JSON.stringify([S.lang, actor.name, actor.sector, actor.influence, value, words]);
          return {
            key: 'a:' + actor.id,
            sig,
            build: () => {
              const shown = value == null ? t('room.page.influence.unknown') : String(value);
              const valueId = 'nsc-inf-' + actor.id;
              return h('li', { class: 'nsc-item nsc-influence', 'data-kind': 'actor', 'data-id': actor.id, 'data-influence': actor.influence == null ? '' : String(actor.influence) },
                h('p', { class: 'nsc-item-title', id: valueId + '-name', text: actor.name }),
                actor.sector ? h('p', { class: 'nsc-meta' }, h('span', { class: 'nsc-tag', text: sectorLabel(actor.sector) })) : null,
                h('div', { class: 'nsc-stepper', role: 'group', 'aria-labelledby': valueId + '-name' },
                  h('button', { type: 'button', class: 'nsc-dot-btn nsc-step-less', 'aria-label': t('room.page.influence.less'), 'data-fk': 'inf-:' + actor.id, disabled: value === 0,
                    onclick: () => setValue(actor, value == null ? 0 : Math.max(0, value - 1)) }, icon('minus')),
                  h('span', { class: 'nsc-step-value' + (value == null ? ' nsc-unknown' : ''), id: valueId, text: shown }),
                  h('button', { type: 'button', class: 'nsc-dot-btn nsc-step-more', 'aria-label': t('room.page.influence.more'), 'data-fk': 'inf+:' + actor.id, disabled: value === 10,
                    onclick: () => setValue(actor, value == null ? 1 : Math.min(10, value + 1)) }, icon('plus')),
                  h('button', { type: 'button', class: 'nsc-btn nsc-ghost nsc-step-unknown', 'data-fk': 'inf?:' + actor.id, 'aria-pressed': value == null ? 'true' : 'false',
                    onclick: () => { if (value != null) setValue(actor, null); } }, t('room.page.influence.unknown'))),
                words ? h('p', { class: 'nsc-pending-state', 'data-state': words[0] }, icon(words[0] === 'waiting' ? 'clock' : 'send'), h('span', { text: words[1] })) : null);
            },
          };
        });
        syncList(ul, rows, true);
      },
    };
  }

  // ---------------------------------------------------------------- ideas

  function buildIdeas() {
    const kind = toggleGroup(t('room.page.ideas.kind'), [['note', t('ideas.kind.note')], ['crazy8', t('ideas.kind.crazy8')]],
      () => S.form.ideaKind, (v) => { S.form.ideaKind = v; }, 'idea-kind');
    const priv = h('input', { type: 'checkbox', id: 'nsc-idea-private', name: 'private', class: 'nsc-checkbox', 'data-draft': 'idea-private', 'data-fk': 'idea-private' });
    const privLabel = h('label', { class: 'nsc-check', for: 'nsc-idea-private' }, priv, h('span', { text: t('room.page.ideas.private') }));
    const f = textForm({
      id: 'nsc-idea-text', multiline: true, draft: 'idea', label: t('room.page.ideas.label'), placeholder: t('room.page.ideas.placeholder'),
      button: t('room.page.ideas.add'), extra: [kind, privLabel],
      onAdd: (text) => submitOp('idea.add', { text, kind: S.form.ideaKind, private: !!priv.checked }),
    });
    const hidden = h('p', { class: 'nsc-hidden nsc-note', hidden: true });
    const ul = h('ul', { class: 'nsc-list' });
    const el = sectionShell('ideas', h('div', { class: 'nsc-card' }, f.form), hidden, ul, emptyNote());
    return {
      el,
      render() {
        hidden.hidden = !S.hidden;
        hidden.setAttribute('data-count', String(S.hidden || 0));
        hidden.textContent = S.hidden ? t('room.page.ideas.hidden', { count: S.hidden }) : '';
        const tagsOf = (kindId, isPrivate, theme) => [
          { text: t('ideas.kind.' + kindId), cls: 'nsc-tag-kind' },
          isPrivate ? { text: t('room.page.ideas.private_badge'), cls: 'nsc-tag-private' } : null,
          theme ? { text: theme } : null,
        ];
        const rows = newestFirst(S.outbox.filter((e) => e.op === 'idea.add' && listed(e)))
          .map((e) => pendingRow(e, e.args.text, {
            sig: [e.args.kind, e.args.private].join('|'),
            body: () => h('p', { class: 'nsc-meta' }, tagsOf(e.args.kind, e.args.private).filter(Boolean).map((tag) => h('span', { class: 'nsc-tag ' + (tag.cls || ''), text: tag.text }))),
            edit: () => putBack(f.control, e.args.text),
          }))
          .concat(newestFirst(itemsOf('idea')).map((i) => itemRow(i, { text: i.text, tags: tagsOf(i.kind, i.private, i.theme) })));
        syncList(ul, rows, true);
      },
    };
  }

  // ---------------------------------------------------------------- sketches

  function heatLayer(sketchId) {
    const layer = h('span', { class: 'nsc-stickers', 'aria-hidden': 'true' });
    for (const [x, y] of S.heat[sketchId] || []) {
      const dot = h('span', { class: 'nsc-sticker' });
      dot.style.left = (x * 100).toFixed(2) + '%';
      dot.style.top = (y * 100).toFixed(2) + '%';
      layer.append(dot);
    }
    for (const e of pending((x) => x.op === 'heat.add' && x.args.sketch === sketchId)) {
      const dot = h('span', { class: 'nsc-sticker nsc-sticker-pending' });
      dot.style.left = (e.args.x * 100).toFixed(2) + '%';
      dot.style.top = (e.args.y * 100).toFixed(2) + '%';
      layer.append(dot);
    }
    return layer;
  }

  function sketchPhoto(item, tappable) {
    if (!item.image) return h('div', { class: 'nsc-photo nsc-photo-none' }, icon('camera'), h('span', { text: t('room.page.sketches.no_photo') }));
    const img = h('img', { src: url('/room/api/image/' + encodeURIComponent(item.image)), alt: item.title || '', loading: 'lazy', decoding: 'async', draggable: 'false' });
    img.addEventListener('error', () => { img.replaceWith(h('span', { class: 'nsc-photo-missing', text: t('room.page.sketches.no_photo') })); });
    if (!tappable) return h('div', { class: 'nsc-photo nsc-photo-small' }, img);
    const button = h('button', {
      type: 'button', class: 'nsc-photo nsc-photo-tap', 'data-fk': 'heat:' + item.id,
      'aria-label': t('room.page.sketches.sticker', { title: item.title || '' }),
    }, img, heatLayer(item.id));
    button.addEventListener('click', (ev) => {
      let x = 0.5;
      let y = 0.5;
      const rect = img.getBoundingClientRect();
      if (ev.detail !== 0 && rect.width > 0 && rect.height > 0) {
        x = (ev.clientX - rect.left) / rect.width;
        y = (ev.clientY - rect.top) / rect.height;
      }
      x = Math.round(Math.min(1, Math.max(0, x)) * 10000) / 10000;
      y = Math.round(Math.min(1, Math.max(0, y)) * 10000) / 10000;
      submitOp('heat.add', { sketch: item.id, x, y });
    });
    return button;
  }

  function buildSketches() {
    const title = h('input', { id: 'nsc-sketch-title', name: 'title', type: 'text', class: 'nsc-input', maxlength: TITLE_MAX, 'data-draft': 'sketch-title', 'data-fk': 'draft:sketch-title', autocomplete: 'off', enterkeyhint: 'done' });
    const file = h('input', { id: 'nsc-sketch-photo', name: 'photo', type: 'file', accept: 'image/*', class: 'nsc-file-input', 'data-fk': 'sketch-photo' });
    const fileText = h('span', { class: 'nsc-file-text', id: 'nsc-sketch-photo-text', text: t('room.page.sketches.choose') });
    const preview = h('div', { class: 'nsc-file-preview', hidden: true });
    const fileLabel = h('label', { class: 'nsc-file', for: 'nsc-sketch-photo' }, icon('camera'), fileText, file);
    let previewUrl = null;
    const showChosen = () => {
      if (previewUrl) { URL.revokeObjectURL(previewUrl); previewUrl = null; }
      clearChildren(preview);
      const chosen = file.files && file.files[0];
      if (!chosen) { preview.hidden = true; fileText.textContent = t('room.page.sketches.choose'); return; }
      previewUrl = URL.createObjectURL(chosen);
      fileText.textContent = t('room.page.sketches.change');
      add(preview, [h('img', { src: previewUrl, alt: '' }), h('span', { class: 'nsc-file-name', text: t('room.page.sketches.chosen', { name: chosen.name || '' }) })]);
      preview.hidden = false;
    };
    file.addEventListener('change', () => { setFieldError(form, 'nsc-sketch-photo', null); showChosen(); });
    const button = h('button', { type: 'submit', class: 'nsc-btn nsc-primary nsc-add', 'data-fk': 'add:sketch' }, icon('send'), h('span', { text: t('room.page.sketches.add') }));
    const photoField = h('div', { class: 'nsc-field', 'data-field': 'nsc-sketch-photo' },
      h('span', { class: 'nsc-label', id: 'nsc-sketch-photo-label', text: t('room.page.sketches.photo') }),
      fileLabel, preview,
      h('p', { id: 'nsc-sketch-photo-error', class: 'nsc-field-error', hidden: true }));
    file.setAttribute('aria-describedby', 'nsc-sketch-photo-error');
    file.setAttribute('aria-labelledby', 'nsc-sketch-photo-label nsc-sketch-photo-text');
    const form = h('form', { class: 'nsc-form', novalidate: true, 'data-form': 'sketch' },
      fieldBox('nsc-sketch-title', t('room.page.sketches.title'), title),
      photoField,
      button);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = title.value.trim();
      const chosen = file.files && file.files[0];
      if (!text && !chosen) return;
      if (!text) { setFieldError(form, 'nsc-sketch-title', t('room.page.sketches.title_missing')); title.focus(); return; }
      if (!chosen) { setFieldError(form, 'nsc-sketch-photo', t('room.error.photo_missing')); file.focus(); return; }
      setFieldError(form, 'nsc-sketch-title', null);
      title.value = '';
      file.value = '';
      showChosen();
      addSketch(text, chosen);
    });
    const ul = h('ul', { class: 'nsc-list nsc-sketch-list' });
    const el = sectionShell('sketches', h('div', { class: 'nsc-card' }, form),
      h('p', { class: 'nsc-note' }, icon('dot'), h('span', { text: t('room.page.sketches.heat_hint') })), ul, emptyNote());
    return {
      el,
      render() {
        const rows = newestFirst(S.outbox.filter((e) => e.op === 'sketch.add' && listed(e))).map((e) => pendingRow(e, null, {
          sig: (e.progress || 0).toFixed(2),
          head: () => h('h3', { class: 'nsc-item-title', text: e.args.title }),
          body: () => {
            const photo = S.photos.get(e.id);
            const unsent = e.state !== 'failed' && e.state !== 'saved';
            return [
              photo && photo.url ? h('div', { class: 'nsc-photo' }, h('img', { src: photo.url, alt: e.args.title })) : null,
              unsent ? h('p', { class: 'nsc-keep-open' }, icon('alert'), h('span', { text: t('room.page.sketches.keep_open') })) : null,
            ];
          },
          edit: () => { putBack(title, e.args.title); },
        })).concat(newestFirst(itemsOf('sketch')).map((s) => {
          const stickers = (S.heat[s.id] || []).length + pending((x) => x.op === 'heat.add' && x.args.sketch === s.id).length;
          return itemRow(s, {
            sig: JSON.stringify([S.heat[s.id] || [], pending((x) => x.op === 'heat.add' && x.args.sketch === s.id).map((x) => x.id)]),
            by: false,
            head: () => h('h3', { class: 'nsc-item-title', text: s.title }),
            body: () => [sketchPhoto(s, true), h('p', { class: 'nsc-meta' }, h('span', { class: 'nsc-tag', text: t('room.page.sketches.stickers', { count: stickers }) }),
              isMine(s) ? h('span', { class: 'nsc-by', text: t('room.page.by_you') }) : null)],
          });
        }));
        syncList(ul, rows, true);
      },
    };
  }

  // ---------------------------------------------------------------- vote

  function buildDecide() {
    const budget = h('p', { class: 'nsc-budget', 'data-round': 'ideas' });
    const ideas = h('ul', { class: 'nsc-list' });
    const sketches = h('ul', { class: 'nsc-list' });
    const el = sectionShell('decide', budget,
      h('h3', { class: 'nsc-subhead', text: t('room.page.decide.ideas') }), ideas, emptyNote(),
      h('h3', { class: 'nsc-subhead', text: t('room.page.decide.sketches') }), sketches, emptyNote());
    return {
      el,
      render() {
        budgetLine(budget, 'ideas');
        syncList(ideas, itemsOf('idea').filter((i) => !i.private).map((i) => itemRow(i, {
          text: i.text, dots: true, removable: false, sig: superSig(i), body: () => superButton(i),
          tags: [{ text: t('ideas.kind.' + i.kind), cls: 'nsc-tag-kind' }, i.theme ? { text: i.theme } : null],
        })), true);
        syncList(sketches, itemsOf('sketch').map((s) => itemRow(s, {
          dots: true, removable: false, by: false, sig: superSig(s), body: () => superButton(s),
          head: () => h('div', { class: 'nsc-sketch-row' }, sketchPhoto(s, false), h('h4', { class: 'nsc-item-title', text: s.title })),
        })), true);
      },
    };
  }

  /** The decider's supervote (the facilitator names the decider on the room's page): once per round. */
  function superSig(item) {
    return JSON.stringify([S.decider, pending((e) => e.op === 'supervote' && e.args.target === item.id).length]);
  }

  function superButton(item) {
    if (!S.decider) return null;
    const busy = pending((e) => e.op === 'supervote' && e.args.target === item.id).length > 0;
    return h('button', {
      type: 'button', class: 'nsc-btn nsc-ghost nsc-supervote', 'data-fk': 'super:' + item.id, disabled: busy,
      onclick: () => { if (!busy) submitOp('supervote', { target: item.id }); },
    }, icon('check'), h('span', { text: t('room.page.decide.supervote') }));
  }

  // ---------------------------------------------------------------- test findings

  function buildTest() {
    const interview = stepper({
      key: 'interview', label: t('room.page.test.interview'), min: 1, max: 10,
      lessLabel: t('room.page.test.less'), moreLabel: t('room.page.test.more'),
      get: () => S.form.interview, set: (v) => { S.form.interview = v; },
    });
    const valence = toggleGroup(t('room.page.test.valence'), VALENCES.map((v) => [v, t('sprint.valence.' + v)]),
      () => S.form.valence, (v) => { S.form.valence = v; }, 'valence');
    const f = textForm({
      id: 'nsc-finding-text', multiline: true, draft: 'finding', label: t('room.page.test.text'), placeholder: t('room.page.test.placeholder'),
      button: t('room.page.test.add'), extra: [interview, valence],
      onAdd: (text) => submitOp('finding.add', { text, interview: S.form.interview, valence: S.form.valence }),
    });
    const ul = h('ul', { class: 'nsc-list' });
    const el = sectionShell('test', h('div', { class: 'nsc-card' }, f.form), ul, emptyNote());
    const tags = (args) => [
      { text: t('room.page.test.interview_n', { n: args.interview }) },
      { text: t('sprint.valence.' + args.valence), cls: 'nsc-tag-' + args.valence },
    ];
    return {
      el,
      render() {
        const rows = newestFirst(S.outbox.filter((e) => e.op === 'finding.add' && listed(e))).map((e) => pendingRow(e, e.args.text, {
          body: () => h('p', { class: 'nsc-meta' }, tags(e.args).map((tag) => h('span', { class: 'nsc-tag ' + (tag.cls || ''), text: tag.text }))),
          edit: () => putBack(f.control, e.args.text),
        })).concat(newestFirst(itemsOf('finding')).map((i) => itemRow(i, { text: i.text, tags: tags(i), removable: false })));
        syncList(ul, rows, true);
      },
    };
  }

  // ---------------------------------------------------------------- events

  document.addEventListener('focusout', (ev) => {
    const target = ev.target;
    if (!ev.relatedTarget && target && target.getAttribute && target.tagName === 'BUTTON' && target.getAttribute('data-fk')) {
      S.lostFk = target.getAttribute('data-fk');
      S.lostFkAt = Date.now();
    }
  });
  document.addEventListener('focusin', () => { S.lostFk = null; });

  window.addEventListener('online', reconnectNow);
  window.addEventListener('offline', () => { if (S.screen === 'room' && S.ws) dropSocket(false); });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden || S.screen !== 'room') return;
    if (S.ws && S.ws.readyState === 1) {
      S.lastMsg = Math.max(S.lastMsg, Date.now() - 1000); // give the ping a second to come back
      send({ t: 'ping' });
    } else {
      reconnectNow();
    }
    scheduleRender();
  });
  window.addEventListener('pageshow', (ev) => { if (ev.persisted) reconnectNow(); });

  setInterval(() => { if (S.ws && S.ws.readyState === 1) send({ t: 'ping' }); }, PING_MS);
  setInterval(watchdog, 250);
  setInterval(renderTimer, 250);

  boot();
})();
