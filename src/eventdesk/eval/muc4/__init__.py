"""MUC-4 (1992): the loader, the original keys, our mentions as templates, and the two published metrics."""
