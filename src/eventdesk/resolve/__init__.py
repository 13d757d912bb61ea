"""Resolution: actors, places and dates (filled in below)."""
