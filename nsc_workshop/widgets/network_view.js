// The actor map, drawn as SVG in the browser. Python sends positions, styles and each
// actor's rank (nsc_workshop/plots/labels.py: focus, influence, ties); this file draws,
// places the names by that rank where their measured boxes meet no other name (the same
// rule as the report's figure), focuses an actor on a click, zooms and pans (wheel, pinch,
// drag, buttons) and goes full screen. Every name is set with textContent, never as HTML.
const SVG = "http://www.w3.org/2000/svg";
const PAD_X = 36;
const PAD_Y = 28;
const FADE = 0.15;

// the spots tried around an actor, in order (y grows downwards here): plots/labels.py SPOTS
const SPOTS = [
  ["right", 1, 0], ["left", -1, 0], ["below", 0, 1], ["above", 0, -1],
  ["below-right", 0.7, 0.7], ["below-left", -0.7, 0.7], ["above-right", 0.7, -0.7], ["above-left", -0.7, -0.7],
];
// and around a group's region: plots/labels.py GROUP_SPOTS
const GROUP_SPOTS = [
  ["above", 0, -1], ["below", 0, 1], ["above-right", 0.7, -0.7], ["above-left", -0.7, -0.7],
  ["right", 1, 0], ["left", -1, 0], ["below-right", 0.7, 0.7], ["below-left", -0.7, 0.7],
];

// a colour reaches a style only as #rrggbb (checked here too, whatever Python sent)
const HEX = /^#[0-9a-fA-F]{6}$/;
function safeColor(value, fallback) {
  return typeof value === "string" && HEX.test(value) ? value : fallback;
}
// light fills (yellow, white from another tool) get a grey outline: on the white page a white one vanishes
function isLight(color) {
  const c = safeColor(color, "#999999");
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.75;
}
const SHAPES = new Set(["box", "round_box", "diamond", "triangle", "hexagon", "octagon", "star", "text"]);
// how far a shape reaches from its centre, in radii (names and tie ends keep clear of it)
const REACH = { diamond: 1.2, triangle: 1.25, hexagon: 1.07, octagon: 1.04, star: 1.3, box: 1.26, round_box: 1.2,
  text: 0.5 };
function polygon(x, y, radius, corners, turn, inner) {
  const pts = [];
  const count = inner ? corners * 2 : corners;
  for (let k = 0; k < count; k++) {
    const rr = inner && k % 2 ? radius * inner : radius;
    const a = turn + (2 * Math.PI * k) / count;
    pts.push(`${(x + rr * Math.cos(a)).toFixed(2)} ${(y + rr * Math.sin(a)).toFixed(2)}`);
  }
  return `M ${pts.join(" L ")} Z`;
}
// an actor drawn as another tool drew it (plots/network.py draws the same shapes): about the circle's area
function shapePath(shape, x, y, r) {
  const up = -Math.PI / 2;
  switch (shape) {
    case "box": {
      const h = r * 0.89;
      return `M ${x - h} ${y - h} H ${x + h} V ${y + h} H ${x - h} Z`;
    }
    case "round_box": {
      const h = r * 0.92;
      const c = r * 0.35;
      return `M ${x - h + c} ${y - h} H ${x + h - c} Q ${x + h} ${y - h} ${x + h} ${y - h + c} V ${y + h - c} ` +
        `Q ${x + h} ${y + h} ${x + h - c} ${y + h} H ${x - h + c} Q ${x - h} ${y + h} ${x - h} ${y + h - c} ` +
        `V ${y - h + c} Q ${x - h} ${y - h} ${x - h + c} ${y - h} Z`;
    }
    case "diamond": return polygon(x, y, r * 1.2, 4, up);
    case "triangle": return polygon(x, y + r * 0.2, r * 1.4, 3, up);
    case "hexagon": return polygon(x, y, r * 1.07, 6, 0);
    case "octagon": return polygon(x, y, r * 1.04, 8, Math.PI / 8);
    case "star": return polygon(x, y, r * 1.35, 5, up, 0.45);
    case "text": return polygon(x, y, r * 0.45, 12, 0);
    default: return polygon(x, y, r, 24, 0);
  }
}

