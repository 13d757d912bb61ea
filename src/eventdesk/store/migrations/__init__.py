"""Numbered schema migrations: ``NNNN_name.sql`` takes a database to schema NNNN.

``schema.sql`` is schema 2 (what every eventdesk before the migrations wrote);
each file here is applied once, in number order, in one transaction with the
version it reaches, so a database is at one version or the next, never between.
"""
