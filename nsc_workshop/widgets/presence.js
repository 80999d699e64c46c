// Tells the kernel the page is still open, and lets Voilà shut the kernel down when the page closes.
//
// Voilà sends its shutdown request on `beforeunload` with the `_xsrf` cookie's value, but its
// page never sets that cookie, so the request is refused and the kernel of a closed page runs
// on. A random `_xsrf` cookie set here (the usual double-submit pattern: another site can
// neither read nor set it) makes the request pass the server's check.
function ensureXsrfCookie() {
  if (/\b_xsrf=/.test(document.cookie)) return;
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  document.cookie = `_xsrf=${token}; path=/; SameSite=Strict`;
}

function render({ model, el }) {
  el.classList.add("nsc-presence");
  el.style.display = "none";
  ensureXsrfCookie();
  const ping = () => model.send({ alive: true, visible: document.visibilityState === "visible" });
  const ticker = setInterval(ping, model.get("every_ms") || 10000);
  const onVisible = () => { if (document.visibilityState === "visible") ping(); };
  document.addEventListener("visibilitychange", onVisible);
  ping();
  return () => { clearInterval(ticker); document.removeEventListener("visibilitychange", onVisible); };
}

export default { render };
