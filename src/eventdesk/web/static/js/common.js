/* eventdesk web UI: shared helpers.
 *
 * Article text, outlet names and titles are UNTRUSTED. Every piece of data
 * reaches the page through textContent or setAttribute on a fixed attribute
 * name; nothing here ever assigns innerHTML, and the server's
 * Content-Security-Policy (script-src 'self') blocks inline script anyway.
 */
"use strict";

const ED = (() => {
  /** Build an element: el("td", {class: "num", title: "x"}, child, "text", ...). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) throw new Error("no inline handlers");
      node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) append(node, child);
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach((c) => append(node, c)); return; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /** GET or POST JSON; throws an Error carrying the API's error shape. */
  async function api(path, options) {
    const response = await fetch(path, options);
    const body = await response.json().catch(() => ({ ok: false, error: response.statusText }));
    if (!response.ok) {
      const err = new Error(body.error || `HTTP ${response.status}`);
      err.status = response.status;
      err.code = body.code;
      throw err;
    }
    return body;
  }

  /** Internal links are built from ids only, never from article data. */
  const eventHref = (id) => "/events/" + encodeURIComponent(id);
  const articleHref = (id) => "/articles/" + encodeURIComponent(id);

  /** An outside link only for http(s) URLs; anything else (javascript:, data:) is text. */
  function safeLink(url, text) {
    try {
      const parsed = new URL(url, window.location.origin);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") {
        return el("a", { href: parsed.href, rel: "noopener noreferrer nofollow", target: "_blank" }, text || parsed.href);
      }
    } catch (_) { /* not a URL: fall through */ }
    return el("span", { class: "muted" }, text || String(url));
  }

  const KINDS = {
    trigger: "what happened",
    actor: "actor",
    side: "side",
    target: "target / victim",
    place: "place",
    time: "time",
    weapon: "weapon",
    casualties: "casualties",
    status_cue: "status cue",
    attribution: "according to",
  };

  /** Text with highlights, split into flat segments so overlaps stay readable.
   *  Each segment gets the class of its shortest covering highlight and a
   *  tooltip naming every highlight that covers it. */
  function highlighted(text, highlights) {
    const cuts = new Set([0, text.length]);
    for (const h of highlights) { cuts.add(clamp(h.start, text)); cuts.add(clamp(h.end, text)); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      if (a === b) continue;
      const piece = text.slice(a, b);
      const covering = highlights.filter((h) => h.start <= a && h.end >= b);
      if (!covering.length) { out.push(document.createTextNode(piece)); continue; }
      covering.sort((x, y) => (x.end - x.start) - (y.end - y.start));
      const title = covering.map((h) => KINDS[h.kind] + (h.label ? ": " + h.label : "")).join("\n");
      out.push(el("mark", { class: "hl hl-" + covering[0].kind, title, "data-kind": covering[0].kind }, piece));
    }
    return out;
  }

  function clamp(n, text) { return Math.max(0, Math.min(text.length, n)); }

  function legend(kinds) {
    return el("div", { class: "legend", "aria-label": "legend" },
      el("span", { class: "legend-title" }, "Legend"),
      (kinds || Object.keys(KINDS)).map((k) => el("mark", { class: "hl hl-" + k }, KINDS[k])));
  }

  function fmtDate(start, end) {
    if (!start) return "undated";
    return end && end !== start ? `${start} – ${end}` : start;
  }

  function fmtFatalities(e) {
    const { fatalities_low: lo, fatalities_best: best, fatalities_high: hi } = e;
    if (best === null || best === undefined) return "–";
    return lo !== null && hi !== null && (lo !== best || hi !== best) ? `${best} (${lo}–${hi})` : String(best);
  }

  function badge(text, kind) { return el("span", { class: "badge badge-" + kind }, text); }

  function statusBadge(status) { return badge(status, "status-" + status); }

  function reviewBadge(state) {
    return state && state !== "unreviewed" ? badge(state, "review-" + state) : null;
  }

  function header(active) {
    const nav = el("header", { class: "topbar" },
      el("a", { class: "brand", href: "/" }, el("span", { class: "brand-mark" }, "◉"), " eventdesk"),
      el("nav", {},
        el("a", { href: "/", class: active === "events" ? "active" : null }, "Events"),
        el("a", { href: "/queue", class: active === "queue" ? "active" : null }, "Review queue"),
        el("a", { href: "/unlinked", class: active === "unlinked" ? "active" : null }, "Unlinked"),
        el("a", { href: "/openapi.json" }, "API schema"),
      ));
    document.body.prepend(nav);
  }

  function showError(where, err) {
    clear(where);
    where.appendChild(el("div", { class: "error", role: "alert" },
      el("strong", {}, err.code ? `${err.code} ` : "Error "), err.message));
  }

  return { el, clear, api, eventHref, articleHref, safeLink, highlighted, legend, KINDS,
    fmtDate, fmtFatalities, badge, statusBadge, reviewBadge, header, showError };
})();
