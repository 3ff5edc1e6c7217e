// Places on a Leaflet map. Leaflet is served by the project (npm at install time).
(function () {
  const element = document.getElementById("map");
  const data = JSON.parse(document.getElementById("places-geojson").textContent);
  if (!element || !window.L) return;
  const map = L.map(element, { scrollWheelZoom: false }).setView([43.238, 76.945], 12);
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { maxZoom: 19, attribution: element.dataset.tileAttribution }).addTo(map);
  }
  const layer = L.geoJSON(data, {
    pointToLayer: (feature, latlng) =>
      feature.properties.exact
        ? L.marker(latlng, { alt: feature.properties.name, title: feature.properties.name })
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
  }).addTo(map);
  if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 15 });
  element.dataset.markers = String(data.features.length);
})();
