/* nsc-workshop: what the room's pages share (the participants' page and the facilitator's "who is in the room").
 * Plain ES2020, no framework, nothing from outside. Loaded before the page's own script: window.NscKit. */
(() => {
  'use strict';

  /** localStorage that never throws (a private window, a full or refused storage: nothing kept, nothing broken). */
  const storage = {
    get(key) {
      try { return window.localStorage.getItem(key); } catch (_) { return null; }
    },
    set(key, value) {
      try { window.localStorage.setItem(key, value); return true; } catch (_) { return false; }
    },
  };

  const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'selected']);

  /** An element: h('button', {class: 'x', text: 'Hi', onclick: fn}, child, 'text child'). Texts are text, never HTML. */
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
    add(el, kids);
    return el;
  }

  function add(el, kids) {
    for (const kid of kids.flat(Infinity)) {
      if (kid == null || kid === false) continue;
      el.append(typeof kid === 'string' || typeof kid === 'number' ? document.createTextNode(String(kid)) : kid);
    }
    return el;
  }

  function clearChildren(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';
  const ICONS = {
    plus: 'M12 5v14M5 12h14',
    minus: 'M5 12h14',
    check: 'M5 12.5l4.5 4.5L19 7.5',
    x: 'M6 6l12 12M18 6L6 18',
    clock: 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0M12 7v5l3 2',
    pause: 'M9 6v12M15 6v12',
    alert: 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0M12 7.5v5.5M12 16.5v.01',
    trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
    undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
    camera: 'M4 8h3l2-3h6l2 3h3v11H4zM9 13.5a3 3 0 1 0 6 0a3 3 0 1 0-6 0',
    edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
    globe: 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0M3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18',
    user: 'M8 8a4 4 0 1 0 8 0a4 4 0 1 0-8 0M4 21c1-4 4.5-6 8-6s7 2 8 6',
    users: 'M9 11a4 4 0 1 0 0-8a4 4 0 1 0 0 8M2 21c.8-3.8 3.6-6 7-6s6.2 2.2 7 6M16 3.5a4 4 0 0 1 0 7.5M18 15c2 .8 3.4 2.8 4 6',
    send: 'M12 19V5M6 11l6-6 6 6',
    lock: 'M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11',
    door: 'M14 4h5v16h-5M10 16l4-4-4-4M14 12H3',
    arrow: 'M5 12h14M13 6l6 6-6 6',
    dot: 'M8 12a4 4 0 1 0 8 0a4 4 0 1 0-8 0',
  };

  /** An icon drawn inline (no icon font, nothing fetched), hidden from screen readers. */
  function icon(name, extra) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'nsc-icon' + (extra ? ' ' + extra : ''));
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', ICONS[name] || ICONS.dot);
    svg.append(path);
    return svg;
  }

  /** The translator of a page whose state holds `strings` (from /room/api/strings) and `lang`:
   *  t(key, params) is the message with its {placeholders} filled, plural forms chosen by params.count. */
  function translator(state) {
    return function t(key, params) {
      const words = (state.strings && state.strings.words) || {};
      let msg = words[key];
      if (msg == null) return key;
      if (typeof msg === 'object') {
        const count = params && typeof params.count === 'number' ? params.count : 0;
        let form = 'other';
        try { form = new Intl.PluralRules(state.lang).select(count); } catch (_) { /* other */ }
        msg = msg[form] != null ? msg[form] : msg.other;
        if (msg == null) return key;
      }
      return String(msg).replace(/\{(\w+)\}/g, (all, name) => (params && params[name] != null ? String(params[name]) : all));
    };
  }

  /** The _xsrf cookie's value, if the server set one: under a JupyterHub, a request the hub signed in
   *  (the facilitator's host page) must echo it in a header, or the hub's sign-in does not count. */
  function xsrfToken() {
    const found = document.cookie.split('; ').find((c) => c.startsWith('_xsrf='));
    return found ? decodeURIComponent(found.slice(6)) : '';
  }

  /** A request to the room's server: {status, body} (a body that is not a JSON object is {}). */
  async function getJSON(url, options) {
    const given = options || {};
    const headers = Object.assign({}, given.headers || {});
    const xsrf = xsrfToken();
    if (xsrf) headers['X-XSRFToken'] = xsrf;
    const res = await fetch(url, Object.assign({ credentials: 'same-origin', cache: 'no-store' }, given, { headers }));
    let body = null;
    try { body = await res.json(); } catch (_) { body = null; }
    return { status: res.status, body: body && typeof body === 'object' ? body : {} };
  }

  /** The languages a person asked for, best first: the link's ?lang=, the one chosen here before, the phone's. */
  function askedLanguages(langKey) {
    const asked = [];
    const fromUrl = new URLSearchParams(window.location.search).get('lang');
    if (fromUrl) asked.push(fromUrl);
    const saved = storage.get(langKey);
    if (saved) asked.push(saved);
    for (const tag of navigator.languages || [navigator.language || '']) {
      const base = String(tag || '').toLowerCase().split(/[-_]/)[0];
      asked.push(base === 'no' || base === 'nn' ? 'nb' : base);
    }
    return asked;
  }

  /** Where the server serves the room: "/" on a laptop, "/user/<name>/" under a JupyterHub (the page's <meta name="nsc-base">). */
  const baseMeta = document.querySelector('meta[name="nsc-base"]');
  const base = (baseMeta && /^\/[^?#]*\/$/.test(baseMeta.content || '') ? baseMeta.content : '/');

  /** A path of the server ("/room/api/room") at the server's base ("/user/ana/room/api/room" under a hub). */
  function url(path) {
    return base + String(path).replace(/^\/+/, '');
  }

  window.NscKit = Object.freeze({ storage, h, add, clearChildren, icon, translator, getJSON, askedLanguages, base, url });
})();
