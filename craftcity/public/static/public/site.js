// The site menu and the facet panel are <details> elements and work without this file. It adds what a
// keyboard and a thumb expect: Escape closes the open menu and gives focus back to its button, a click or a
// tap outside closes it, and a panel folded on a phone opens again when the window grows to a desktop.
(function () {
  const menu = document.getElementById("site-menu");
  if (!menu) return;
  const button = menu.querySelector("summary");
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) { menu.open = false; button.focus(); }
  });
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
})();
