// Places on a Leaflet map, clustered (leaflet.markercluster); both are served by the project (npm at install time).
// Without tiles (offline, or a tile server that does not answer) the markers and the list still work, and a notice
// above the map says why the background is blank.
(function () {
  const element = document.getElementById("map");
  const notice = document.getElementById("map-notice");
  const data = JSON.parse(document.getElementById("places-geojson").textContent);
  if (!element || !window.L) return;
  // maxZoom on the map itself: without a tile layer (none configured) the clusters cannot tell how far to zoom.
  const map = L.map(element, { scrollWheelZoom: false, maxZoom: 19 }).setView([43.238, 76.945], 12);

  function say(text, state) {
    if (!notice) return;
    notice.textContent = text;
    notice.hidden = false;
    element.dataset.tiles = state;
  }

  if (element.dataset.tileUrl) {
    let loaded = 0;
    let failed = 0;
    const tiles = L.tileLayer(element.dataset.tileUrl, { maxZoom: 19, attribution: element.dataset.tileAttribution });
    tiles.on("tileload", () => {
      loaded += 1;
      element.dataset.tiles = "loaded";
      if (notice) notice.hidden = true;
    });
    tiles.on("tileerror", () => {
      failed += 1;
      if (!loaded) say(notice.dataset.failed, "failed");
    });
    // A server that never answers raises no error: after a while without a single tile, say so too.
    setTimeout(() => { if (!loaded) say(notice.dataset.failed, "failed"); }, 8000);
    tiles.addTo(map);
  } else {
    say(notice.dataset.none, "none");
  }

  const clusters = L.markerClusterGroup
    ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 })
    : L.layerGroup();
  const layer = L.geoJSON(data, {
    pointToLayer: (feature, latlng) =>
      feature.properties.exact
        ? L.marker(latlng, { alt: feature.properties.name, title: feature.properties.name, keyboard: true })
        : L.circle(latlng, { radius: 700, color: "#0b5f8a", weight: 1, fillOpacity: 0.15 }),
    onEachFeature: (feature, marker) => {
      const link = document.createElement("a");
      link.href = feature.properties.url;
      link.textContent = feature.properties.name;
      const box = document.createElement("div");
      box.appendChild(link);
      box.appendChild(document.createTextNode(" — " + feature.properties.kind + (feature.properties.exact ? "" : " (" + element.dataset.approximate + ")")));
      marker.bindPopup(box);
    },
  });
  clusters.addLayer(layer);
  clusters.addTo(map);
  if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 15 });
  element.dataset.markers = String(data.features.length);
})();
