"""The public surface of extract/ and nlp/, and what reaches the parser; no model."""

from __future__ import annotations

import eventdesk.extract as extract_api
import eventdesk.nlp as nlp_api
from eventdesk.extract import load_taxonomy


def test_public_api_is_pinned() -> None:
    assert set(extract_api.__all__) == {
        "EXTRACTOR",
        "Extraction",
        "Taxonomy",
        "extract",
        "extract_many",
        "load_taxonomy",
    }
    assert set(nlp_api.__all__) == {
        "MODEL_NAME",
        "Sentence",
        "is_boilerplate",
        "is_heading",
        "load_nlp",
        "split_sentences",
    }


def test_parser_sees_only_candidate_sentences() -> None:
    """The speed design: boilerplate, headings and trigger-free sentences never reach the parser."""
    from eventdesk.extract.core import _plan
    from eventdesk.records import Article

    text = (
        "Gunmen kill five in Kano\nThe weather in Kano was hot. Markets were busy.\n"
        "Gunmen killed five traders in Kano on Monday.\nSubscribe to our newsletter for attack alerts!\n"
        "In March the city held an election."
    )
    plan = _plan(Article(id="a", text=text), load_taxonomy())
    assert plan.chunks == ["Gunmen killed five traders in Kano on Monday."]