function el(name, attrs) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  return node;
}

function overlaps(a, b, margin) {
  return Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > -margin && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > -margin;
}

function boxAt(req, dx, dy, gap) {
  const reach = req.r + gap;
  const reachY = (req.ry === undefined ? req.r : req.ry) + gap;
  const left = dx > 0 ? req.x + reach * dx : dx < 0 ? req.x + reach * dx - req.w : req.x - req.w / 2;
  const top = dy > 0 ? req.y + reachY * dy : dy < 0 ? req.y + reachY * dy - req.h : req.y - req.h / 2;
  return [left, top, left + req.w, top + req.h];
}

class Grid {
  constructor(cell) {
    this.cell = Math.max(cell, 1e-6);
    this.buckets = new Map();
  }
  *cells(box, margin) {
    const c = this.cell;
    for (let i = Math.floor((box[0] - margin) / c); i <= Math.floor((box[2] + margin) / c); i++)
      for (let j = Math.floor((box[1] - margin) / c); j <= Math.floor((box[3] + margin) / c); j++) yield `${i},${j}`;
  }
  add(box) {
    for (const key of this.cells(box, 0)) {
      if (!this.buckets.has(key)) this.buckets.set(key, []);
      this.buckets.get(key).push(box);
    }
  }
  hits(box, margin) {
    const seen = new Set();
    for (const key of this.cells(box, margin))
      for (const other of this.buckets.get(key) || []) if (!seen.has(other) && overlaps(box, other, margin)) seen.add(other);
    return seen.size;
  }
}

// plots/labels.py place_labels, for boxes measured in the browser
function placeLabels(requests, opts) {
  const placed = new Map();
  if (!requests.length) return placed;
  const { bounds, obstacles = [], taken = [], margin = 2, gap = 3, maxCovered = 0, spots = SPOTS, must = 0 } = opts;
  const keepClear = opts.keepClear || new Map(); // key -> box no later name may cover (the selected actor)
  let size = 1;
  for (const r of requests) size = Math.max(size, r.w, r.h * 3);
  const names = new Grid(size);
  for (const box of taken) names.add(box);
  const nodes = new Grid(size);
  for (const [x, y, r] of obstacles) nodes.add([x - r, y - r, x + r, y + r]);
  requests.forEach((req, rank) => {
    let best = null;
    const own = [req.x - req.r, req.y - req.r, req.x + req.r, req.y + req.r];
    const reaches = rank < must ? [gap, gap + 0.75 * req.h, gap + 1.5 * req.h] : [gap];
    for (const reach of reaches) {
      for (const [spot, dx, dy] of spots) {
        const box = boxAt(req, dx, dy, reach);
        if (bounds && (box[0] < bounds[0] || box[1] < bounds[1] || box[2] > bounds[2] || box[3] > bounds[3])) continue;
        if (names.hits(box, margin)) continue;
        const covered = obstacles.length ? nodes.hits(box, 0) - (overlaps(box, own, 0) ? 1 : 0) : 0;
        if (!best || covered < best.covered) best = { covered, spot, box };
        if (covered === 0) break;
      }
      if (best && best.covered === 0) break;
    }
    if (keepClear.has(req.key)) names.add(keepClear.get(req.key));
    if (!best || (best.covered > maxCovered && rank >= must)) return;
    placed.set(req.key, best);
    names.add(best.box);
  });
  return placed;
}

