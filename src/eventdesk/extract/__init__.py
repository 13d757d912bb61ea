"""Extraction stage: event mentions with roles, casualties, status and attribution,
and statistical claims, from one article's canonical text.

Public API: :func:`extract`, :class:`Extraction`, :func:`load_taxonomy`, :class:`Taxonomy`.
"""

from __future__ import annotations

from eventdesk.extract.core import EXTRACTOR, Extraction, extract
from eventdesk.extract.taxonomy import Taxonomy, load_taxonomy

__all__ = ["EXTRACTOR", "Extraction", "Taxonomy", "extract", "load_taxonomy"]
