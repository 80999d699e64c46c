// An image that reports where it is clicked (x, y in 0-1) and shows stickers at given points.
function render({ model, el }) {
  el.classList.add("nsc-clickable-image");
  const frame = document.createElement("div");
  frame.style.cssText = "position:relative;display:inline-block;max-width:100%;cursor:crosshair";
  const img = document.createElement("img");
  img.style.cssText = "max-width:100%;display:block;border:1px solid #ccc";
  img.alt = "";
  const layer = document.createElement("div");
  layer.style.cssText = "position:absolute;inset:0;pointer-events:none";
  frame.append(img, layer);
  el.appendChild(frame);

  function draw() {
    const src = model.get("src");
    img.src = src || "";
    img.style.display = src ? "block" : "none";
    layer.replaceChildren();
    for (const [x, y] of model.get("points") || []) {
      const dot = document.createElement("span");
      dot.className = "nsc-sticker";
      dot.style.cssText =
        `position:absolute;left:${x * 100}%;top:${y * 100}%;width:14px;height:14px;margin:-7px 0 0 -7px;` +
        "border-radius:50%;background:#D55E00;border:2px solid #fff;box-shadow:0 0 2px #000";
      layer.appendChild(dot);
    }
    el.dataset.stickers = String((model.get("points") || []).length);
  }
  frame.addEventListener("click", (event) => {
    const box = img.getBoundingClientRect();
    if (!box.width || !box.height) return;
    const x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    const y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
    model.send({ event: "click", x, y });
  });
  model.on("change:src", draw);
  model.on("change:points", draw);
  draw();
}

export default { render };
