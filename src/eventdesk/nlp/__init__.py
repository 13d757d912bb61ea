"""NLP stage: the spaCy model, a cheap sentence splitter and a boilerplate line filter.

Nothing heavy happens at import time: :func:`load_nlp` loads the model when called,
and the caller keeps the result.
"""

from __future__ import annotations

from eventdesk.nlp.boilerplate import is_boilerplate, is_heading
from eventdesk.nlp.model import MODEL_NAME, load_nlp
from eventdesk.nlp.sentences import Sentence, split_sentences

__all__ = ["MODEL_NAME", "Sentence", "is_boilerplate", "is_heading", "load_nlp", "split_sentences"]
