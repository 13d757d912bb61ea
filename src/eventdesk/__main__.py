"""``python -m eventdesk`` runs the CLI."""

from eventdesk.cli import main

main()
