// The room's screen: draws the dict Python sends (screen_data), counts the timer down, fits cards to the screen.
// Every text is set with textContent: what participants typed is never read as HTML.

function fmt(seconds) {
  const s = Math.abs(Math.round(seconds));
  const text = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return seconds < 0 ? `+${text}` : text;
}

function make(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function overflows(box) {
  return box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
}

// Hide items from the end while the box overflows; say how many are not shown.
// Cards are tried in order: one that does not fit is hidden and a later, shorter one may take the gap.
// Ranked items (bars) keep their order: the first that does not fit hides it and all after it.
function fit(box, more, notSent, words, ranked = false) {
  const items = [...box.querySelectorAll(":scope > [data-item]")];
  items.forEach((item) => (item.hidden = false));
  let hidden = 0;
  if (overflows(box)) {
    items.forEach((item) => (item.hidden = true));
    let full = false;
    items.forEach((item, i) => {
      if (full) {
        hidden++;
        return;
      }
      item.hidden = false;
      if (i > 0 && overflows(box)) {
        item.hidden = true;
        hidden++;
        full = ranked;
      }
    });
  }
  if (more) {
    const n = notSent + hidden;
    more.textContent = n > 0 ? words[String(n)] || `+${n}` : "";
  }
}

// Long texts that do not fit are made a little smaller (never below 28 px on a 1920×1080 screen: 0.94 of 1.6u).
function shrink(box) {
  box.style.fontSize = "";
  let size = 1;
  while (overflows(box) && size > 0.95) {
    size -= 0.01;
    box.style.fontSize = `${size}em`;
  }
}

function card(item) {
  const node = make("div", "nsc-screen-card");
  node.dataset.item = "";
  if (item.color) node.style.borderLeftColor = item.color;
  if (item.tag) node.append(make("div", "nsc-screen-tag", item.tag));
  node.append(make("div", "nsc-screen-text", item.text));
  return node;
}

function render({ model, el }) {
  el.classList.add("nsc-screen");
  document.body.classList.add("nsc-projector-page");
  let ticker = null;
  let offset = 0;
  let fitters = [];

  function timerLeft(timer) {
    if (!timer.started_at) return timer.remaining_s || 0;
    return (timer.remaining_s || 0) - (Date.now() / 1000 + offset - timer.started_at);
  }

  function paintTimers() {
    const timer = (model.get("screen") || {}).timer || {};
    const left = timerLeft(timer);
    el.querySelectorAll(".nsc-screen-digits").forEach((face) => {
      face.textContent = fmt(left);
      face.dataset.state = left < 0 ? "over" : left <= 60 ? "ending" : "on";
    });
  }

  function header(screen, extra) {
    const top = make("div", "nsc-screen-header");
    const titles = make("div", "nsc-screen-titles");
    titles.append(make("div", "nsc-screen-heading", screen.heading));
    if (extra) titles.append(make("span", "nsc-screen-count", extra));
    top.append(titles);
    const timer = screen.timer || {};
    if (timer.active) {
      const mini = make("div", "nsc-screen-minitimer");
      mini.append(make("span", "nsc-screen-digits"));
      if (!timer.running) mini.append(make("span", "nsc-screen-paused", timer.paused));
      top.append(mini);
    }
    return top;
  }

  function footer(note) {
    const bottom = make("div", "nsc-screen-footer");
    const more = make("span", "nsc-screen-more");
    bottom.append(more);
    if (note) bottom.append(make("span", "nsc-screen-note", note));
    return [bottom, more];
  }

  function empty(text) {
    return make("div", "nsc-screen-empty", text);
  }

  function timerMode(screen, root) {
    const timer = screen.timer || {};
    const main = make("div", "nsc-screen-timer");
    if (timer.active) {
      main.append(make("div", "nsc-screen-place", screen.title));
      main.append(make("div", "nsc-screen-item", timer.item_title));
      const big = make("div", "nsc-screen-digits nsc-screen-bigtimer");
      main.append(big);
      if (!timer.running) main.append(make("div", "nsc-screen-paused", timer.paused));
      if (screen.next) main.append(make("div", "nsc-screen-next", screen.next));
      fitters.push(() => shrink(main));
    } else {
      main.classList.add("nsc-screen-idle");
      main.append(make("div", "nsc-screen-workshop", screen.title));
      main.append(make("div", "nsc-screen-place", screen.place));
      main.append(make("div", "nsc-screen-idletext", screen.idle));
      if (screen.next) main.append(make("div", "nsc-screen-next", screen.next));
    }
    root.append(main);
  }

  function cardsMode(screen, root) {
    root.append(header(screen, screen.count));
    const [bottom, more] = footer(screen.note);
    if (!(screen.cards || []).length) {
      root.append(empty(screen.empty), bottom);
      return;
    }
    const grid = make("div", "nsc-screen-cards");
    (screen.cards || []).forEach((item) => grid.append(card(item)));
    root.append(grid, bottom);
    fitters.push(() => fit(grid, more, screen.total - screen.cards.length, screen.more));
  }

  function icebergMode(screen, root) {
    root.append(header(screen, screen.count));
    if (!screen.total) {
      root.append(empty(screen.empty), footer()[0]);
      return;
    }
    const main = make("div", "nsc-screen-columns");
    (screen.columns || []).forEach((column) => {
      const col = make("div", "nsc-screen-column");
      col.append(make("div", "nsc-screen-colhead", column.heading));
      const list = make("div", "nsc-screen-list");
      column.cards.forEach((item) => list.append(card(item)));
      const more = make("div", "nsc-screen-more");
      col.append(list, more);
      main.append(col);
      fitters.push(() => fit(list, more, column.total - column.cards.length, screen.more));
    });
    root.append(main);
  }

  function barsMode(screen, root) {
    root.append(header(screen, [screen.count, screen.voters].filter(Boolean).join(" · ")));
    const [bottom, more] = footer();
    if (!(screen.bars || []).length) {
      root.append(empty(screen.empty), bottom);
      return;
    }
    const list = make("div", "nsc-screen-bars");
    screen.bars.forEach((bar) => {
      const row = make("div", "nsc-screen-bar");
      row.dataset.item = "";
      row.append(make("div", "nsc-screen-barlabel", bar.label));
      const track = make("div", "nsc-screen-track");
      const fill = make("div", "nsc-screen-fill");
      fill.style.width = `${Math.max(0, Math.min(1, bar.share)) * 100}%`;
      track.append(fill, make("span", "nsc-screen-barcount", bar.count));
      row.append(track);
      list.append(row);
    });
    root.append(list, bottom);
    fitters.push(() => fit(list, more, screen.total - screen.bars.length, screen.more || {}, true));
  }

  function decisionMode(screen, root) {
    root.append(header(screen));
    const main = make("div", "nsc-screen-decision");
    if (screen.chosen) {
      const box = make("div", "nsc-screen-chosen");
      const label = [screen.chosen_label, screen.chosen_dots].filter(Boolean).join(" · ");
      box.append(make("div", "nsc-screen-label", label), make("div", "nsc-screen-choice", screen.chosen));
      main.append(box);
      if (screen.rationale) main.append(make("div", "nsc-screen-rationale", screen.rationale));
    } else {
      main.append(make("div", "nsc-screen-choice", screen.empty));
      if ((screen.leading || []).length) {
        main.append(make("div", "nsc-screen-label", screen.leading_label));
        const list = make("ul", "nsc-screen-leading");
        screen.leading.forEach((line) => list.append(make("li", "", line)));
        main.append(list);
      }
    }
    if ((screen.supervotes || []).length) {
      main.append(make("div", "nsc-screen-label", screen.supervote_label));
      main.append(make("div", "nsc-screen-supervotes", screen.supervotes.join(" · ")));
    }
    root.append(main, footer()[0]);
    fitters.push(() => shrink(main));
  }

  function framingMode(screen, root) {
    root.append(header(screen));
    const [bottom, more] = footer();
    if (!(screen.blocks || []).length) {
      root.append(empty(screen.empty), bottom);
      return;
    }
    const main = make("div", "nsc-screen-blocks");
    screen.blocks.forEach((block) => {
      const box = make("div", "nsc-screen-block");
      box.dataset.item = "";
      box.append(make("div", "nsc-screen-label", block.heading));
      if (block.text) box.append(make("div", "nsc-screen-blocktext", block.text));
      if (block.items) {
        const list = make("ol", "nsc-screen-questions");
        block.items.forEach((line) => list.append(make("li", "", line)));
        box.append(list);
      }
      main.append(box);
    });
    root.append(main, bottom);
    fitters.push(() => fit(main, more, 0, {}));
  }

  function mapMode(screen, root) {
    root.append(header(screen, screen.count));
    const main = make("div", "nsc-screen-mapside");
    main.append(make("div", "nsc-screen-mapspace"));
    const legend = make("div", "nsc-screen-legend");
    (screen.legend || []).forEach((item) => {
      const row = make("div", "nsc-screen-key");
      row.dataset.item = "";
      const dot = make("span", "nsc-screen-dot");
      dot.style.background = item.color;
      row.append(dot, make("span", "", item.label));
      legend.append(row);
    });
    const more = make("div", "nsc-screen-more");
    const side = make("div", "nsc-screen-legendbox");
    side.append(legend, more);
    main.append(side);
    root.append(main, footer()[0]);
    fitters.push(() => fit(legend, more, screen.total - (screen.legend || []).length, screen.more || {}, true));
  }

  function joinMode(screen, root) {
    root.append(header(screen));
    if (!screen.qr) {
      root.append(empty(screen.empty), footer()[0]);
      return;
    }
    const main = make("div", "nsc-screen-join");
    const img = make("img", "nsc-screen-qr");
    img.src = screen.qr;
    img.alt = screen.qr_alt;
    const words = make("div", "nsc-screen-joinwords");
    words.append(make("div", "", screen.scan), make("div", "", screen.or));
    words.append(make("div", "nsc-screen-address", screen.address));
    words.append(make("div", "", screen.code_label), make("div", "nsc-join-code nsc-screen-code", screen.code));
    main.append(img, words);
    root.append(main);
  }

  const MODES = {
    timer: timerMode,
    notes: cardsMode,
    ideas: cardsMode,
    iceberg: icebergMode,
    idea_votes: barsMode,
    hmw_votes: barsMode,
    wickedness: barsMode,
    decision: decisionMode,
    framing: framingMode,
    map: mapMode,
    join: joinMode,
  };

  function refit() {
    fitters.forEach((f) => f());
  }

  function draw() {
    const screen = model.get("screen") || {};
    if (screen.doc_title) document.title = screen.doc_title;
    if (screen.lang) el.lang = document.documentElement.lang = screen.lang;
    const timer = screen.timer || {};
    offset = (timer.server_now || Date.now() / 1000) - Date.now() / 1000;
    el.dataset.mode = screen.mode || "";
    document.body.dataset.nscScreen = screen.mode || "";
    fitters = [];
    const root = make("div", `nsc-screen-root nsc-screen-${screen.mode || "none"}`);
    (MODES[screen.mode] || timerMode)(screen, root);
    el.replaceChildren(root);
    paintTimers();
    clearInterval(ticker);
    ticker = timer.active && timer.running ? setInterval(paintTimers, 250) : null;
    refit();
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(refit);
  }

  window.addEventListener("resize", refit);
  model.on("change:screen", draw);
  draw();
  return () => {
    clearInterval(ticker);
    window.removeEventListener("resize", refit);
  };
}

export default { render };
