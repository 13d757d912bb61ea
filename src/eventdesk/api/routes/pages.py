"""The web UI: /, /events/{id}, /articles/{id}, /queue, /unlinked and the static files.

Every page is the shared ``layout.html`` (head, CSP-friendly: no inline
script or style, nothing from a CDN) around the page's own body file.
"""

# No "from __future__ import annotations": FastAPI resolves the annotations when the routes are made.

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from fastapi import APIRouter, FastAPI, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["PAGES", "Page", "mount_static", "render_page", "router"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Page:
    """One page: its body file (static/{name}.html), title and extra stylesheets."""

    name: str
    title: str
    styles: tuple[str, ...] = ()


PAGES = {
    "index": Page(name="index", title="events", styles=("/static/vendor/leaflet/leaflet.css",)),
    "event": Page(name="event", title="event"),
    "article": Page(name="article", title="article"),
    "queue": Page(name="queue", title="review queue"),
    "unlinked": Page(name="unlinked", title="unlinked"),
}


def _static() -> Path:
    return Path(str(resources.files("eventdesk.web").joinpath("static")))


def render_page(page: Page) -> str:
    """The page's HTML: the layout with its title, stylesheets and body filled in."""
    static = _static()
    styles = "\n".join(f'  <link rel="stylesheet" href="{href}">' for href in page.styles)
    body = (static / f"{page.name}.html").read_text("utf-8").split("\n", 1)[1]  # drop the file's note
    layout = Template((static / "layout.html").read_text("utf-8"))
    return layout.substitute(title=page.title, styles=styles, name=page.name, body=body.rstrip("\n"))


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=_static()), name="static")


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    html = {name: render_page(page) for name, page in PAGES.items()}

    def page(name: str) -> HTMLResponse:
        return HTMLResponse(html[name], media_type="text/html; charset=utf-8")

    @pages.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)

    @pages.get("/")
    def index_page() -> HTMLResponse:
        return page("index")

    @pages.get("/events/{event_id}")
    def event_page(event_id: str) -> HTMLResponse:
        return page("event")

    @pages.get("/queue")
    def queue_page() -> HTMLResponse:
        return page("queue")

    @pages.get("/unlinked")
    def unlinked_page() -> HTMLResponse:
        return page("unlinked")

    @pages.get("/articles/{article_id}")
    def article_page(article_id: str) -> HTMLResponse:
        return page("article")

    return pages
