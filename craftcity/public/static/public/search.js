// Instant suggestions for the search box: an ARIA combobox; the form works without it.
(function () {
  const input = document.getElementById("search-q");
  const list = document.getElementById("search-suggestions");
  if (!input || !list || !window.fetch) return;
  let timer = null, active = -1, controller = null;

  function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
  function highlight(index) {
    const items = list.querySelectorAll("[role=option]");
    items.forEach((item, i) => item.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (items[index]) input.setAttribute("aria-activedescendant", items[index].id);
  }
  function render(results) {
    list.replaceChildren();
    results.forEach((hit, i) => {
      const li = document.createElement("li");
      li.id = "suggestion-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
      const a = document.createElement("a"); a.href = hit.url; a.textContent = hit.title; a.tabIndex = -1;
      // A title not yet translated is read in its own language by screen readers, as on the pages.
      if (hit.lang && hit.lang !== document.documentElement.lang) { a.lang = hit.lang; a.className = "fallback"; }
      li.appendChild(a);
      if (hit.subtitle) { const s = document.createElement("span"); s.className = "muted"; s.textContent = " — " + hit.subtitle; li.appendChild(s); }
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
  }
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { close(); return; }
    timer = setTimeout(() => {
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { signal: controller.signal })
        .then((r) => r.json()).then((data) => render(data.results)).catch(() => {});
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    const items = list.querySelectorAll("[role=option]");
    if (list.hidden || !items.length) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + items.length) % items.length); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); window.location = items[active].querySelector("a").href; }
    else if (event.key === "Escape") { close(); }
  });
  input.addEventListener("blur", () => setTimeout(close, 200));
})();
