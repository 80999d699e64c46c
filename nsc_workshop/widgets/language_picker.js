// Links to this same page in each language: the page's own address with `lang=` set,
// so the workshop, role, name and facilitator key of the link are kept.
// It also names the page: <html lang> and the browser tab's title.
function render({ model, el }) {
  el.classList.add("nsc-language-picker");
  const draw = () => {
    el.replaceChildren();
    const current = model.get("current");
    for (const [code, label] of model.get("languages")) {
      const item = document.createElement(code === current ? "strong" : "a");
      item.textContent = label;
      item.lang = code;
      item.className = "nsc-lang nsc-lang-" + code;
      if (code !== current) {
        const url = new URL(window.location.href);
        url.searchParams.set("lang", code);
        item.href = url.toString();
      } else {
        item.setAttribute("aria-current", "true");
      }
      el.appendChild(item);
      el.appendChild(document.createTextNode(" "));
    }
  };
  const name = () => {
    document.documentElement.lang = model.get("current");
    const title = model.get("page_title");
    if (title) document.title = title;
  };
  draw();
  name();
  model.on("change:current", () => { draw(); name(); });
  model.on("change:page_title", name);
  model.on("change:languages", draw);
}
export default { render };
