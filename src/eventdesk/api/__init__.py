"""REST API (FastAPI) and the web UI it serves: ``create_app(db_path)``."""

from __future__ import annotations

from eventdesk.api.app import CONTENT_SECURITY_POLICY, create_app, tokens_from_env
from eventdesk.api.routes.reviews import ReviewIn

__all__ = ["CONTENT_SECURITY_POLICY", "ReviewIn", "create_app", "tokens_from_env"]