function cross(o, a, b) {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function convexHull(points) {
  const pts = points.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const lower = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper = [];
  for (const p of pts.reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

function paddedHull(points, pad) {
  const grown = [];
  for (const [x, y] of convexHull(points))
    for (let k = 0; k < 16; k++) grown.push([x + pad * Math.cos((k * Math.PI) / 8), y + pad * Math.sin((k * Math.PI) / 8)]);
  return convexHull(grown);
}

// the buttons' icons, drawn (no icon font needed)
const ICONS = {
  in: "M5 10h10M10 5v10",
  out: "M5 10h10",
  fit: "M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4M7 7h6v6H7z",
  full: "M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4",
};

function button(icon, title) {
  const b = document.createElement("button");
  b.type = "button";
  const pic = el("svg", { viewBox: "0 0 20 20", width: 18, height: 18, "aria-hidden": "true" });
  pic.appendChild(el("path", { d: ICONS[icon], fill: "none", stroke: "#222", "stroke-width": 1.8,
    "stroke-linecap": "round", "stroke-linejoin": "round" }));
  pic.style.display = "block";
  pic.style.margin = "auto";
  b.appendChild(pic);
  b.title = title || "";
  b.setAttribute("aria-label", title || icon);
  b.style.cssText =
    "width:34px;height:34px;margin:0 0 4px 0;display:block;border:1px solid #bbb;border-radius:6px;background:#fff;" +
    "font:18px/1 sans-serif;color:#222;cursor:pointer;box-shadow:0 1px 2px rgba(0,0,0,.12);padding:0";
  return b;
}

function render({ model, el: root }) {
  root.classList.add("nsc-network-view");
  root.style.position = "relative";
  root.style.width = "100%";
  root.style.background = "#fff";
  const svg = el("svg", { role: "img", class: "nsc-map-canvas" });
  svg.style.cssText =
    "display:block;width:100%;background:#fff;border:1px solid #ddd;border-radius:6px;touch-action:none;" +
    "cursor:grab;user-select:none;-webkit-user-select:none";
  const defs = el("defs");
  const hullLayer = el("g", { class: "nsc-groups" });
  const edgeLayer = el("g", { class: "nsc-edges" });
  const nodeLayer = el("g", { class: "nsc-nodes" });
  const groupLabelLayer = el("g", { class: "nsc-group-labels" });
  const labelLayer = el("g", { class: "nsc-labels" });
  const hoverLayer = el("g", { class: "nsc-hover" });
  svg.append(defs, hullLayer, edgeLayer, nodeLayer, groupLabelLayer, labelLayer, hoverLayer);
  const tools = document.createElement("div");
  tools.className = "nsc-map-tools";
  tools.style.cssText = "position:absolute;top:8px;right:8px;z-index:2";
  const texts = model.get("texts") || {};
  const zoomIn = button("in", texts.zoom_in);
  const zoomOut = button("out", texts.zoom_out);
  const reset = button("fit", texts.reset);
  const full = button("full", texts.fullscreen);
  zoomIn.classList.add("nsc-zoom-in");
  zoomOut.classList.add("nsc-zoom-out");
  reset.classList.add("nsc-zoom-reset");
  full.classList.add("nsc-fullscreen");
  tools.append(zoomIn, zoomOut, reset, full);
  const empty = document.createElement("div");
  empty.className = "nsc-network-empty";
  empty.style.cssText = "padding:2em;color:#555;text-align:center";
  root.append(tools, svg, empty);

  let W = 800;
  let H = 560;
  let view = { x: 0, y: 0, k: 1 };
  let nodes = [];
  let edges = [];
  let groups = [];
  let byId = new Map();
  let frame = 0;

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

  function setHeight() {
    if (document.fullscreenElement === root) {
      svg.style.height = "100vh";
      svg.style.minHeight = "";
    } else {
      const fill = model.get("fill");
      svg.style.height = fill || `${model.get("height")}px`;
      svg.style.minHeight = fill ? "360px" : "";
    }
  }

  function measure() {
    const box = svg.getBoundingClientRect();
    if (box.width < 10 || box.height < 10) return false;
    W = box.width;
    H = box.height;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    return true;
  }

  // where a layout position lands on screen at the current zoom: the whole map (all its actors,
  // filtered or not) fitted to the canvas, rings and clusters keeping their shape
  function base(n) {
    const data = model.get("scene") || {};
    const [x0, y0, x1, y1] = data.extent || [0, 0, 1, 1];
    const w = Math.max(x1 - x0, 1e-6);
    const h = Math.max(y1 - y0, 1e-6);
    if (data.keep_aspect) {
      // as large as the canvas allows, one scale for both axes (a wide picture fills a wide canvas)
      const k = Math.min((W - 2 * PAD_X) / (x1 - x0 > 1e-6 ? w : 1), (H - 2 * PAD_Y) / (y1 - y0 > 1e-6 ? h : 1));
      return [W / 2 + (n.x - (x0 + x1) / 2) * k, H / 2 + (n.y - (y0 + y1) / 2) * k];
    }
    const fx = x1 - x0 > 1e-6 ? (n.x - x0) / w : 0.5;
    const fy = y1 - y0 > 1e-6 ? (n.y - y0) / h : 0.5;
    return [PAD_X + fx * (W - 2 * PAD_X), PAD_Y + fy * (H - 2 * PAD_Y)];
  }
  function screen(n) {
    const [bx, by] = base(n);
    return [view.x + view.k * bx, view.y + view.k * by];
  }
  // actors grow a little when zoomed in, much less than the distances between them: room for names
  function radius(n) {
    return n.r * Math.min(1.6, Math.max(0.7, Math.pow(view.k, 0.25)));
  }

  function focusSet() {
    const selected = model.get("selected");
    if (!selected || !byId.has(selected)) return null;
    const found = new Set([selected]);
    for (const e of edges) {
      if (e.source === selected) found.add(e.target);
      if (e.target === selected) found.add(e.source);
    }
    return found;
  }

  function draw() {
    const data = model.get("scene") || {};
    nodes = data.nodes || [];
    edges = data.edges || [];
    groups = data.groups || [];
    byId = new Map(nodes.map((n) => [n.id, n]));
    setHeight();
    empty.textContent = nodes.length ? "" : model.get("empty_text");
    empty.style.display = nodes.length ? "none" : "block";
    svg.style.display = nodes.length ? "block" : "none";
    tools.style.display = nodes.length ? "block" : "none";
    for (const layer of [hullLayer, edgeLayer, nodeLayer, groupLabelLayer, labelLayer, hoverLayer]) layer.replaceChildren();
    const px = model.get("label_px") || 13;
    for (const g of groups) g.color = safeColor(g.color, "#999999");
    for (const e of edges) e.color = safeColor(e.color, "#999999");
    for (const n of nodes) n.color = safeColor(n.color, "#999999");
    for (const g of groups) {
      const path = el("path", {
        fill: g.color, "fill-opacity": 0.13, stroke: g.color, "stroke-opacity": 0.45, "stroke-width": 1,
        class: "nsc-group", "data-group": g.id,
      });
      g.path = path;
      hullLayer.appendChild(path);
      const text = el("text", {
        "font-size": Math.round(px * 1.05), "font-weight": "bold", "font-family": "sans-serif", fill: "#333",
        class: "nsc-group-label", "data-group": g.id,
      });
      text.style.paintOrder = "stroke";
      text.setAttribute("stroke", "#fff");
      text.setAttribute("stroke-width", 3);
      text.setAttribute("stroke-linejoin", "round");
      text.style.pointerEvents = "none";
      text.textContent = g.label;
      g.text = text;
      groupLabelLayer.appendChild(text);
    }
    for (const e of edges) {
      const path = el("path", {
        fill: "none", stroke: e.color, "stroke-width": e.width, "stroke-opacity": 0.8, "data-tie": e.id,
        class: `nsc-tie nsc-sign-${e.sign < 0 ? "negative" : e.sign > 0 ? "positive" : "neutral"}`,
      });
      if (e.dash && e.dash.length) path.setAttribute("stroke-dasharray", e.dash.join(" "));
      if (e.directed) path.setAttribute("marker-end", `url(#${marker(e.color)})`);
      const title = el("title");
      title.textContent = e.title;
      path.appendChild(title);
      e.path = path;
      edgeLayer.appendChild(path);
    }
    for (const n of nodes) {
      const shaped = SHAPES.has(n.shape);
      const circle = el(shaped ? "path" : "circle", { fill: n.color, "data-actor": n.id, class: "nsc-actor" });
      if (shaped) circle.dataset.shape = n.shape;
      n.light = isLight(n.color);
      circle.style.cursor = "pointer";
      const title = el("title");
      title.textContent = n.title;
      circle.appendChild(title);
      circle.addEventListener("click", (event) => {
        event.stopPropagation();
        model.set("selected", n.id === model.get("selected") ? "" : n.id);
        model.save_changes();
      });
      circle.addEventListener("pointerenter", () => showHover(n));
      circle.addEventListener("pointerleave", () => hoverLayer.replaceChildren());
      n.circle = circle;
      nodeLayer.appendChild(circle);
      const text = el("text", {
        "font-size": px, "font-family": "sans-serif", fill: "#222", class: "nsc-actor-label", "data-actor": n.id,
      });
      text.style.paintOrder = "stroke";
      text.setAttribute("stroke", "#fff");
      text.setAttribute("stroke-width", 3);
      text.setAttribute("stroke-linejoin", "round");
      text.style.pointerEvents = "none";
      text.textContent = n.label || "";
      text.setAttribute("visibility", "hidden");
      n.text = text;
      n.box = null;
      labelLayer.appendChild(text);
    }
    root.dataset.actors = String(nodes.length);
    root.dataset.ties = String(edges.length);
    root.dataset.version = String(data.version || 0);
    if (measure()) update();
  }

  function showHover(n) {
    hoverLayer.replaceChildren();
    const [x, y] = screen(n);
    const px = model.get("label_px") || 13;
    const text = el("text", { "font-size": px, "font-family": "sans-serif", "font-weight": "bold", fill: "#111",
      class: "nsc-hover-label" });
    text.textContent = (n.title || n.label).split("\n")[0];
    hoverLayer.appendChild(text);
    const bb = text.getBBox();
    let left = x + radius(n) + 6;
    if (left + bb.width + 8 > W) left = x - radius(n) - 6 - bb.width;
    const top = Math.max(2, Math.min(H - bb.height - 6, y - bb.height / 2));
    text.setAttribute("x", left - bb.x);
    text.setAttribute("y", top - bb.y);
    const back = el("rect", { x: left - 4, y: top - 2, width: bb.width + 8, height: bb.height + 4, rx: 4,
      fill: "#fff", stroke: "#888", "fill-opacity": 0.95 });
    hoverLayer.insertBefore(back, text);
  }

  function update() {
    frame = 0;
    if (!nodes.length) return;
    const focus = focusSet();
    const selected = model.get("selected");
    const where = new Map();
    for (const n of nodes) where.set(n.id, screen(n));
    for (const n of nodes) {
      const [x, y] = where.get(n.id);
      const r = radius(n);
      n.sx = x;
      n.sy = y;
      n.sr = r * (SHAPES.has(n.shape) ? REACH[n.shape] : 1);
      if (SHAPES.has(n.shape)) {
        n.circle.setAttribute("d", shapePath(n.shape, x, y, r));
      } else {
        n.circle.setAttribute("cx", x);
        n.circle.setAttribute("cy", y);
        n.circle.setAttribute("r", r);
      }
      n.circle.setAttribute("stroke", n.id === selected ? "#000" : n.light ? "#777" : "#fff");
      n.circle.setAttribute("stroke-width", n.id === selected ? 3 : 1.5);
      n.circle.setAttribute("opacity", focus && !focus.has(n.id) ? FADE : 1);
    }
    for (const e of edges) {
      const a = byId.get(e.source);
      const b = byId.get(e.target);
      if (!a || !b) continue;
      const dx = b.sx - a.sx;
      const dy = b.sy - a.sy;
      const len = Math.hypot(dx, dy) || 1;
      const ra = a.sr + 2;
      const rb = b.sr + 3;
      const x1 = a.sx + (dx * ra) / len;
      const y1 = a.sy + (dy * ra) / len;
      const x2 = b.sx - (dx * rb) / len;
      const y2 = b.sy - (dy * rb) / len;
      const bend = e.bend || 0;
      const cx = (x1 + x2) / 2 - (dy / len) * bend * 40;
      const cy = (y1 + y2) / 2 + (dx / len) * bend * 40;
      e.path.setAttribute("d", `M ${x1} ${y1} Q ${cx} ${cy} ${x2} ${y2}`);
      const near = !focus || e.source === selected || e.target === selected;
      e.path.setAttribute("opacity", near ? 1 : FADE * 0.6);
    }
    const bounds = [2, 2, W - 2, H - 2];
    const obstacles = [];
    for (const n of nodes) obstacles.push([n.sx, n.sy, n.sr]);
    // the groups' regions and names first (placed like an actor's name, around the region)
    const groupRequests = [];
    for (const g of groups) {
      const pts = g.members.map((id) => byId.get(id)).filter(Boolean);
      if (!pts.length) {
        g.path.setAttribute("d", "");
        g.text.setAttribute("visibility", "hidden");
        continue;
      }
      const pad = Math.max(...pts.map((n) => n.sr)) + 10;
      const hull = paddedHull(pts.map((n) => [n.sx, n.sy]), pad);
      g.path.setAttribute("d", `M ${hull.map((p) => `${p[0].toFixed(1)} ${p[1].toFixed(1)}`).join(" L ")} Z`);
      g.path.setAttribute("opacity", focus ? 0.4 : 1);
      const xs = hull.map((p) => p[0]);
      const ys = hull.map((p) => p[1]);
      if (!g.bb || !g.bb.width) g.bb = g.text.getBBox();
      const x0 = Math.min(...xs);
      const x1 = Math.max(...xs);
      const y0 = Math.min(...ys);
      const y1 = Math.max(...ys);
      groupRequests.push({ key: g.id, x: (x0 + x1) / 2, y: (y0 + y1) / 2, r: (x1 - x0) / 2, ry: (y1 - y0) / 2,
        w: g.bb.width, h: g.bb.height, group: g });
    }
    // the zoom buttons float over the map's corner: no name under them
    const canvas = svg.getBoundingClientRect();
    const corner = tools.getBoundingClientRect();
    const buttons = corner.width
      ? [[corner.left - canvas.left - 4, corner.top - canvas.top - 4, corner.right - canvas.left + 4,
        corner.bottom - canvas.top + 4]]
      : [];
    const groupPlaced = placeLabels(groupRequests, { bounds, obstacles, taken: buttons, spots: GROUP_SPOTS, gap: 0,
      maxCovered: 1 });
    const taken = buttons.slice();
    for (const req of groupRequests) {
      const found = groupPlaced.get(req.key);
      const text = req.group.text;
      if (!found) {
        text.setAttribute("visibility", "hidden");
        continue;
      }
      text.setAttribute("visibility", "visible");
      text.setAttribute("x", found.box[0] - req.group.bb.x);
      text.setAttribute("y", found.box[1] - req.group.bb.y);
      text.setAttribute("opacity", focus ? 0.4 : 1);
      taken.push(found.box);
    }
    // then the actors' names: the focused neighbourhood, then by rank (influence, ties)
    const order = nodes
      .filter((n) => n.label && n.sx > -50 && n.sx < W + 50 && n.sy > -50 && n.sy < H + 50)
      .sort((a, b) => (b.id === selected) - (a.id === selected)
        || (focus ? (focus.has(a.id) ? 0 : 1) - (focus.has(b.id) ? 0 : 1) : 0) || a.rank - b.rank);
    const requests = [];
    for (const n of order) {
      if (!n.box || !n.box.width) n.box = n.text.getBBox();
      if (!n.box.width) continue;
      requests.push({ key: n.id, x: n.sx, y: n.sy, r: n.sr, w: n.box.width, h: n.box.height });
    }
    const must = (focus ? focus.size : 0) + ((model.get("scene") || {}).label_must || 0);
    const keepClear = new Map();
    const chosen = byId.get(selected);
    if (chosen) keepClear.set(chosen.id, [chosen.sx - chosen.sr, chosen.sy - chosen.sr, chosen.sx + chosen.sr,
      chosen.sy + chosen.sr]);
    const placed = placeLabels(requests, { bounds, obstacles, taken, margin: 2, gap: 3, maxCovered: 0, must,
      keepClear });
    let shown = 0;
    for (const n of nodes) {
      const found = placed.get(n.id);
      if (!found) {
        n.text.setAttribute("visibility", "hidden");
        continue;
      }
      shown += 1;
      n.text.setAttribute("visibility", "visible");
      n.text.setAttribute("x", found.box[0] - n.box.x);
      n.text.setAttribute("y", found.box[1] - n.box.y);
      n.text.setAttribute("opacity", focus && !focus.has(n.id) ? FADE : 1);
    }
    root.dataset.labels = String(shown);
    root.dataset.zoom = view.k.toFixed(2);
    root.dataset.selected = selected || "";
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(update);
  }

  function zoomAt(mx, my, factor) {
    const k = Math.min(12, Math.max(0.5, view.k * factor));
    view.x = mx - ((mx - view.x) * k) / view.k;
    view.y = my - ((my - view.y) * k) / view.k;
    view.k = k;
    schedule();
  }
  function local(event) {
    const box = svg.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  }

  // the wheel zooms with Ctrl or ⌘ held (a trackpad's pinch sends that) or full screen; alone it scrolls the page
  svg.addEventListener("wheel", (event) => {
    if (!(event.ctrlKey || event.metaKey || document.fullscreenElement === root)) return;
    event.preventDefault();
    const [mx, my] = local(event);
    zoomAt(mx, my, event.deltaY < 0 ? 1.15 : 1 / 1.15);
  }, { passive: false });
  const pointers = new Map();
  let drag = null;
  let pinch = null;
  let moved = false;
  svg.addEventListener("pointerdown", (event) => {
    pointers.set(event.pointerId, local(event));
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { d: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1, k: view.k, x: view.x, y: view.y,
        m: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] };
      drag = null;
      return;
    }
    moved = false;
    if (event.target.classList && event.target.classList.contains("nsc-actor")) return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
    svg.style.cursor = "grabbing";
  });
  svg.addEventListener("pointermove", (event) => {
    if (pointers.has(event.pointerId)) pointers.set(event.pointerId, local(event));
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const k = Math.min(12, Math.max(0.5, (pinch.k * Math.hypot(a[0] - b[0], a[1] - b[1])) / pinch.d));
      view.x = pinch.m[0] - ((pinch.m[0] - pinch.x) * k) / pinch.k;
      view.y = pinch.m[1] - ((pinch.m[1] - pinch.y) * k) / pinch.k;
      view.k = k;
      moved = true;
      schedule();
      return;
    }
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) moved = true;
    view.x = drag.vx + dx;
    view.y = drag.vy + dy;
    schedule();
  });
  function release(event) {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    drag = null;
    svg.style.cursor = "grab";
  }
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);
  svg.addEventListener("pointerleave", release);
  svg.addEventListener("dblclick", (event) => {
    const [mx, my] = local(event);
    zoomAt(mx, my, 1.6);
  });
  svg.addEventListener("click", () => {
    if (moved) {
      moved = false;
      return;
    }
    if (model.get("selected")) {
      model.set("selected", "");
      model.save_changes();
    }
  });
  zoomIn.addEventListener("click", () => zoomAt(W / 2, H / 2, 1.4));
  zoomOut.addEventListener("click", () => zoomAt(W / 2, H / 2, 1 / 1.4));
  reset.addEventListener("click", () => {
    view = { x: 0, y: 0, k: 1 };
    schedule();
  });
  full.addEventListener("click", () => {
    if (document.fullscreenElement === root) document.exitFullscreen();
    else if (root.requestFullscreen) root.requestFullscreen().catch(() => {});
  });
  function onFullscreen() {
    const on = document.fullscreenElement === root;
    full.title = on ? texts.exit_fullscreen || "" : texts.fullscreen || "";
    full.setAttribute("aria-label", full.title);
    root.classList.toggle("nsc-fullscreen-on", on);
    setHeight();
    if (measure()) update();
  }
  document.addEventListener("fullscreenchange", onFullscreen);
  const resized = new ResizeObserver(() => {
    const w = W;
    const h = H;
    if (measure() && (Math.abs(w - W) > 0.5 || Math.abs(h - H) > 0.5 || !root.dataset.labels)) update();
  });
  resized.observe(svg);

  model.on("change:scene", draw);
  model.on("change:selected", schedule);
  model.on("change:height", () => {
    setHeight();
    if (measure()) update();
  });
  model.on("change:fill", () => {
    setHeight();
    if (measure()) update();
  });
  model.on("change:label_px", draw);
  draw();
  return () => {
    resized.disconnect();
    document.removeEventListener("fullscreenchange", onFullscreen);
  };
}

export default { render };
