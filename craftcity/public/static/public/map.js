// Places on a Leaflet map, clustered (leaflet.markercluster); both are served by the project (npm at install time).
// Without tiles (none configured, offline, or a tile server that does not answer) the markers and the list still
// work, and a notice under the map says why the background is plain.
(function () {
  const element = document.getElementById("map");
  const notice = document.getElementById("map-notice");
  const data = JSON.parse(document.getElementById("places-geojson").textContent);
  if (!element || !window.L) return;
  // maxZoom on the map itself: without a tile layer (none configured) the clusters cannot tell how far to zoom.
  const map = L.map(element, { scrollWheelZoom: false, maxZoom: 19 }).setView([43.238, 76.945], 12);

  // state: "failed" or "none"; the notice's words for it are in its data-failed / data-none (pages without a
  // notice, such as the network's, only mark the map).
  function say(state) {
    element.dataset.tiles = state;
    if (!notice) return;
    notice.textContent = notice.dataset[state];
    notice.hidden = false;
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
      if (!loaded) say("failed");
    });
    // A server that never answers raises no error: after a while without a single tile, say so too.
    setTimeout(() => { if (!loaded) say("failed"); }, 8000);
    tiles.addTo(map);
  } else {
    say("none");
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
  // Bounds from the coordinates themselves: an approximate place's circle inside a cluster group has no map to
  // measure its own bounds with, and asking it threw before the markers were counted.
  const points = data.features.map((feature) => [feature.geometry.coordinates[1], feature.geometry.coordinates[0]]);
  if (points.length) map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 15 });
  element.dataset.markers = String(data.features.length);
})();
