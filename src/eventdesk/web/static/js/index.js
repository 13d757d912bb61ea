/* The events page: filters (kept in the URL), map, timeline, table, share statistic, exports. */
"use strict";

(() => {
  const { el, clear, api } = ED;
  const form = document.getElementById("filters");
  const PAGE = 50;
  const state = { offset: 0, sort: "-date" };
  let mapView = null;

  function params() {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) p.append(k, String(v).trim());
    return p;
  }

  function fillForm(search) {
    for (const [k, v] of search.entries()) {
      const field = form.elements.namedItem(k);
      if (!field) continue;
      if (field instanceof RadioNodeList || (field.type === "checkbox")) {
        const boxes = field instanceof RadioNodeList ? [...field] : [field];
        for (const b of boxes) if (b.value === v) b.checked = true;
      } else {
        field.value = v;
      }
    }
    state.offset = Number(search.get("offset") || 0);
    state.sort = search.get("sort") || "-date";
    document.getElementById("sort").value = state.sort;
  }

  function options(select, values, label) {
    for (const v of values) select.appendChild(el("option", { value: v }, label ? label(v) : v));
  }

  // One control per declared filter field (GET /api/filters), filled from the facets.
  function control(f, facets) {
    const id = "f-" + f.name;
    const values = f.facet === "actors" ? [] : (facets[f.facet] || []);
    if (f.widget === "select") {
      const select = el("select", { name: f.name, id });
      if (f.choices.length) options(select, f.choices);
      else { select.appendChild(el("option", { value: "" }, "any")); options(select, values); }
      return el("label", {}, f.label + " ", select);
    }
    if (f.widget === "checks") {
      const box = el("fieldset", { id }, el("legend", {}, f.label));
      for (const v of values) {
        box.appendChild(el("label", { class: "check" },
          el("input", { type: "checkbox", name: f.name, value: v, checked: v === "asserted" || v === "reported" }), " ", v));
      }
      return box;
    }
    if (f.widget === "check") {
      return el("label", { class: "check" }, el("input", { type: "checkbox", name: f.name, id, value: "true" }), " " + f.label);
    }
    const attrs = { name: f.name, id, placeholder: f.placeholder };
    if (f.widget === "date") attrs.type = "date";
    if (f.widget === "number") attrs.inputmode = "decimal";
    if (f.facet === "actors") attrs.list = "actor-list";
    return el("label", {}, f.label + " ", el("input", attrs));
  }

  async function setupFacets() {
    const [fields, f] = await Promise.all([api("/api/filters"), api("/api/facets")]);
    const box = document.getElementById("filter-fields");
    const groups = {};
    for (const field of fields) {
      if (!field.widget) continue;
      const node = control(field, f);
      if (!field.group) { box.appendChild(node); continue; }
      if (!groups[field.group]) {
        groups[field.group] = el("fieldset", {}, el("legend", {}, field.group));
        box.appendChild(groups[field.group]);
      }
      groups[field.group].appendChild(node);
    }
    for (const set of Object.values(groups)) set.className = "row" + (set.children.length - 1);
    const list = el("datalist", { id: "actor-list" });
    for (const a of f.actors) list.appendChild(el("option", { value: a.name }));
    box.appendChild(list);
    options(document.getElementById("share-target"), f.target_types);
  }

  async function refresh(push) {
    const p = params();
    if (push) {
      const url = new URLSearchParams(p);
      if (state.offset) url.set("offset", state.offset);
      if (state.sort !== "-date") url.set("sort", state.sort);
      history.replaceState(null, "", "?" + url.toString());
    }
    const errorBox = document.getElementById("error");
    clear(errorBox);
    const list = new URLSearchParams(p);
    list.set("limit", PAGE); list.set("offset", state.offset); list.set("sort", state.sort);
    try {
      const [page, geo, months] = await Promise.all([
        api("/api/events?" + list),
        api("/api/export.geojson?" + p),
        api("/api/stats/counts?by=month&" + p),
      ]);
      renderTable(page);
      renderSummary(page, geo);
      renderExports(p);
      if (mapView) EDViz.showEvents(mapView, geo);
      EDViz.timeline(document.getElementById("timeline"), months, brushed);
    } catch (err) {
      ED.showError(errorBox, err);
    }
  }

  // A brush on the timeline sets the period and re-queries, like Apply.
  function brushed(since, until) {
    form.elements.namedItem("since").value = since;
    form.elements.namedItem("until").value = until;
    state.offset = 0;
    refresh(true);
  }

  function renderSummary(page, geo) {
    const box = document.getElementById("summary");
    clear(box);
    const onMap = geo.features.length;
    box.append(el("strong", {}, String(page.total)), ` events match`,
      el("span", { class: "muted" }, ` · ${onMap} on the map` + (page.total > onMap ? `, ${page.total - onMap} without coordinates` : "")));
  }

  function renderExports(p) {
    const box = document.getElementById("exports");
    clear(box);
    box.appendChild(el("a", { href: `/api/events?${p}`, class: "export" }, "JSON"));
    box.append(" Export: ");
    for (const fmt of ["csv", "geojson", "jsonl", "parquet"]) {
      box.appendChild(el("a", { href: `/api/export.${fmt}?${p}`, class: "export", download: `events.${fmt}` }, fmt.toUpperCase()));
    }
  }

  function renderTable(page) {
    const body = document.querySelector("#events tbody");
    clear(body);
    if (!page.events.length) {
      body.appendChild(el("tr", {}, el("td", { colspan: 9, class: "empty" }, "No events match these filters.")));
    }
    for (const e of page.events) {
      const target = e.actor2_name || e.target_kinds.join(", ");
      body.appendChild(el("tr", { class: "event-row " + (e.review_state === "rejected" ? "rejected" : ""), "data-id": e.id },
        el("td", { class: "nowrap" }, el("a", { href: ED.eventHref(e.id), class: "event-link" }, ED.fmtDate(e.start, e.end))),
        el("td", {}, el("div", { class: "type" }, e.sub_event_type), el("div", { class: "muted small" }, e.event_type)),
        el("td", {}, e.actor1_name || firstRole(e, "actor") || "–"),
        el("td", {}, target || "–"),
        el("td", {}, e.location || "–", e.country ? el("div", { class: "muted small" }, [e.admin1, e.country].filter(Boolean).join(", ")) : null),
        el("td", { class: "num" }, ED.fmtFatalities(e)),
        el("td", {}, ED.statusBadge(e.status)),
        el("td", { title: e.outlets.join("\n") }, String(e.source_count), el("div", { class: "muted small clip" }, e.outlets.join(", "))),
        el("td", {}, ED.reviewBadge(e.review_state))));
    }
    const info = document.getElementById("page-info");
    const last = Math.min(page.total, page.offset + page.events.length);
    info.textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "0 of 0";
    document.getElementById("prev").disabled = page.offset === 0;
    document.getElementById("next").disabled = last >= page.total;
  }

  function firstRole(e, role) {
    const r = e.roles.find((x) => x.role === role);
    return r ? r.text : null;
  }

  async function runShare() {
    const out = document.getElementById("share-out");
    clear(out);
    const p = params();
    const target = document.getElementById("share-target").value;
    if (!p.get("actor")) { out.appendChild(el("p", { class: "error" }, "Choose an actor in the filters first.")); return; }
    p.set("share_target", target);
    try {
      const s = await api("/api/stats/share?" + p);
      const pct = (x) => (x === null ? "–" : (100 * x).toFixed(1) + "%");
      out.append(
        el("div", { class: "share-big" }, pct(s.share)),
        el("div", {}, `${s.numerator} of ${s.denominator} events by ${s.actor} hit ${s.target_type}`),
        el("div", { class: "muted small" }, `${Math.round(s.confidence * 100)}% CI ${pct(s.low)} – ${pct(s.high)} (Wilson score interval)`));
    } catch (err) { ED.showError(out, err); }
  }

  // On a narrow screen the filter panel starts collapsed above the content.
  function setupToggle() {
    const panel = document.getElementById("filter-panel");
    const toggle = document.getElementById("filters-toggle");
    const show = (open) => {
      panel.classList.toggle("collapsed", !open);
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? "Filters ▴" : "Filters ▾";
    };
    show(!window.matchMedia("(max-width: 900px)").matches);
    toggle.addEventListener("click", () => show(panel.classList.contains("collapsed")));
  }

  async function main() {
    ED.header("events");
    try { await setupFacets(); } catch (err) { ED.showError(document.getElementById("error"), err); }
    const search = new URLSearchParams(location.search);
    if ([...search.keys()].includes("status")) {
      for (const box of form.querySelectorAll("input[name=status]")) box.checked = false;
    }
    fillForm(search);
    form.addEventListener("submit", (ev) => { ev.preventDefault(); state.offset = 0; refresh(true); });
    document.getElementById("reset").addEventListener("click", () => { location.search = ""; });
    document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refresh(true); });
    document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; refresh(true); });
    document.getElementById("sort").addEventListener("change", (ev) => { state.sort = ev.target.value; state.offset = 0; refresh(true); });
    document.getElementById("share-run").addEventListener("click", runShare);
    setupToggle();
    try { mapView = await EDViz.makeMap(document.getElementById("map")); } catch (err) { ED.showError(document.getElementById("error"), err); }
    await refresh(false);
    document.body.dataset.ready = "1";
  }

  main();
})();
