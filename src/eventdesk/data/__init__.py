"""Package data: taxonomy, actor dictionary, bundled example reports, evaluation floors."""
