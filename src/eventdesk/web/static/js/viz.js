/* The map (Leaflet over an offline Natural Earth basemap) and the timeline (plain SVG). */
"use strict";

const EDViz = (() => {
  const { el } = ED;
  const SVG = "http://www.w3.org/2000/svg";

  /** A Leaflet map with the vendored 1:110m countries as its only layer: no tiles. */
  async function makeMap(node) {
    const map = L.map(node, { worldCopyJump: true, minZoom: 2, maxZoom: 12, attributionControl: true })
      .setView([30, 30], 3);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · Leaflet");
    const topo = await (await fetch("/static/vendor/world-atlas/countries-110m.json")).json();
    const countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#9aa5b1", weight: 0.7, fillColor: "#e9edf1", fillOpacity: 1 },
    }).addTo(map);
    const layer = L.layerGroup().addTo(map);
    return { map, layer };
  }

  function radius(fatalities) { return 5 + Math.min(14, Math.sqrt(fatalities || 0) * 2); }

  /** One circle marker per feature; popups are DOM nodes built with textContent. */
  function showEvents(view, collection) {
    view.layer.clearLayers();
    const bounds = [];
    for (const f of collection.features) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const marker = L.circleMarker([lat, lon], {
        radius: radius(p.fatalities),
        color: "#7f1d1d", weight: 1, fillColor: colour(p.event_type), fillOpacity: 0.75,
        className: "event-marker",
      });
      marker.bindPopup(() => popup(p));
      marker.addTo(view.layer);
      bounds.push([lat, lon]);
    }
    if (bounds.length) view.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
  }

  function popup(p) {
    return el("div", { class: "popup" },
      el("div", { class: "popup-title" }, el("a", { href: ED.eventHref(p.event_id) }, p.sub_event_type)),
      el("div", {}, `${p.event_date || "undated"} · ${p.location || ""}`),
      el("div", {}, p.actor1 || "unknown actor", p.actor2 ? ` → ${p.actor2}` : ""),
      el("div", {}, `fatalities: ${p.fatalities === null || p.fatalities === "" ? "–" : p.fatalities}`));
  }

  const COLOURS = {
    "Battles": "#dc2626",
    "Explosions/Remote violence": "#ea580c",
    "Violence against civilians": "#7c3aed",
    "Protests": "#2563eb",
    "Riots": "#0891b2",
    "Strategic developments": "#4b5563",
  };
  function colour(type) { return COLOURS[type] || "#be123c"; }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Bars of events per period from a CountTable (by month or week). */
  function timeline(node, table) {
    ED.clear(node);
    const rows = table.rows.filter((r) => r.key);
    if (!rows.length) { node.appendChild(el("p", { class: "muted" }, "No dated events.")); return; }
    const width = Math.max(node.clientWidth || 480, 240), height = Math.max(node.clientHeight || 0, 150);
    const pad = { l: 30, r: 8, t: 10, b: 28 };
    const max = Math.max(...rows.map((r) => r.events));
    const bw = (width - pad.l - pad.r) / rows.length;
    const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", class: "timeline-svg" });
    root.appendChild(svg("title", {}, "Events per period"));
    for (const tick of [0, max]) {
      const y = pad.t + (height - pad.t - pad.b) * (1 - tick / max);
      root.appendChild(svg("line", { x1: pad.l, x2: width - pad.r, y1: y, y2: y, class: "grid" }));
      root.appendChild(svg("text", { x: pad.l - 4, y: y + 4, "text-anchor": "end", class: "axis" }, tick));
    }
    const every = Math.ceil(rows.length / Math.max(1, Math.floor((width - pad.l) / 60)));
    rows.forEach((r, i) => {
      const h = (height - pad.t - pad.b) * (r.events / max);
      const x = pad.l + i * bw;
      const bar = svg("rect", { x: x + 1, y: height - pad.b - h, width: Math.max(1, bw - 2), height: h, class: "bar" });
      bar.appendChild(svg("title", {}, `${r.label}: ${r.events} events, ${r.fatalities} fatalities`));
      root.appendChild(bar);
      if (i % every === 0) {
        root.appendChild(svg("text", { x: x + bw / 2, y: height - pad.b + 16, "text-anchor": "middle", class: "axis" }, r.label));
      }
    });
    node.appendChild(root);
  }

  return { makeMap, showEvents, timeline };
})();
