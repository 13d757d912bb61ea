"""Evaluation against public gold data."""
