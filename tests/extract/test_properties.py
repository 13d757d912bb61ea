"""Properties: every span holds in the article text; extract never raises."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventdesk.extract import Extraction, extract
from eventdesk.nlp.sentences import MAX_SENTENCE_CHARS
from eventdesk.records import Article, Span

from .examples_reader import example_paths, read_example

_WORDS = [
    "Gunmen",
    "killed",
    "12",
    "villagers",
    "in",
    "Kano",
    "on",
    "Monday",
    ",",
    "police",
    "said",
    ".",
    "The",
    "army",
    "denied",
    "that",
    "rebels",
    "attacked",
    "it",
    "they",
    "was",
    "overrun",
    "by",
    "ISIS",
    "and",
    "al-Shabaab",
    "at least",
    "dozens",
    "of",
    "13 percent",
    "attacks",
    "targeted",
    "\n",
    "Comments are closed.",
    "‘",
    "’",
    "—",
    "(",
    ")",
    "é",
    "😀",
    "executed",
    "its own",
    "fighters",
    "planning to",
    "not",
    "if",
    "would",
]
_texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(_WORDS), max_size=60).map(" ".join),
)


def _spans(ex: Extraction) -> list[Span]:
    out: list[Span] = []
    for m in ex.mentions:
        out += [m.trigger, m.sentence, *(r.span for r in m.roles), *(c.span for c in m.casualties)]
        out += [s for s in (m.status_cue, m.attributed_to, m.time.span if m.time else None) if s is not None]
    for c in ex.stat_claims:
        out += [s for s in (c.span, c.attributed_to, c.period.span if c.period else None) if s is not None]
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_texts)
def test_spans_hold_and_extract_never_raises(nlp: Any, text: str) -> None:
    article = Article(id=Article.make_id(text), text=text)
    ex = extract(article, nlp)
    for span in _spans(ex):
        assert article.text[span.start : span.end] == span.text
        assert span.article_id == article.id


def test_spans_hold_on_bundled_reports(nlp: Any) -> None:
    for path in example_paths():
        article = read_example(path)
        for span in _spans(extract(article, nlp)):
            assert span.holds_in(article.text), (path.name, span)


def test_empty_and_huge_text(nlp: Any) -> None:
    assert extract(Article(id="e", text=""), nlp) == Extraction()
    huge = ("Gunmen killed 12 villagers in Kano and " * 2000) + "fled."
    ex = extract(Article(id="h", text=huge), nlp)
    assert all(m.trigger.holds_in(huge) for m in ex.mentions)


def test_run_on_text_is_cut_into_bounded_sentences(nlp: Any) -> None:
    # What keeps a run-on scrape linear is the cap on a sentence's length (the parser
    # and the rules are superlinear in it), so the cap is what is checked, not a time.
    line = " ".join(["5 percent of attacks between the two factions and they killed 3 of them in Kano"] * 800)
    ex = extract(Article(id="r", text=line), nlp)
    assert ex.mentions
    assert all(m.sentence.holds_in(line) for m in ex.mentions)
    assert max(m.sentence.end - m.sentence.start for m in ex.mentions) <= MAX_SENTENCE_CHARS
