// A countdown for a workshop step: start, pause, reset; it runs in the browser.
function fmt(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

function render({ model, el }) {
  el.classList.add("nsc-countdown");
  // its own box, apart from any label beside it ("Suggested: 20 min" then "20:00", never "20 min20:00")
  el.style.cssText = "display:inline-flex;align-items:center;gap:.6em;margin:0 .8em;font-family:inherit";
  const face = document.createElement("span");
  face.style.cssText = "font-size:1.4em;font-variant-numeric:tabular-nums;min-width:4ch";
  const start = document.createElement("button");
  const reset = document.createElement("button");
  for (const b of [start, reset]) b.className = "jupyter-button";
  reset.textContent = model.get("reset_label");
  el.append(face, start, reset);
  let left = model.get("seconds");
  let since = null;
  let ticker = null;

  function remaining() {
    return since === null ? left : left - (Date.now() - since) / 1000;
  }
  function paint() {
    const r = remaining();
    face.textContent = fmt(r);
    face.style.color = r <= 0 ? "#b2182b" : r <= 60 ? "#b35806" : "inherit";
    start.textContent = since === null ? model.get("start_label") : model.get("pause_label");
    el.dataset.running = since === null ? "no" : "yes";
  }
  start.addEventListener("click", () => {
    if (since === null) {
      since = Date.now();
      ticker = setInterval(paint, 250);
    } else {
      left = remaining();
      since = null;
      clearInterval(ticker);
    }
    paint();
  });
  reset.addEventListener("click", () => {
    since = null;
    clearInterval(ticker);
    left = model.get("seconds");
    paint();
  });
  model.on("change:seconds", () => {
    if (since === null) left = model.get("seconds");
    paint();
  });
  paint();
  return () => clearInterval(ticker);
}

export default { render };
