"""One router per resource; ``eventdesk.api.app.create_app`` includes them all."""
