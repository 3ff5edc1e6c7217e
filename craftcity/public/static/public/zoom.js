/* Deep zoom on a work's images (OpenSeadragon over our IIIF image service). Without JavaScript, or until the
   visitor asks for it, the page shows the plain responsive image: the viewer's script is fetched only on demand. */
(function () {
  "use strict";
  var labels = document.getElementById("zoom-labels");
  if (!labels) return;
  var loading = null;

  function loadViewer() {
    if (window.OpenSeadragon) return Promise.resolve(window.OpenSeadragon);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = labels.dataset.script;
      script.onload = function () { resolve(window.OpenSeadragon); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  function button(text) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    return b;
  }

  document.querySelectorAll("figure[data-zoom-info]").forEach(function (figure, index) {
    var open = button(labels.dataset.open);
    open.className = "zoom-open";
    figure.appendChild(open);
    var viewer = null;
    var box = null;
    var help = null;
    var close = null;

    function shut() {
      if (viewer) viewer.destroy();
      viewer = null;
      [box, help, close].forEach(function (node) { if (node) node.remove(); });
      figure.querySelector(".picture").hidden = false;
      open.hidden = false;
      open.focus();
    }

    open.addEventListener("click", function () {
      open.disabled = true;
      loadViewer().then(function (OSD) {
        box = document.createElement("div");
        box.className = "zoom-viewer";
        box.id = "zoom-viewer-" + index;
        box.setAttribute("role", "application");
        box.setAttribute("aria-label", labels.dataset.help);
        help = document.createElement("p");
        help.className = "zoom-help";
        help.textContent = labels.dataset.help;
        close = button(labels.dataset.close);
        close.className = "zoom-close";
        close.addEventListener("click", shut);
        figure.querySelector(".picture").hidden = true;
        open.hidden = true;
        open.disabled = false;
        figure.insertBefore(close, figure.firstChild);
        figure.insertBefore(help, close.nextSibling);
        figure.insertBefore(box, help.nextSibling);
        viewer = OSD({
          element: box,
          prefixUrl: labels.dataset.images,
          tileSources: [figure.dataset.zoomInfo],
          showNavigator: false,
          gestureSettingsTouch: { pinchRotate: false },
          visibilityRatio: 1,
          crossOriginPolicy: "Anonymous"
        });
        viewer.addHandler("open", function () { box.dataset.state = "open"; });
        viewer.addHandler("open-failed", function () { box.dataset.state = "failed"; help.textContent = labels.dataset.failed; });
        viewer.addHandler("tile-loaded", function () { box.dataset.tiles = String(Number(box.dataset.tiles || 0) + 1); });
        /* The state on the element, for assistive tools and tests: how far in, how many pictures loaded. */
        viewer.addHandler("zoom", function (event) { box.dataset.zoom = event.zoom.toFixed(3); });
        /* The canvas takes keyboard focus so arrows, + / − and 0 work at once; Escape closes. */
        box.addEventListener("keydown", function (event) { if (event.key === "Escape") shut(); });
        var canvas = box.querySelector(".openseadragon-canvas");
        if (canvas) canvas.focus();
      }).catch(function () {
        open.disabled = false;
        open.hidden = true;
        var failed = document.createElement("p");
        failed.className = "zoom-help";
        failed.textContent = labels.dataset.failed;
        figure.appendChild(failed);
      });
    });
  });
})();
