"""WikiEvents: the loader, our mentions as KAIROS events, and event and argument scoring."""
