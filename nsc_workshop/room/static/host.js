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

  const { storage, h, icon, getJSON, askedLanguages, url } = window.NscKit;
  const clear = window.NscKit.clearChildren;
  const t = window.NscKit.translator(S);

  function preferredLanguage() {
    return askedLanguages(LANG_KEY).find((code) => KNOWN_LANGS.includes(code)) || '';
  }

  async function loadStrings(lang) {
    const res = await getJSON(url('/room/api/strings' + (lang ? '?lang=' + encodeURIComponent(lang) : '')));
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
      const img = h('img', { class: 'nsc-host-qr', src: url('/room/api/host/qr.svg'), alt: t('room.page.host.qr'), width: 300, height: 300 });
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
      await getJSON(url('/room/api/host/decider'), {
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
      const res = await getJSON(url('/room/api/host/remove'), {
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
      const res = await getJSON(url('/room/api/host/people'));
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
      const res = await getJSON(url('/room/api/host/links'));
      if (res.status === 403) { showError(t('room.page.host.forbidden')); return; }
      if (res.status === 200) S.links = res.body;
    } catch (_) { /* refresh says it */ }
    renderLinks();
    refresh();
  }

  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
  boot();
})();
