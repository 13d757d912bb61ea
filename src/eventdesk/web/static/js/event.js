/* The event page: displayed vs machine values, every mention with its highlighted
 * evidence, the review form, and the merge log with split and link
 * (Authorization: Bearer <token>). */
"use strict";

(() => {
  const { el, clear, api } = ED;
  const eventId = decodeURIComponent(location.pathname.split("/").pop());
  const FIELDS = [
    ["event_type", "Event type"], ["sub_event_type", "Sub-event type"], ["status", "Status"],
    ["actor1", "Actor 1"], ["actor2", "Actor 2"], ["place_id", "Place"], ["start", "Start"],
    ["end", "End"], ["fatalities_low", "Fatalities (low)"], ["fatalities_best", "Fatalities (best)"],
    ["fatalities_high", "Fatalities (high)"], ["intra_group", "Intra-group"],
  ];

  function shown(e, field) {
    if (field === "actor1") return e.actor1_name;
    if (field === "actor2") return e.actor2_name;
    if (field === "place_id") {
      if (!e.location) return e.place_id;
      return `${e.location} (${e.place_id || "place not resolved"})`;
    }
    return e[field];
  }

  /** The resolved actor's name, else the words of the first actor role, marked unresolved. */
  function actorText(e) {
    if (e.actor1_name) return e.actor1_name;
    const role = e.roles.find((r) => r.role === "actor");
    return role ? `${role.text} (unresolved)` : "unknown actor";
  }

  function text(v) { return v === null || v === undefined || v === "" ? "–" : String(v); }

  function renderHead(d) {
    const e = d.event, box = document.getElementById("event-head");
    clear(box);
    document.title = `eventdesk · ${e.sub_event_type} · ${e.start || "undated"}`;
    box.append(
      el("h1", {}, e.sub_event_type, " ", el("span", { class: "muted" }, "· " + e.event_type)),
      el("div", { class: "head-line" },
        el("span", {}, ED.fmtDate(e.start, e.end)),
        el("span", {}, [e.location, e.admin1, e.country].filter(Boolean).join(", ") || "place unknown"),
        el("span", {}, actorText(e) + (e.actor2_name ? " → " + e.actor2_name : "")),
        el("span", {}, "fatalities " + ED.fmtFatalities(e)),
        ED.statusBadge(e.status), ED.reviewBadge(e.review_state),
        el("span", { class: "muted small" }, `${e.source_count} source(s) · id ${e.id} · `,
          el("a", { href: "/api/events/" + encodeURIComponent(e.id), class: "json-link" }, "JSON"))));
  }

  function renderFields(d) {
    const body = document.querySelector("#fields tbody");
    clear(body);
    for (const [field, label] of FIELDS) {
      const reviewed = d.event.reviewed_fields.includes(field);
      body.appendChild(el("tr", { class: reviewed ? "reviewed" : null, "data-field": field },
        el("th", {}, label),
        el("td", { class: "shown" }, text(shown(d.event, field)), reviewed ? el("span", { class: "badge badge-review-edited" }, "reviewed") : null),
        el("td", { class: "machine muted" }, text(d.machine[field]))));
    }
  }

  function renderReviews(d) {
    const list = document.getElementById("reviews");
    clear(list);
    if (!d.reviews.length) list.appendChild(el("li", { class: "muted" }, "No reviews yet."));
    for (const r of [...d.reviews].reverse()) {
      list.appendChild(el("li", {},
        el("strong", {}, r.reviewer), " ", r.action, r.field ? ` ${r.field}` : " event",
        r.action === "edit" ? ` → ${text(r.value)}` : "",
        el("span", { class: "muted small" }, " · " + r.created_at.replace("T", " ").slice(0, 19) + " UTC"),
        r.reason ? el("div", { class: "reason" }, r.reason) : null));
    }
  }

  function renderMentions(d) {
    const box = document.getElementById("mentions");
    clear(box);
    document.getElementById("mention-count").textContent = `${d.mentions.length} mention(s)`;
    const kinds = new Set(d.mentions.flatMap((m) => m.highlights.map((h) => h.kind)));
    const legend = document.getElementById("legend");
    clear(legend);
    legend.appendChild(ED.legend(Object.keys(ED.KINDS).filter((k) => kinds.has(k))));
    for (const m of d.mentions) {
      const mention = m.mention;
      box.appendChild(el("article", { class: "mention", "data-mention": mention.id },
        el("div", { class: "mention-head" },
          el("strong", { class: "outlet" }, m.outlet || "unknown outlet"),
          el("span", { class: "muted" }, " · " + (m.published || "undated") + " · "),
          el("a", { href: ED.articleHref(m.article_id), class: "article-link" }, m.title || "article text"),
          " ", ED.statusBadge(mention.status),
          el("span", { class: "muted small" }, ` · ${mention.extractor || "?"} ${mention.extractor_version || ""} · score ${mention.score}`),
          d.mentions.length > 1 ? el("label", { class: "small split-pick" },
            el("input", { type: "checkbox", class: "split-box", value: mention.id }), " split off") : null),
        el("blockquote", { class: "evidence" }, ED.highlighted(m.excerpt, m.highlights)),
        m.url ? el("div", { class: "small" }, "Source: ", ED.safeLink(m.url)) : null));
    }
  }

  function renderMerges(d) {
    const list = document.getElementById("merges");
    clear(list);
    if (!d.merges.length) list.appendChild(el("li", { class: "muted" }, "One mention: nothing was merged."));
    for (const m of d.merges) {
      list.appendChild(el("li", { "data-rule": m.rule },
        el("code", {}, m.left.slice(0, 8)), " + ", el("code", {}, m.right.slice(0, 8)), " ",
        el("strong", {}, m.rule), ": ", m.matched.join("; "),
        el("span", { class: "muted small" }, " · " + m.first_seen.replace("T", " ").slice(0, 19) + " UTC")));
    }
  }

  async function decide(path, body) {
    const out = document.getElementById("link-result");
    clear(out);
    const token = document.getElementById("r-token").value;
    sessionStorage.setItem("eventdesk-token", token);
    try {
      const r = await api(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
        body: JSON.stringify(body),
      });
      const next = r.event_id || r.event_ids[0];
      out.appendChild(el("span", { class: "ok" }, "Saved: now " + (r.event_ids || [r.event_id]).join(", ")));
      if (next && next !== eventId) location.assign(ED.eventHref(next));
      else await load();
    } catch (err) { ED.showError(out, err); }
  }

  function setupLinkForm() {
    const reason = () => document.getElementById("link-reason").value;
    document.getElementById("split-submit").addEventListener("click", () => {
      const picked = [...document.querySelectorAll(".split-box:checked")].map((b) => b.value);
      decide("/api/links/split", { event_id: eventId, mention_ids: picked, reason: reason() });
    });
    document.getElementById("link-submit").addEventListener("click", () => {
      const other = document.getElementById("link-other").value.trim();
      decide("/api/links/link", { event_ids: [eventId, other], reason: reason() });
    });
  }

  async function load() {
    try {
      const d = await api("/api/events/" + encodeURIComponent(eventId));
      renderHead(d); renderFields(d); renderReviews(d); renderMerges(d); renderMentions(d);
      document.body.dataset.ready = "1";
    } catch (err) {
      ED.showError(document.getElementById("error"), err);
    }
  }

  function setupForm() {
    const select = document.getElementById("r-field");
    for (const [field, label] of FIELDS) select.appendChild(el("option", { value: field }, label));
    const token = document.getElementById("r-token");
    token.value = sessionStorage.getItem("eventdesk-token") || "";
    document.getElementById("review-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const out = document.getElementById("r-result");
      clear(out);
      sessionStorage.setItem("eventdesk-token", token.value);
      const body = {
        event_id: eventId,
        action: document.getElementById("r-action").value,
        field: select.value || null,
        value: document.getElementById("r-value").value || null,
        reason: document.getElementById("r-reason").value,
      };
      try {
        const r = await api("/api/reviews", {
          method: "POST",
          headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token.value },
          body: JSON.stringify(body),
        });
        out.appendChild(el("span", { class: "ok" }, `Saved: ${r.action}${r.field ? " " + r.field : ""} by ${r.reviewer}`));
        await load();
      } catch (err) { ED.showError(out, err); }
    });
  }

  ED.header("event");
  setupForm();
  setupLinkForm();
  load();
})();
