"""An updated article at a URL already stored is a later version of the same
source: the store records it (articles.version_of), and relinking counts the
page once. Schema 1 databases gain the columns when opened."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from eventdesk.pipeline import relink
from eventdesk.records import Article, CasualtyCount, Mention, Role, Span, TimeRange
from eventdesk.store import SCHEMA_VERSION, SQLiteStore, open_store

URL = "https://sahel-wire.example/2026/05/gao-market-blast"
FIRST = "A car bomb went off at the main market in Gao on Tuesday, officials said."
UPDATE = "A car bomb went off at the main market in Gao on Tuesday, killing seven people, officials said."
OTHER = "Seven people died when a car bomb exploded in a Gao market, police told Radio Niger."


SCHEMA_1_ARTICLES = """
PRAGMA legacy_alter_table=ON;
ALTER TABLE articles RENAME TO articles_2;
CREATE TABLE articles (
    id        TEXT PRIMARY KEY,
    url       TEXT,
    outlet    TEXT,
    published TEXT,
    language  TEXT NOT NULL,
    title     TEXT,
    text      TEXT NOT NULL,
    raw_hash  TEXT NOT NULL,
    source    TEXT,
    extracted INTEGER NOT NULL DEFAULT 0,
    seq       INTEGER NOT NULL
);
INSERT INTO articles SELECT id, url, outlet, published, language, title, text, raw_hash, source, extracted, seq
    FROM articles_2;
DROP TABLE articles_2;
CREATE INDEX articles_raw_hash ON articles(raw_hash);
CREATE INDEX articles_seq ON articles(seq);
UPDATE meta SET value='1' WHERE key='schema_version';
"""


def _article(text: str, url: str | None, outlet: str = "Sahel Wire") -> Article:
    aid = Article.make_id(text)
    return Article(id=aid, url=url, outlet=outlet, text=text, raw_hash=aid, language="en", source=f"{aid}.txt")


def _span(article: Article, sub: str) -> Span:
    start = article.text.index(sub)
    return Span(article_id=article.id, start=start, end=start + len(sub), text=sub)


def _bombing(article: Article) -> Mention:
    trig = _span(article, "bomb")
    day = dt.date(2026, 5, 12)
    killed = ()
    if "even" in article.text:
        killed = (CasualtyCount(kind="killed", low=7, best=7, high=7, span=_span(article, "even")),)
    return Mention(
        id=Mention.make_id(article.id, trig, "Remote explosive/landmine/IED"),
        article_id=article.id,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        trigger=trig,
        sentence=_span(article, article.text),
        roles=(Role(role="place", span=_span(article, "Gao"), resolved_id="2457163"),),
        casualties=killed,
        time=TimeRange(span=None, start=day, end=day, precision="day"),
    )


def _store(store: SQLiteStore, *articles: Article) -> None:
    for a in articles:
        store.put_document(a, extracted=True, mentions=[_bombing(a)])
    relink(store)


def _version_of(db: Path) -> dict[str, str | None]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, version_of FROM articles"))


def test_an_update_at_the_same_url_is_a_version_not_a_second_source(tmp_path: Path) -> None:
    first = _article(FIRST, URL)
    # The host's case and a trailing slash do not make a new page; the path keeps its case.
    update = _article(UPDATE, "https://SAHEL-WIRE.example/2026/05/gao-market-blast/#comments")
    with open_store(tmp_path / "ev.db") as store:
        _store(store, first, update)
        [event] = store.events()
        assert event.source_count == 1
        assert {m.article_id for m in store.mentions_by_id(event.mention_ids)} == {first.id, update.id}
        assert event.fatalities_best == 7
        assert store.versions(update.id) == store.versions(first.id) == [first.id, update.id]
        assert store.event_outlets() == {event.id: ["Sahel Wire"]}
    assert _version_of(tmp_path / "ev.db") == {first.id: None, update.id: first.id}


def test_a_second_outlet_is_a_second_source(tmp_path: Path) -> None:
    articles = _article(FIRST, URL), _article(UPDATE, URL), _article(OTHER, "https://radio.example/ne/1", "Radio")
    with open_store(tmp_path / "ev.db") as store:
        _store(store, *articles)
        [event] = store.events()
        assert event.source_count == 2
        assert store.versions(articles[2].id) == [articles[2].id]


def test_without_a_url_each_article_is_its_own_source(tmp_path: Path) -> None:
    first, update = _article(FIRST, None), _article(UPDATE, None)
    with open_store(tmp_path / "ev.db") as store:
        _store(store, first, update)
        [event] = store.events()
        assert event.source_count == 2
        assert store.versions(update.id) == [update.id]
    assert _version_of(tmp_path / "ev.db") == {first.id: None, update.id: None}


def test_storing_and_relinking_again_changes_nothing(tmp_path: Path) -> None:
    first, update = _article(FIRST, URL), _article(UPDATE, URL)
    with open_store(tmp_path / "ev.db") as store:
        _store(store, first, update)
        before = store.snapshot()
        _store(store, first, update)
        relink(store)
        assert store.snapshot() == before


def test_a_schema_1_database_is_upgraded_in_place(tmp_path: Path) -> None:
    db = tmp_path / "ev.db"
    first, update = _article(FIRST, URL), _article(UPDATE, URL + "/")
    with open_store(db) as store:
        _store(store, first, update)
    with sqlite3.connect(db) as conn:  # back to the articles table schema 1 wrote
        conn.executescript(SCHEMA_1_ARTICLES)
    for _ in range(2):  # the upgrade runs once, and again is a no-op
        with open_store(db) as store:
            relink(store)
            [event] = store.events()
            assert event.source_count == 1
            assert store.versions(first.id) == [first.id, update.id]
        assert _version_of(db) == {first.id: None, update.id: first.id}
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (
                str(SCHEMA_VERSION),
            )
