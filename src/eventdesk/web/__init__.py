"""The web UI: static HTML, JS and CSS served by eventdesk.api (no build step)."""
