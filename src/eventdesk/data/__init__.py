"""Package data: actor dictionary and demonyms."""
