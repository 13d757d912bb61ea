/* The unlinked page: the mentions and articles that belong to no event, with why. */
"use strict";

(() => {
  const { el, clear, api } = ED;
  const PAGE = 50;
  let offset = 0;

  function empty(body, cols, text) {
    body.appendChild(el("tr", {}, el("td", { class: "empty", colspan: cols }, text)));
  }

  function articleLink(id, title) {
    return el("a", { href: ED.articleHref(id), class: "article-link" }, title || id.slice(0, 8));
  }

  function render(u) {
    const mentions = document.querySelector("#u-mentions tbody");
    const articles = document.querySelector("#u-articles tbody");
    clear(mentions); clear(articles);
    document.getElementById("u-mention-count").textContent = `${u.mentions_total} in all`;
    document.getElementById("u-article-count").textContent = `${u.articles_total} in all`;
    for (const m of u.mentions) {
      mentions.appendChild(el("tr", { "data-mention": m.id },
        el("td", {}, articleLink(m.article_id, m.title), el("div", { class: "muted small" }, m.outlet || "")),
        el("td", {}, m.sub_event_type),
        el("td", {}, ED.statusBadge(m.status)),
        el("td", {}, m.sentence),
        el("td", { class: "muted" }, m.reason)));
    }
    if (!u.mentions.length) empty(mentions, 5, "Every mention belongs to an event.");
    for (const a of u.articles) {
      articles.appendChild(el("tr", { "data-article": a.id },
        el("td", {}, articleLink(a.id, a.title || a.source)),
        el("td", {}, a.outlet || "–"),
        el("td", { class: "nowrap" }, a.published || "undated"),
        el("td", { class: "num" }, a.mentions),
        el("td", { class: "muted" }, a.reason)));
    }
    if (!u.articles.length) empty(articles, 5, "Every article has an event.");
    const most = Math.max(u.articles_total, u.mentions_total);
    document.getElementById("u-page").textContent = most ? `${offset + 1}–${Math.min(offset + PAGE, most)} of ${most}` : "";
    document.getElementById("u-prev").disabled = offset === 0;
    document.getElementById("u-next").disabled = offset + PAGE >= most;
  }

  async function load() {
    try {
      render(await api(`/api/unlinked?limit=${PAGE}&offset=${offset}`));
      document.body.dataset.ready = "1";
    } catch (err) { ED.showError(document.getElementById("error"), err); }
  }

  document.getElementById("u-prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); load(); });
  document.getElementById("u-next").addEventListener("click", () => { offset += PAGE; load(); });
  ED.header("unlinked");
  load();
})();
