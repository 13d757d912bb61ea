/* The review queue: one waiting event at a time, its reasons and evidence, with
 * accept / reject / edit at hand (Authorization: Bearer <token>). A review takes
 * the event out of the queue and the next one comes up. */
"use strict";

(() => {
  const { el, clear, api } = ED;
  const PAGE = 20;
  const FIELDS = [
    ["event_type", "Event type"], ["sub_event_type", "Sub-event type"], ["status", "Status"],
    ["actor1", "Actor 1"], ["actor2", "Actor 2"], ["place_id", "Place"], ["start", "Start"],
    ["end", "End"], ["fatalities_low", "Fatalities (low)"], ["fatalities_best", "Fatalities (best)"],
    ["fatalities_high", "Fatalities (high)"],
  ];
  const state = { items: [], total: 0, at: 0 };
  // The page's own query string narrows the queue like the events page's filters.
  const filters = new URLSearchParams(location.search);
  filters.delete("limit"); filters.delete("offset");

  function current() { return state.items[state.at] || null; }

  function renderList() {
    const list = document.getElementById("q-list");
    clear(list);
    state.items.forEach((item, i) => {
      const e = item.event;
      list.appendChild(el("li", { class: i === state.at ? "current" : null, "data-event": e.id },
        el("a", { href: "#" + e.id, "data-index": i }, `${e.sub_event_type} · ${e.start || "undated"} · ${e.location || "?"}`),
        el("span", { class: "muted small" }, ` (${item.priority})`)));
    });
    if (!state.items.length) list.appendChild(el("li", { class: "muted" }, "Nothing waiting."));
  }

  async function renderCurrent() {
    const item = current(), head = document.getElementById("q-head");
    const reasons = document.getElementById("q-reasons"), mentions = document.getElementById("q-mentions");
    clear(head); clear(reasons); clear(mentions);
    const pos = document.getElementById("q-position");
    pos.textContent = item ? `${state.at + 1} of ${state.total} waiting` : "The queue is empty: every event has a review.";
    document.getElementById("q-prev").disabled = state.at === 0;
    document.getElementById("q-next").disabled = !item || state.at + 1 >= state.items.length;
    for (const b of document.querySelectorAll("#q-form button")) b.disabled = !item;
    renderList();
    if (!item) return;
    const e = item.event;
    head.append(
      el("h1", {}, el("a", { href: ED.eventHref(e.id) }, e.sub_event_type), " ", el("span", { class: "muted" }, "· " + e.event_type)),
      el("div", { class: "head-line" },
        el("span", {}, ED.fmtDate(e.start, e.end)),
        el("span", {}, [e.location, e.admin1, e.country].filter(Boolean).join(", ") || "place unknown"),
        el("span", {}, (e.actor1_name || "unknown actor") + (e.actor2_name ? " → " + e.actor2_name : "")),
        el("span", {}, "fatalities " + ED.fmtFatalities(e)),
        ED.statusBadge(e.status),
        el("span", { class: "muted small" }, `${e.source_count} source(s) · id ${e.id.slice(0, 8)}`)));
    for (const r of item.reasons) reasons.appendChild(el("li", { class: "q-reason" }, r));
    try {
      const d = await api("/api/events/" + encodeURIComponent(e.id));
      if (current() !== item) return;
      for (const m of d.mentions) {
        mentions.appendChild(el("article", { class: "mention", "data-mention": m.mention.id },
          el("div", { class: "mention-head" },
            el("strong", { class: "outlet" }, m.outlet || "unknown outlet"),
            el("span", { class: "muted" }, " · " + (m.published || "undated") + " · "),
            el("a", { href: ED.articleHref(m.article_id) }, m.title || "article text"), " ", ED.statusBadge(m.mention.status),
            el("span", { class: "muted small" }, ` · score ${m.mention.score}`)),
          el("blockquote", { class: "evidence" }, ED.highlighted(m.excerpt, m.highlights))));
      }
    } catch (err) { ED.showError(mentions, err); }
    document.body.dataset.ready = "1";
  }

  async function load() {
    try {
      const q = new URLSearchParams(filters);
      q.set("limit", String(PAGE));
      const page = await api("/api/queue?" + q.toString());
      state.items = page.items; state.total = page.total;
      state.at = Math.min(state.at, Math.max(0, state.items.length - 1));
      await renderCurrent();
    } catch (err) { ED.showError(document.getElementById("error"), err); }
  }

  async function review(action) {
    const item = current(), out = document.getElementById("q-result");
    if (!item) return;
    clear(out);
    const token = document.getElementById("q-token").value;
    sessionStorage.setItem("eventdesk-token", token);
    const body = { event_id: item.event.id, action, reason: document.getElementById("q-reason").value };
    if (action === "edit") {
      body.field = document.getElementById("q-field").value;
      body.value = document.getElementById("q-value").value || null;
    }
    try {
      const r = await api("/api/reviews", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
        body: JSON.stringify(body),
      });
      out.appendChild(el("span", { class: "ok" }, `Saved: ${r.action}${r.field ? " " + r.field : ""} by ${r.reviewer}; next event.`));
      document.getElementById("q-value").value = "";
      document.getElementById("q-reason").value = "";
      await load();  // the reviewed event has left the queue; the next one takes its place
    } catch (err) { ED.showError(out, err); }
  }

  function setup() {
    const select = document.getElementById("q-field");
    for (const [field, label] of FIELDS) select.appendChild(el("option", { value: field }, label));
    document.getElementById("q-token").value = sessionStorage.getItem("eventdesk-token") || "";
    document.getElementById("q-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const action = ev.submitter ? ev.submitter.value : "accept";
      review(action);
    });
    document.getElementById("q-prev").addEventListener("click", () => { state.at = Math.max(0, state.at - 1); renderCurrent(); });
    document.getElementById("q-next").addEventListener("click", () => { state.at = Math.min(state.items.length - 1, state.at + 1); renderCurrent(); });
    document.getElementById("q-list").addEventListener("click", (ev) => {
      const link = ev.target.closest("a[data-index]");
      if (!link) return;
      ev.preventDefault();
      state.at = Number(link.dataset.index);
      renderCurrent();
    });
  }

  ED.header("queue");
  setup();
  load();
})();
