/* The map (Leaflet over an offline Natural Earth basemap, with clusters and an admin1
 * layer) and the timeline (plain SVG). */
"use strict";

const EDViz = (() => {
  const { el } = ED;
  /** Every map made on this page (the browser tests drive the first). */
  const views = [];
  const SVG = "http://www.w3.org/2000/svg";

  /** The zoom from which the map draws the 1:50m countries instead of 1:110m. */
  const DETAIL_ZOOM = 5;
  /** Events closer than this on screen (px) are drawn as one cluster. */
  const CLUSTER_PX = 36;

  async function topo(name) {
    const data = await (await fetch(`/static/vendor/world-atlas/${name}.json`)).json();
    return topojson.feature(data, data.objects.countries);
  }

  function basemap(countries) {
    return L.geoJSON(countries, {
      interactive: false,
      style: { color: "#9aa5b1", weight: 0.7, fillColor: "#e9edf1", fillOpacity: 1 },
    });
  }

  /** A Leaflet map over the vendored Natural Earth countries: no tiles. Zoomed in, the
   *  1:50m outlines replace the 1:110m ones; events closer than CLUSTER_PX on screen
   *  are one cluster (click it to zoom in); an overlay counts the events per admin1. */
  async function makeMap(node) {
    const map = L.map(node, { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: true })
      .setView([30, 30], 3);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · Leaflet");
    const coarse = basemap(await topo("countries-110m")).addTo(map);
    const view = { map, coarse, fine: null, features: [], layer: L.layerGroup().addTo(map), admin1: L.layerGroup() };
    L.control.layers(null, { "Events": view.layer, "Events per admin1": view.admin1 }, { collapsed: false, position: "topright" })
      .addTo(map);
    // The legend sits under the map (not over it, where it would hide points).
    view.legend = document.getElementById("map-legend");
    map.on("zoomend", () => { detail(view); drawEvents(view); });
    views.push(view);
    return view;
  }

  /** Zoomed in past DETAIL_ZOOM, the finer outlines (fetched once, on first need). */
  async function detail(view) {
    const fine = view.map.getZoom() >= DETAIL_ZOOM;
    if (fine && !view.fine) {
      view.fine = "loading";
      view.fine = basemap(await topo("countries-50m"));
    }
    if (view.fine === "loading" || !view.fine) return;
    const [on, off] = fine ? [view.fine, view.coarse] : [view.coarse, view.fine];
    if (!view.map.hasLayer(on)) { on.addTo(view.map); on.bringToBack(); }
    if (view.map.hasLayer(off)) view.map.removeLayer(off);
    view.map.getContainer().dataset.basemap = fine ? "50m" : "110m";
  }

  /** A circle as a small SVG, drawn like a marker (for the legend). */
  function dot(r, fill) {
    const size = Math.ceil(2 * r + 2);
    const root = svg("svg", { width: size, height: size, viewBox: `0 0 ${size} ${size}`, "aria-hidden": "true" });
    root.appendChild(svg("circle", { cx: size / 2, cy: size / 2, r, fill, "fill-opacity": 0.75, stroke: "#7f1d1d", "stroke-width": 1 }));
    return root;
  }

  /** The legend: the colours of the event types on the map now, the point sizes, clusters. */
  function renderLegend(legend, collection) {
    ED.clear(legend);
    const present = new Set(collection.features.map((f) => f.properties.event_type || "unknown type"));
    const order = [...Object.keys(COLOURS).filter((t) => present.has(t)), ...[...present].filter((t) => !(t in COLOURS)).sort()];
    const types = el("ul", { class: "legend-types" });
    for (const t of order) types.appendChild(el("li", { class: "legend-type", "data-type": t }, dot(5, colour(t)), " ", t));
    if (!order.length) types.appendChild(el("li", { class: "muted" }, "no events on the map"));
    const sizes = el("div", { class: "legend-sizes" }, el("span", { class: "muted" }, "Fatalities:"));
    for (const [n, label] of [[0, "0 / –"], [10, "10"], [50, "50+"]]) {
      sizes.appendChild(el("span", { class: "legend-size", "data-fatalities": n }, dot(radius(n), "#9fb3c8"), label));
    }
    const cluster = el("div", { class: "legend-cluster" }, el("span", { class: "cluster-badge" }, "3"),
      el("span", { class: "muted" }, " events close together: click to zoom in"));
    legend.append(types, sizes, cluster);
  }

  function radius(fatalities) { return 5 + Math.min(14, Math.sqrt(fatalities || 0) * 2); }

  /** Group features within CLUSTER_PX on screen of a cluster's first point, at the
   *  current zoom (greedy, in the API's order, so the same view draws the same
   *  clusters; a grid of CLUSTER_PX cells finds the candidates). */
  function clusters(map, features) {
    const zoom = map.getZoom(), grid = new Map(), out = [];
    for (const f of features) {
      const p = map.project(latLngOf(f), zoom);
      const cx = Math.floor(p.x / CLUSTER_PX), cy = Math.floor(p.y / CLUSTER_PX);
      let home = null;
      for (let dx = -1; dx <= 1 && !home; dx++) {
        for (let dy = -1; dy <= 1 && !home; dy++) {
          home = (grid.get(`${cx + dx}:${cy + dy}`) || []).find((c) => c.p.distanceTo(p) <= CLUSTER_PX) || null;
        }
      }
      if (home) { home.members.push(f); continue; }
      const seed = { p, members: [f] }, key = `${cx}:${cy}`;
      out.push(seed);
      if (!grid.has(key)) grid.set(key, []);
      grid.get(key).push(seed);
    }
    return out.map((c) => c.members);
  }

  function latLngOf(f) { const [lon, lat] = f.geometry.coordinates; return L.latLng(lat, lon); }

  function eventMarker(f) {
    const p = f.properties;
    const marker = L.circleMarker(latLngOf(f), {
      radius: radius(p.fatalities),
      color: "#7f1d1d", weight: 1, fillColor: colour(p.event_type), fillOpacity: 0.75,
      className: "event-marker",
    });
    marker.bindPopup(() => popup(p));
    return marker;
  }

  /** One marker for several events: their count; a click zooms to them, or lists them
   *  when they share one spot (no zoom can part them). */
  function clusterMarker(view, members) {
    const bounds = L.latLngBounds(members.map(latLngOf));
    const size = Math.round(24 + 6 * Math.log2(members.length));
    const label = el("span", { class: "cluster-count" }, String(members.length));
    const icon = L.divIcon({ className: "event-cluster", html: label, iconSize: [size, size] });
    const marker = L.marker(bounds.getCenter(), { icon, title: `${members.length} events`, keyboard: true });
    const together = bounds.getNorthEast().equals(bounds.getSouthWest()) || view.map.getZoom() >= view.map.getMaxZoom();
    if (together) {
      marker.bindPopup(() => el("div", { class: "popup cluster-popup" },
        el("div", { class: "popup-title" }, `${members.length} events here`),
        el("ul", {}, members.map((f) => el("li", {},
          el("a", { href: ED.eventHref(f.properties.event_id) }, f.properties.sub_event_type),
          ` · ${f.properties.event_date || "undated"}`)))));
    } else {
      marker.on("click", () => view.map.fitBounds(bounds, { padding: [40, 40], maxZoom: view.map.getMaxZoom() }));
    }
    marker.on("add", () => { marker.getElement().dataset.count = String(members.length); });
    return marker;
  }

  function drawEvents(view) {
    view.layer.clearLayers();
    for (const members of clusters(view.map, view.features)) {
      (members.length === 1 ? eventMarker(members[0]) : clusterMarker(view, members)).addTo(view.layer);
    }
  }

  /** Events per admin1 area, one labelled count at the mean position of its events. */
  function drawAdmin1(view) {
    view.admin1.clearLayers();
    const areas = new Map();
    for (const f of view.features) {
      const p = f.properties;
      const key = `${p.country || "?"}|${p.admin1 || ""}`;
      if (!areas.has(key)) areas.set(key, { name: p.admin1 || "(no admin1)", country: p.country, points: [] });
      areas.get(key).points.push(latLngOf(f));
    }
    for (const a of areas.values()) {
      const lat = a.points.reduce((s, q) => s + q.lat, 0) / a.points.length;
      const lng = a.points.reduce((s, q) => s + q.lng, 0) / a.points.length;
      const label = el("span", { class: "admin1-label" }, el("strong", {}, String(a.points.length)), " ", a.name);
      const icon = L.divIcon({ className: "admin1-count", html: label, iconSize: null });
      const marker = L.marker([lat, lng], { icon, title: `${a.name}, ${a.country || ""}: ${a.points.length} events` });
      marker.on("add", () => {
        const node = marker.getElement();
        node.dataset.admin1 = a.name; node.dataset.count = String(a.points.length);
      });
      marker.addTo(view.admin1);
    }
  }

  /** Show a FeatureCollection: clustered markers, admin1 counts, legend, and a fit. */
  function showEvents(view, collection) {
    view.features = collection.features;
    drawAdmin1(view);
    if (view.legend) renderLegend(view.legend, collection);
    const bounds = view.features.map(latLngOf);
    // No animation: the clusters drawn belong to the zoom the map ends at.
    if (bounds.length) view.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6, animate: false });
    drawEvents(view);  // fitBounds fires no zoomend when the zoom stays: draw now too
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

  const MONTH = /^(\d{4})-(\d{2})$/;
  function monthIndex(key) { const m = MONTH.exec(key); return Number(m[1]) * 12 + Number(m[2]) - 1; }
  function monthKey(i) { return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`; }
  function iso(y, m, d) { return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`; }
  /** [first day, last day] of a "YYYY-MM" key, as ISO dates. */
  function monthDays(key) {
    const [y, m] = key.split("-").map(Number);
    return [iso(y, m, 1), iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate())];
  }

  /** A real time axis: every month from the first to the last, empty ones as zero rows. */
  function fillMonths(rows) {
    if (!rows.length || !rows.every((r) => MONTH.test(r.key))) return rows;
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const first = Math.min(...rows.map((r) => monthIndex(r.key)));
    const last = Math.max(...rows.map((r) => monthIndex(r.key)));
    const out = [];
    for (let i = first; i <= last; i++) {
      const key = monthKey(i);
      out.push(byKey.get(key) || { key, label: key, events: 0, fatalities: 0 });
    }
    return out;
  }

  /** Bars of events per month from a CountTable, on a continuous time axis.
   *  Dragging across the bars (a brush) calls onBrush(since, until) with ISO dates. */
  function timeline(node, table, onBrush) {
    ED.clear(node);
    const rows = fillMonths(table.rows.filter((r) => r.key));
    if (!rows.length) { node.appendChild(el("p", { class: "muted" }, "No dated events.")); return; }
    const width = Math.max(node.clientWidth || 480, 240), height = Math.max(node.clientHeight || 0, 150);
    const pad = { l: 30, r: 8, t: 10, b: 28 };
    const max = Math.max(1, ...rows.map((r) => r.events));
    const bw = (width - pad.l - pad.r) / rows.length;
    const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", class: "timeline-svg",
      "data-months": rows.length });
    root.appendChild(svg("title", {}, `Events per month, ${rows[0].key} to ${rows[rows.length - 1].key}`));
    for (const tick of [0, max]) {
      const y = pad.t + (height - pad.t - pad.b) * (1 - tick / max);
      root.appendChild(svg("line", { x1: pad.l, x2: width - pad.r, y1: y, y2: y, class: "grid" }));
      root.appendChild(svg("text", { x: pad.l - 4, y: y + 4, "text-anchor": "end", class: "axis" }, tick));
    }
    const every = Math.ceil(rows.length / Math.max(1, Math.floor((width - pad.l) / 60)));
    rows.forEach((r, i) => {
      const h = (height - pad.t - pad.b) * (r.events / max);
      const x = pad.l + i * bw;
      const bar = svg("rect", { x: x + (bw > 3 ? 1 : 0), y: height - pad.b - h, width: Math.max(0.5, bw > 3 ? bw - 2 : bw), height: h,
        class: r.events ? "bar" : "bar empty", "data-key": r.key });
      bar.appendChild(svg("title", {}, `${r.label}: ${r.events} events, ${r.fatalities} fatalities`));
      root.appendChild(bar);
      if (i % every === 0) {
        root.appendChild(svg("line", { x1: x, x2: x, y1: height - pad.b, y2: height - pad.b + 4, class: "grid" }));
        root.appendChild(svg("text", { x, y: height - pad.b + 16, "text-anchor": "start", class: "axis" }, r.label));
      }
    });
    if (onBrush) brush(root, rows, { pad, bw, width, height }, onBrush);
    node.appendChild(root);
  }

  /** Drag across the plot to choose a run of months; the selection snaps to whole months. */
  function brush(root, rows, geo, onBrush) {
    const { pad, bw, height } = geo;
    const at = (ev) => {
      const x = ev.clientX - root.getBoundingClientRect().left;
      return Math.min(rows.length - 1, Math.max(0, Math.floor((x - pad.l) / bw)));
    };
    let from = null, startX = 0;
    const band = svg("rect", { x: 0, y: pad.t, width: 0, height: height - pad.t - pad.b, class: "brush" });
    const draw = (a, b) => {
      const lo = Math.min(a, b), hi = Math.max(a, b);
      band.setAttribute("x", pad.l + lo * bw);
      band.setAttribute("width", (hi - lo + 1) * bw);
    };
    root.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      from = at(ev); startX = ev.clientX;
      root.setPointerCapture(ev.pointerId);
      root.appendChild(band); draw(from, from);
      ev.preventDefault();
    });
    root.addEventListener("pointermove", (ev) => { if (from !== null) draw(from, at(ev)); });
    const end = (ev) => {
      if (from === null) return;
      const to = at(ev), moved = Math.abs(ev.clientX - startX);
      const lo = Math.min(from, to), hi = Math.max(from, to);
      from = null;
      if (ev.type !== "pointerup" || moved < 4) { band.remove(); return; }
      onBrush(monthDays(rows[lo].key)[0], monthDays(rows[hi].key)[1]);
    };
    root.addEventListener("pointerup", end);
    root.addEventListener("pointercancel", end);
  }

  return { makeMap, showEvents, timeline, views };
})();
