"""IndiaPoliceEvents: the loader and the per-sentence and per-document label scores."""
