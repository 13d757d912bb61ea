"""The project's own annotated corpus: its builder, loader, validator and scorer (docs/corpus.md)."""
