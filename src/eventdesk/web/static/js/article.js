/* The article page: the canonical text (untrusted) with every mention's spans. */
"use strict";

(async () => {
  const { el, clear, api } = ED;
  ED.header("article");
  const id = decodeURIComponent(location.pathname.split("/").pop());
  try {
    const v = await api("/api/articles/" + encodeURIComponent(id));
    const a = v.article;
    document.getElementById("a-title").textContent = a.title || "(untitled)";
    document.title = "eventdesk · article";
    const meta = document.getElementById("a-meta");
    meta.append(el("span", {}, a.outlet || "unknown outlet"), el("span", {}, a.published || "undated"),
      el("span", {}, "language " + a.language), a.url ? el("span", {}, ED.safeLink(a.url)) : null,
      el("a", { href: "/api/articles/" + encodeURIComponent(a.id), class: "json-link small" }, "JSON"));
    const kinds = new Set(v.highlights.map((h) => h.kind));
    document.getElementById("legend").appendChild(ED.legend(Object.keys(ED.KINDS).filter((k) => kinds.has(k))));
    document.getElementById("a-text").append(...ED.highlighted(a.text, v.highlights));
    const list = document.getElementById("a-events");
    clear(list);
    for (const eid of v.event_ids) list.appendChild(el("li", {}, el("a", { href: ED.eventHref(eid) }, "event " + eid)));
    if (!v.event_ids.length) list.appendChild(el("li", { class: "muted" }, "none"));
    document.body.dataset.ready = "1";
  } catch (err) {
    ED.showError(document.getElementById("error"), err);
  }
})();
