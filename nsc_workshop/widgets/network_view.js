// The actor map, drawn as SVG in the browser. Python sends positions and styles;
// this file only draws, handles zoom/pan and reports clicks. Every name is set
// with textContent, never as HTML.
const SVG = "http://www.w3.org/2000/svg";
const W = 1000;
const H = 700;
const PAD_X = 80;
const PAD_Y = 30;

function el(name, attrs) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  return node;
}

function render({ model, el: root }) {
  root.classList.add("nsc-network-view");
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", preserveAspectRatio: "xMidYMid meet" });
  svg.style.width = "100%";
  svg.style.background = "#fff";
  svg.style.border = "1px solid #ddd";
  svg.style.cursor = "grab";
  const defs = el("defs");
  svg.appendChild(defs);
  const scene = el("g", { class: "nsc-scene" });
  const edgeLayer = el("g", { class: "nsc-edges" });
  const nodeLayer = el("g", { class: "nsc-nodes" });
  const labelLayer = el("g", { class: "nsc-labels" });
  scene.append(edgeLayer, nodeLayer, labelLayer);
  svg.appendChild(scene);
  const empty = document.createElement("div");
  empty.className = "nsc-network-empty";
  empty.style.cssText = "padding:2em;color:#555;text-align:center";
  root.append(svg, empty);

  let view = { x: 0, y: 0, k: 1 };
  function applyView() {
    scene.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
  }

  const markers = new Map();
  function marker(color) {
    if (markers.has(color)) return markers.get(color);
    const id = `nsc-arrow-${markers.size}-${Math.random().toString(36).slice(2, 8)}`;
    const m = el("marker", {
      id, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9,
      markerUnits: "userSpaceOnUse", orient: "auto-start-reverse",
    });
    m.appendChild(el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: color }));
    defs.appendChild(m);
    markers.set(color, id);
    return id;
  }

  function px(p) {
    return [PAD_X + p[0] * (W - 2 * PAD_X), PAD_Y + p[1] * (H - 2 * PAD_Y - 14)];
  }

  function draw() {
    const data = model.get("scene") || {};
    const nodes = data.nodes || [];
    const edges = data.edges || [];
    const selected = model.get("selected");
    svg.style.height = `${model.get("height")}px`;
    empty.textContent = nodes.length ? "" : model.get("empty_text");
    empty.style.display = nodes.length ? "none" : "block";
    const where = new Map();
    const radius = new Map();
    for (const n of nodes) {
      where.set(n.id, px([n.x, n.y]));
      radius.set(n.id, n.r);
    }
    edgeLayer.replaceChildren();
    nodeLayer.replaceChildren();
    labelLayer.replaceChildren();
    for (const e of edges) {
      const a = where.get(e.source);
      const b = where.get(e.target);
      if (!a || !b) continue;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len = Math.hypot(dx, dy) || 1;
      // stop at the node's rim so arrows stay visible
      const ra = radius.get(e.source) + 2;
      const rb = radius.get(e.target) + 3;
      const x1 = a[0] + (dx * ra) / len;
      const y1 = a[1] + (dy * ra) / len;
      const x2 = b[0] - (dx * rb) / len;
      const y2 = b[1] - (dy * rb) / len;
      // parallel ties bend apart
      const bend = e.bend || 0;
      const cx = (x1 + x2) / 2 - (dy / len) * bend * 40;
      const cy = (y1 + y2) / 2 + (dx / len) * bend * 40;
      const path = el("path", {
        d: `M ${x1} ${y1} Q ${cx} ${cy} ${x2} ${y2}`,
        fill: "none",
        stroke: e.color,
        "stroke-width": e.width,
        "stroke-opacity": 0.8,
        "data-tie": e.id,
        class: `nsc-tie nsc-sign-${e.sign < 0 ? "negative" : e.sign > 0 ? "positive" : "neutral"}`,
      });
      if (e.dash && e.dash.length) path.setAttribute("stroke-dasharray", e.dash.join(" "));
      if (e.directed) path.setAttribute("marker-end", `url(#${marker(e.color)})`);
      const title = el("title");
      title.textContent = e.title;
      path.appendChild(title);
      edgeLayer.appendChild(path);
    }
    for (const n of nodes) {
      const [x, y] = where.get(n.id);
      const circle = el("circle", {
        cx: x,
        cy: y,
        r: n.r,
        fill: n.color,
        stroke: n.id === selected ? "#000" : "#fff",
        "stroke-width": n.id === selected ? 3 : 1.5,
        "data-actor": n.id,
        class: "nsc-actor",
      });
      circle.style.cursor = "pointer";
      const title = el("title");
      title.textContent = n.title;
      circle.appendChild(title);
      circle.addEventListener("click", (event) => {
        event.stopPropagation();
        model.set("selected", n.id === model.get("selected") ? "" : n.id);
        model.save_changes();
      });
      nodeLayer.appendChild(circle);
      if (n.label) {
        const text = el("text", {
          x,
          y: y + n.r + 12,
          "text-anchor": "middle",
          "font-size": 11,
          "font-family": "sans-serif",
          fill: "#222",
          class: "nsc-actor-label",
          "data-actor": n.id,
        });
        text.textContent = n.label;
        text.style.pointerEvents = "none";
        labelLayer.appendChild(text);
      }
    }
    root.dataset.actors = String(nodes.length);
    root.dataset.ties = String(edges.length);
    root.dataset.version = String(data.version || 0);
  }

  // zoom with the wheel, pan by dragging the background
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    const mx = ((event.clientX - box.left) / box.width) * W;
    const my = ((event.clientY - box.top) / box.height) * H;
    const factor = event.deltaY < 0 ? 1.15 : 1 / 1.15;
    const k = Math.min(8, Math.max(0.3, view.k * factor));
    view.x = mx - ((mx - view.x) * k) / view.k;
    view.y = my - ((my - view.y) * k) / view.k;
    view.k = k;
    applyView();
  });
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    if (event.target.classList && event.target.classList.contains("nsc-actor")) return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
    svg.style.cursor = "grabbing";
  });
  window.addEventListener("pointerup", () => {
    drag = null;
    svg.style.cursor = "grab";
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const box = svg.getBoundingClientRect();
    view.x = drag.vx + ((event.clientX - drag.x) / box.width) * W;
    view.y = drag.vy + ((event.clientY - drag.y) / box.height) * H;
    applyView();
  });
  svg.addEventListener("dblclick", () => {
    view = { x: 0, y: 0, k: 1 };
    applyView();
  });
  svg.addEventListener("click", () => {
    if (model.get("selected")) {
      model.set("selected", "");
      model.save_changes();
    }
  });

  model.on("change:scene", draw);
  model.on("change:selected", draw);
  model.on("change:height", draw);
  draw();
}

export default { render };
