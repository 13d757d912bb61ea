"""NLP stage: the spaCy model and a cheap sentence splitter with a heading test.

``is_boilerplate`` is the clean stage's :func:`~eventdesk.clean.is_non_reporting`
(lines kept in the text but never coded), under the name the extractor's API
has always had.

Nothing heavy happens at import time: :func:`load_nlp` loads the model when called,
and the caller keeps the result.
"""

from __future__ import annotations

from eventdesk.clean.boilerplate import is_non_reporting as is_boilerplate
from eventdesk.nlp.model import MODEL_NAME, load_nlp
from eventdesk.nlp.sentences import Sentence, is_heading, split_sentences

__all__ = ["MODEL_NAME", "Sentence", "is_boilerplate", "is_heading", "load_nlp", "split_sentences"]
