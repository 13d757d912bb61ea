"""Extraction stage: event mentions with roles, casualties, status and attribution,
and statistical claims, from one article's canonical text.

Public API: :func:`extract` (one article), :func:`extract_many` (a batch, parsed in
shared ``nlp.pipe`` batches), :class:`Extraction`, :func:`load_taxonomy`, :class:`Taxonomy`.
"""

from __future__ import annotations

from eventdesk.extract.core import EXTRACTOR, Extraction, extract, extract_many
from eventdesk.extract.taxonomy import Taxonomy, load_taxonomy

__all__ = ["EXTRACTOR", "Extraction", "Taxonomy", "extract", "extract_many", "load_taxonomy"]
