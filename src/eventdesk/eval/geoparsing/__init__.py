"""Geoparsing (LGL and GeoWebNews): the gold toponyms and the place-resolution scores."""
