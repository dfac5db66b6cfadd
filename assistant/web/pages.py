"""``GET /`` and ``GET /static/<file>``: the page and its files, with a strict CSP.

Only the files shipped in ``static/`` are served, by exact name, so the bearer-auth middleware
can leave exactly these paths open (a browser loads them before it knows any key). Besides them,
``/page/options.json`` lists what the page's forms offer (the periods, from their one owner);
everything else the page shows comes from the API, which stays protected.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, JSONResponse

from assistant.errors import NotFoundError
from assistant.genre.table import genre_table

STATIC_DIR = Path(__file__).parent / "static"
PAGE = "index.html"
STATIC_PREFIX = "/static/"
OPTIONS_PATH = "/page/options.json"
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
# No inline scripts or styles, nothing from another origin; the page talks only to this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-cache",
}

router = APIRouter(include_in_schema=False)


def static_files() -> dict[str, Path]:
    """The files the page is made of, by name (the page itself excluded)."""
    return {
        path.name: path
        for path in sorted(STATIC_DIR.iterdir())
        if path.suffix in MEDIA_TYPES and path.name != PAGE
    }


def page_paths() -> frozenset[str]:
    """The URL paths of the page and its files: open even when an API key is required."""
    return frozenset({"/", OPTIONS_PATH, *(STATIC_PREFIX + name for name in static_files())})


def _file(path: Path) -> FileResponse:
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=SECURITY_HEADERS)


@router.api_route("/", methods=["GET", "HEAD"])
def page() -> FileResponse:
    """The page for writers."""
    return _file(STATIC_DIR / PAGE)


@router.api_route(STATIC_PREFIX + "{name}", methods=["GET", "HEAD"])
def static_file(name: str) -> FileResponse:
    """One of the page's files; any other name is 404."""
    path = static_files().get(name)
    if path is None:
        raise NotFoundError(f"没有这个页面文件：{name}")
    return _file(path)


@router.get(OPTIONS_PATH)
def options() -> JSONResponse:
    """What the page's forms offer: the periods an outline can be asked for."""
    table = genre_table()
    body = {"periods": list(table.period_names), "default_period": table.default_period}
    return JSONResponse(body, headers=SECURITY_HEADERS)
