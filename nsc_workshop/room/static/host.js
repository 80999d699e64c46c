/* nsc-workshop: the facilitator's "who is in the room" page (/room/host).
 * Plain ES2020, no framework, nothing from outside; names are shown as text only. */
(() => {
  'use strict';

  const ROOT = document.getElementById('host');
  if (!ROOT) return;

  const KNOWN_LANGS = ['en', 'sv', 'da', 'nb', 'fi'];
  const LANG_KEY = 'nsc-room-lang';
  const REFRESH_MS = 3000;

  const S = {
    lang: 'en',
    strings: null,
    links: null,
    people: [],
    confirming: new Set(),
    busy: new Set(),
    ui: {},
    timer: null,
    failed: false,
  };

  const storage = {
    get(key) { try { return window.localStorage.getItem(key); } catch (_) { return null; } },
    set(key, value) { try { window.localStorage.setItem(key, value); } catch (_) { /* fine */ } },
  };

  const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'selected']);

  function h(tag, props, ...kids) {
    const el = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v == null || v === false) continue;
        if (k === 'class') el.className = v;
        else if (k === 'text') el.textContent = String(v);
        else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
        else if (PROPS.has(k)) el[k] = v;
        else el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid == null || kid === false) continue;
      el.append(typeof kid === 'string' || typeof kid === 'number' ? document.createTextNode(String(kid)) : kid);
    }
    return el;
  }

  const ICONS = {
    globe: 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0M3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18',
    trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
    alert: 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0M12 7.5v5.5M12 16.5v.01',
    check: 'M5 12.5l4.5 4.5L19 7.5',
    x: 'M6 6l12 12M18 6L6 18',
    users: 'M9 11a4 4 0 1 0 0-8a4 4 0 1 0 0 8M2 21c.8-3.8 3.6-6 7-6s6.2 2.2 7 6M16 3.5a4 4 0 0 1 0 7.5M18 15c2 .8 3.4 2.8 4 6',
  };

  function icon(name) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'nsc-icon');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', ICONS[name]);
    svg.append(path);
    return svg;
  }

  function t(key, params) {
    const words = (S.strings && S.strings.words) || {};
    let msg = words[key];
    if (msg == null) return key;
    if (typeof msg === 'object') {
      const count = params && typeof params.count === 'number' ? params.count : 0;
      let form = 'other';
      try { form = new Intl.PluralRules(S.lang).select(count); } catch (_) { /* other */ }
      msg = msg[form] != null ? msg[form] : msg.other;
      if (msg == null) return key;
    }
    return String(msg).replace(/\{(\w+)\}/g, (all, name) => (params && params[name] != null ? String(params[name]) : all));
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  async function getJSON(url, options) {
    const res = await fetch(url, Object.assign({ credentials: 'same-origin', cache: 'no-store' }, options || {}));
    let body = null;
    try { body = await res.json(); } catch (_) { body = null; }
    return { status: res.status, body: body && typeof body === 'object' ? body : {} };
  }

  function preferredLanguage() {
    const asked = [];
    const fromUrl = new URLSearchParams(window.location.search).get('lang');
    if (fromUrl) asked.push(fromUrl);
    const saved = storage.get(LANG_KEY);
    if (saved) asked.push(saved);
    for (const tag of navigator.languages || [navigator.language || '']) {
      const base = String(tag || '').toLowerCase().split(/[-_]/)[0];
      asked.push(base === 'no' || base === 'nn' ? 'nb' : base);
    }
    return asked.find((code) => KNOWN_LANGS.includes(code)) || '';
  }

  async function loadStrings(lang) {
    const res = await getJSON('/room/api/strings' + (lang ? '?lang=' + encodeURIComponent(lang) : ''));
    if (res.status !== 200 || !res.body.words) throw new Error('strings');
    S.strings = res.body;
    S.lang = res.body.lang || lang || 'en';
    document.documentElement.lang = S.lang;
  }

  function safeUrl(url) {
    try {
      const u = new URL(String(url), window.location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (_) {
      return null;
    }
  }

  function sectorLabel(id) {
    if (!id) return t('room.page.host.no_sector');
    const row = (S.strings.sectors || []).find((s) => s[0] === id);
    return row ? row[1] : id;
  }

  function clock(epoch) {
    try {
      return new Date(epoch * 1000).toLocaleTimeString(S.lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch (_) {
      return '';
    }
  }

  // ---------------------------------------------------------------- page

  function build() {
    const focusedFk = document.activeElement && document.activeElement.getAttribute ? document.activeElement.getAttribute('data-fk') : null;
    clear(ROOT);
    ROOT.removeAttribute('aria-busy');
    document.title = t('room.page.host.title');

    const select = h('select', { id: 'nsc-host-lang', class: 'nsc-lang-select', 'data-fk': 'lang' });
    for (const [code, name] of S.strings.languages || []) select.append(h('option', { value: code, lang: code, text: name }));
    select.value = S.lang;
    select.addEventListener('change', async () => {
      storage.set(LANG_KEY, select.value);
      try { await loadStrings(select.value); } catch (_) { return; }
      build();
      renderLinks();
      renderPeople();
    });

    const code = h('p', { class: 'nsc-host-code' });
    const links = h('div', { class: 'nsc-host-links' });
    const counts = h('p', { class: 'nsc-host-counts', 'aria-live': 'polite' });
    const list = h('ul', { class: 'nsc-list nsc-host-people' });
    const empty = h('p', { class: 'nsc-empty', hidden: true, text: t('room.page.host.empty') });
    const error = h('p', { class: 'nsc-form-error', role: 'alert', hidden: true });
    const status = h('div', { class: 'nsc-toast', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

    ROOT.append(
      h('header', { class: 'nsc-top' },
        h('div', { class: 'nsc-top-row' },
          h('span', { class: 'nsc-title' }, t('room.page.host.title')),
          h('div', { class: 'nsc-lang' },
            h('label', { for: 'nsc-host-lang', class: 'nsc-lang-label' }, icon('globe'), h('span', { class: 'nsc-sr', text: t('room.page.language') })),
            select))),
      h('div', { class: 'nsc-content' },
        h('section', { class: 'nsc-card nsc-host-join', 'aria-labelledby': 'nsc-host-code-label' },
          h('h2', { id: 'nsc-host-code-label', class: 'nsc-label', text: t('room.page.host.code') }),
          code,
          links),
        h('section', { class: 'nsc-card', 'aria-labelledby': 'nsc-host-people-label' },
          h('h1', { id: 'nsc-host-people-label', class: 'nsc-activity-title', text: t('room.page.host.title') }),
          counts,
          error,
          list,
          empty,
          h('p', { class: 'nsc-hint', text: t('room.page.host.updated') }))),
      status);
    S.ui = { code, links, counts, list, empty, error, status };
    if (focusedFk) {
      const el = ROOT.querySelector('[data-fk="' + CSS.escape(focusedFk) + '"]');
      if (el) el.focus();
    }
  }

  function renderLinks() {
    const links = S.links;
    if (!links || !S.ui.code) return;
    S.ui.code.textContent = links.code || '';
    const box = S.ui.links;
    clear(box);
    const participant = safeUrl(links.participant);
    if (participant) {
      box.append(h('div', { class: 'nsc-field' },
        h('span', { class: 'nsc-label', text: t('room.page.host.link') }),
        h('a', { class: 'nsc-host-link', href: participant, target: '_blank', rel: 'noopener noreferrer', text: participant })));
      const img = h('img', { class: 'nsc-host-qr', src: '/room/api/host/qr.svg', alt: t('room.page.host.qr'), width: 300, height: 300 });
      img.addEventListener('error', () => img.remove());
      box.append(img);
    }
    const join = safeUrl(links.join);
    if (join) box.append(h('p', { class: 'nsc-hint', text: t('room.page.host.join_at', { address: join }) }));
  }

  function say(message, isError) {
    const el = S.ui.status;
    if (!el) return;
    clear(el);
    el.classList.toggle('nsc-toast-error', !!isError);
    el.append(icon(isError ? 'alert' : 'check'), h('span', { text: message }));
    el.classList.add('nsc-toast-on');
    clearTimeout(S.sayTimer);
    S.sayTimer = setTimeout(() => el.classList.remove('nsc-toast-on'), 4000);
  }

  function seenText(person) {
    if (person.online) return t('room.page.host.online');
    if (person.seen == null) return t('room.page.host.offline');
    const minutes = Math.floor(Number(person.seen) / 60);
    return minutes < 1 ? t('room.page.host.seen_now') : t('room.page.host.seen', { count: minutes });
  }

  function renderPeople() {
    const ui = S.ui;
    if (!ui.list) return;
    const people = S.people;
    const online = people.filter((p) => p.online).length;
    ui.counts.textContent = t('room.page.host.counts', { count: people.length, online });
    ui.counts.setAttribute('data-count', String(people.length));
    ui.counts.setAttribute('data-online', String(online));
    ui.empty.hidden = people.length > 0;
    const active = document.activeElement;
    const fk = active && active.getAttribute ? active.getAttribute('data-fk') : null;
    const existing = new Map(Array.from(ui.list.children).map((li) => [li.getAttribute('data-device'), li]));
    let index = 0;
    for (const person of people) {
      const confirming = S.confirming.has(person.device);
      const busy = S.busy.has(person.device);
      const sig = JSON.stringify([person.handle, person.sector, person.online, seenText(person), person.joined, person.decider, confirming, busy, S.lang]);
      let li = existing.get(person.device);
      if (li && li._sig === sig) {
        existing.delete(person.device);
      } else {
        const fresh = personItem(person, confirming, busy);
        fresh._sig = sig;
        if (li) { existing.delete(person.device); li.replaceWith(fresh); }
        li = fresh;
      }
      if (ui.list.children[index] !== li) ui.list.insertBefore(li, ui.list.children[index] || null);
      index += 1;
    }
    for (const li of existing.values()) li.remove();
    if (fk && (!document.activeElement || document.activeElement === document.body)) {
      const el = ROOT.querySelector('[data-fk="' + CSS.escape(fk) + '"]');
      if (el) el.focus({ preventScroll: true });
    }
  }

  function personItem(person, confirming, busy) {
    const li = h('li', { class: 'nsc-item nsc-person', 'data-device': person.device, 'data-online': person.online ? 'true' : 'false' },
      h('p', { class: 'nsc-person-name' }, h('span', { class: 'nsc-person-dot', 'aria-hidden': 'true' }), h('span', { class: 'nsc-person-handle', text: person.handle })),
      h('p', { class: 'nsc-meta' },
        h('span', { class: 'nsc-tag', text: sectorLabel(person.sector) }),
        person.decider ? h('span', { class: 'nsc-tag nsc-person-decider', text: t('room.page.host.decider') }) : null,
        h('span', { class: 'nsc-person-seen', text: seenText(person) }),
        person.joined ? h('span', { text: t('room.page.host.joined', { time: clock(person.joined) }) }) : null));
    if (!confirming) {
      li.append(h('div', { class: 'nsc-actions' },
        h('button', {
          type: 'button', class: 'nsc-btn nsc-ghost nsc-host-decider', 'data-fk': 'decider:' + person.device, disabled: busy,
          'aria-pressed': person.decider ? 'true' : 'false',
          onclick: () => setDecider(person, !person.decider),
        }, icon('check'), h('span', { text: t(person.decider ? 'room.page.host.not_decider' : 'room.page.host.make_decider') })),
        h('button', {
          type: 'button', class: 'nsc-btn nsc-ghost nsc-host-remove', 'data-fk': 'remove:' + person.device,
          onclick: () => { S.confirming.add(person.device); renderPeople(); focusFk('confirm:' + person.device); },
        }, icon('trash'), h('span', { text: t('room.page.host.remove') }))));
    } else {
      li.append(h('div', { class: 'nsc-person-confirm', role: 'group', 'aria-label': t('room.page.host.remove') },
        h('p', { text: t('room.page.host.confirm', { name: person.handle }) }),
        h('div', { class: 'nsc-actions' },
          h('button', {
            type: 'button', class: 'nsc-btn nsc-danger nsc-host-confirm', 'data-fk': 'confirm:' + person.device, disabled: busy,
            onclick: () => removePerson(person),
          }, icon('trash'), h('span', { text: t('room.page.host.confirm_yes') })),
          h('button', {
            type: 'button', class: 'nsc-btn nsc-ghost nsc-host-cancel', 'data-fk': 'cancel:' + person.device,
            onclick: () => { S.confirming.delete(person.device); renderPeople(); focusFk('remove:' + person.device); },
          }, icon('x'), h('span', { text: t('room.page.host.cancel') })))));
    }
    return li;
  }

  function focusFk(fk) {
    const el = ROOT.querySelector('[data-fk="' + CSS.escape(fk) + '"]');
    if (el) el.focus();
  }

  /** Name the decider (who gives the supervote), or no longer: the workshop's participants list says who is. */
  async function setDecider(person, on) {
    if (S.busy.has(person.device)) return;
    S.busy.add(person.device);
    renderPeople();
    try {
      await getJSON('/room/api/host/decider', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ device: person.device, on }),
      });
    } catch (_) {
      // the next refresh shows what the server holds
    }
    S.busy.delete(person.device);
    refresh();
  }

  async function removePerson(person) {
    if (S.busy.has(person.device)) return;
    S.busy.add(person.device);
    renderPeople();
    let ok = false;
    try {
      const res = await getJSON('/room/api/host/remove', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ device: person.device }),
      });
      ok = res.status === 200 && !!res.body.ok;
    } catch (_) {
      ok = false;
    }
    S.busy.delete(person.device);
    S.confirming.delete(person.device);
    if (ok) {
      S.people = S.people.filter((p) => p.device !== person.device);
      say(t('room.page.host.removed', { name: person.handle }));
    } else {
      say(t('room.page.host.remove_failed', { name: person.handle }), true);
    }
    renderPeople();
    refresh();
  }

  async function refresh() {
    clearTimeout(S.timer);
    try {
      const res = await getJSON('/room/api/host/people');
      if (res.status === 403) {
        showError(t('room.page.host.forbidden'));
        return; // no more polling: the key is missing
      }
      if (res.status !== 200 || !Array.isArray(res.body.people)) throw new Error('people');
      S.people = res.body.people.slice().sort((a, b) => (a.joined || 0) - (b.joined || 0));
      if (S.links && res.body.code) S.links.code = res.body.code;
      showError(null);
      renderPeople();
    } catch (_) {
      showError(t('room.page.host.unreachable'));
    }
    S.timer = setTimeout(refresh, REFRESH_MS);
  }

  function showError(message) {
    const el = S.ui.error;
    if (!el) return;
    el.hidden = !message;
    el.textContent = message || '';
  }

  async function boot() {
    try {
      await loadStrings(preferredLanguage());
    } catch (_) {
      setTimeout(boot, 3000);
      return;
    }
    build();
    try {
      const res = await getJSON('/room/api/host/links');
      if (res.status === 403) { showError(t('room.page.host.forbidden')); return; }
      if (res.status === 200) S.links = res.body;
    } catch (_) { /* refresh says it */ }
    renderLinks();
    refresh();
  }

  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
  boot();
})();
