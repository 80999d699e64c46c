// The sprint's shared countdown: Python sends when it started and what was left; the browser counts.
function fmt(seconds) {
  const s = Math.abs(Math.round(seconds));
  const text = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return seconds < 0 ? `+${text}` : text;
}

function render({ model, el }) {
  el.classList.add("nsc-shared-timer");
  el.style.cssText = "display:flex;align-items:baseline;gap:.8em;font-family:sans-serif";
  const face = document.createElement("span");
  face.className = "nsc-timer-face";
  face.style.cssText = "font-size:2.2em;font-variant-numeric:tabular-nums;font-weight:bold";
  const label = document.createElement("span");
  label.className = "nsc-timer-item";
  label.style.cssText = "font-size:1.1em;color:#333";
  el.append(face, label);
  let offset = 0;
  let ticker = null;

  function left() {
    const state = model.get("state") || {};
    if (state.started_at === null || state.started_at === undefined) return state.remaining_s || 0;
    const now = Date.now() / 1000 + offset;
    return (state.remaining_s || 0) - (now - state.started_at);
  }
  function paint() {
    const state = model.get("state") || {};
    const r = left();
    face.textContent = fmt(r);
    face.style.color = r < 0 ? "#b2182b" : r <= 60 ? "#b35806" : "#222";
    label.textContent = state.item_title || "";
    el.dataset.running = state.started_at ? "yes" : "no";
  }
  function sync() {
    const state = model.get("state") || {};
    offset = (state.server_now || Date.now() / 1000) - Date.now() / 1000;
    clearInterval(ticker);
    if (state.started_at) ticker = setInterval(paint, 250);
    paint();
  }
  model.on("change:state", sync);
  sync();
  return () => clearInterval(ticker);
}

export default { render };
