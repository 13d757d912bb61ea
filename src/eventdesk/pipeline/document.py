"""The per-document pipeline: clean text in, resolved records out.

    Article -> nlp + extract -> resolve -> DocumentResult

Stage code knows nothing about where it runs: the batch runner, its worker
processes (:mod:`eventdesk.pipeline.workers`) and a Ray runner all call
``Pipeline.process``. The heavy
resources (spaCy model, actor dictionary, gazetteer) are built once in
``Pipeline.load`` and passed in, never at import time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.config import Config
from eventdesk.records import Actor, Article, Mention, Place, StatClaim
from eventdesk.resolve.document import resolve_document

__all__ = ["DocumentResult", "Pipeline"]


@dataclass(frozen=True, kw_only=True, slots=True)
class DocumentResult:
    """Everything one article produced, ready for one store transaction."""

    article: Article
    extracted: bool
    mentions: tuple[Mention, ...] = ()
    stat_claims: tuple[StatClaim, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()


class Pipeline:
    """Holds the loaded resources and runs the stages over one article."""

    def __init__(self, *, nlp: Any, actors: Any, gazetteer: Any, config: Config) -> None:
        self.nlp = nlp
        self.actors = actors
        self.gazetteer = gazetteer
        self.config = config

    @classmethod
    def load(cls, config: Config | None = None, *, cache_dir: Path | None = None) -> Pipeline:
        """Load the models and the gazetteers (the gazetteer index is built once and cached)."""
        from eventdesk.extract.learned_roles import load_learned_roles
        from eventdesk.nlp import load_nlp
        from eventdesk.resolve import ActorDictionary, Gazetteer

        load_learned_roles()  # the encoder and the role tagger, once per process

        actors = ActorDictionary.load()
        gazetteer = Gazetteer.load(cache_dir)
        nlp = load_nlp(actor_patterns=actors.patterns())
        return cls(nlp=nlp, actors=actors, gazetteer=gazetteer, config=config or Config())

    def process(self, article: Article) -> DocumentResult:
        """Extract and resolve one article; non-target languages are stored unextracted."""
        return self.process_many([article])[0]

    def process_many(self, articles: Sequence[Article]) -> list[DocumentResult]:
        """``process`` over many articles, parsing their kept sentences in shared
        spaCy batches (spaCy's per-call cost dominates on short reports)."""
        from eventdesk.extract import extract_many

        todo = [a for a in articles if a.language in self.config.extract_languages]
        extractions = dict(zip((a.id for a in todo), extract_many(todo, self.nlp), strict=True))
        results = []
        for article in articles:
            extraction = extractions.get(article.id)
            if extraction is None:
                results.append(DocumentResult(article=article, extracted=False))
                continue
            resolved = resolve_document(
                article, extraction.mentions, extraction.stat_claims, actors=self.actors, gazetteer=self.gazetteer
            )
            results.append(
                DocumentResult(
                    article=article,
                    extracted=True,
                    mentions=resolved.mentions,
                    stat_claims=resolved.stat_claims,
                    actors=resolved.actors,
                    places=resolved.places,
                )
            )
        return results
