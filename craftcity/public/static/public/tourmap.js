// A tour or a planned walk on a Leaflet map: numbered stops joined in order. On the planner, a click on
// the map fills the start latitude and longitude (the form works without this).
(function () {
  const element = document.getElementById("map");
  if (!element || !window.L) return;
  const source = document.getElementById("tour-geojson");
  const data = source ? JSON.parse(source.textContent) : { type: "FeatureCollection", features: [] };
  const map = L.map(element, { scrollWheelZoom: false, maxZoom: 19 }).setView([43.238, 76.945], 13);
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { maxZoom: 19, attribution: element.dataset.tileAttribution }).addTo(map);
  } else {
    element.dataset.tiles = "none";  // no base map configured: the plain ground of components-images.css
  }
  const layer = L.geoJSON(data, {
    style: () => ({ color: "#0b5f8a", weight: 3, dashArray: "6 6" }),
    pointToLayer: (feature, latlng) => {
      const p = feature.properties;
      const icon = L.divIcon({ className: "stop-marker" + (p.exact ? "" : " approximate"), html: String(p.number), iconSize: [28, 28] });
      return L.marker(latlng, { icon: icon, title: p.name, alt: p.name });
    },
    onEachFeature: (feature, marker) => {
      const p = feature.properties;
      if (feature.geometry.type !== "Point") return;
      const box = document.createElement("div");
      const link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.number + ". " + p.name;
      box.appendChild(link);
      const times = p.begin ? " " + p.begin + "–" + p.leave : "";
      box.appendChild(document.createTextNode(times + (p.exact ? "" : " (" + element.dataset.approximate + ")")));
      marker.bindPopup(box);
    },
  }).addTo(map);
  const stops = data.features.filter((f) => f.geometry.type === "Point").length;
  if (stops) map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 16 });
  element.dataset.markers = String(stops);

  const form = document.getElementById("planner-form");
  if (!form) return;
  const lat = form.querySelector("[name=latitude]");
  const lon = form.querySelector("[name=longitude]");
  const place = form.querySelector("[name=start_place]");
  let start = null;
  if (element.dataset.start) {
    start = L.circleMarker(JSON.parse(element.dataset.start), { radius: 9, color: "#a4161a" }).addTo(map);
    start.bindTooltip(element.dataset.startLabel);
  }
  map.on("click", (event) => {
    lat.value = event.latlng.lat.toFixed(5);
    lon.value = event.latlng.lng.toFixed(5);
    if (place) place.value = "";
    if (start) start.remove();
    start = L.circleMarker(event.latlng, { radius: 8 }).addTo(map).bindTooltip(element.dataset.startLabel).openTooltip();
  });
})();
