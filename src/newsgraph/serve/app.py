"""The web application: the HTTP API under `/api`, its OpenAPI spec at `/openapi.json`
(also `/api/openapi.json`) and interactive docs at `/docs` (Swagger UI, shipped in the
package: no CDN, under the same CSP), the built web app under `/static`, and the app's
page for every other path (it routes in the browser).

```python
from newsgraph.serve import create_app
app = create_app("corpus.sqlite")            # an ASGI app: uvicorn, TestClient...
```
"""

from __future__ import annotations

import contextlib
import logging
import threading
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import InputError, NewsgraphError
from ..store import NotFound, SearchError, Store, StoreError
from ..store.queries import AmbiguousActor
from . import api
from .security import LimitsMiddleware, ServeSettings

STATIC = Path(str(resources.files("newsgraph.serve") / "static"))
PAGES = ("network", "map", "actors", "documents", "quotes", "events", "search", "contested", "analyze")


def create_app(store: Store | str | None, settings: ServeSettings | None = None) -> FastAPI:
    """The ASGI app over a store (a `Store`, or a path or URL opened read-only)."""
    settings = settings or ServeSettings()
    if not isinstance(store, Store):
        store = Store.open(store, create=False)
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        if settings.warm:
            app.state.warming.set()
            threading.Thread(target=_warm, args=(store, app.state.answers, app.state.warming), name="newsgraph-warm",
                             daemon=True).start()
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        version=__version__,
        summary="Who the actors are, who said what, and who did what to whom, with the evidence.",
        description=(
            "Read-only questions to a newsgraph store, and `POST /api/analyze` for one text. "
            "Every extracted item carries character offsets into its document's text. "
            "Lists are paged with `limit` and `offset`; `next_offset` is null on the last page."
        ),
        openapi_url="/openapi.json",
        docs_url=None,  # FastAPI's own docs pages load scripts from a CDN: /docs below serves the shipped ones
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.answers = api.AnswerCache()
    app.state.warming = threading.Event()  # set while the first answers are being computed
    app.include_router(api.router)
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)  # the network is large JSON
    app.add_middleware(LimitsMiddleware, settings=settings)
    _add_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")

    index = STATIC / "index.html"
    docs = STATIC / "docs" / "index.html"

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi_under_api():
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False)
    def docs_page():
        if not docs.exists():
            return PlainTextResponse("The docs page is not built: run scripts/build-web.sh (the spec is at /openapi.json).",
                                     status_code=503)
        return FileResponse(docs, media_type="text/html; charset=utf-8", headers={"cache-control": "no-cache"})

    def page():
        if not index.exists():
            return PlainTextResponse("The web app is not built: run scripts/build-web.sh (the API is under /api).", status_code=503)
        return FileResponse(index, media_type="text/html; charset=utf-8", headers={"cache-control": "no-cache"})

    @app.get("/", include_in_schema=False)
    def home():
        return page()

    @app.get("/{section}", include_in_schema=False)
    @app.get("/{section}/{rest:path}", include_in_schema=False)
    def app_page(section: str, rest: str = ""):
        if section not in PAGES:
            return JSONResponse({"detail": "not found"}, status_code=404)
        return page()

    return app


def _warm(store: Store, answers, warming: threading.Event) -> None:
    try:
        api.warm(store, answers)
    except Exception as error:  # a cache that stays cold is no failure: requests compute anew
        logging.getLogger("newsgraph.serve").warning("could not precompute the first answers: %s", error)
    finally:
        warming.clear()


def _add_error_handlers(app: FastAPI) -> None:
    def handler(status: int):
        async def handle(_request: Request, error: Exception):
            return JSONResponse({"detail": str(error)}, status_code=status)
        return handle

    async def ambiguous(_request: Request, error: AmbiguousActor):
        return JSONResponse({"detail": str(error), "candidates": error.candidates}, status_code=404)

    app.add_exception_handler(AmbiguousActor, ambiguous)
    app.add_exception_handler(NotFound, handler(404))
    app.add_exception_handler(SearchError, handler(400))
    app.add_exception_handler(InputError, handler(400))
    app.add_exception_handler(StoreError, handler(503))
    app.add_exception_handler(NewsgraphError, handler(400))

    async def invalid(_request: Request, error: RequestValidationError):
        problems = []
        for item in error.errors()[:5]:
            where = ".".join(str(part) for part in item.get("loc", ()) if part not in ("query", "body", "path"))
            problems.append(f"{where or 'request'}: {item.get('msg')}")
        return JSONResponse({"detail": "; ".join(problems), "errors": _plain_errors(error)}, status_code=422)

    app.add_exception_handler(RequestValidationError, invalid)


def _plain_errors(error: RequestValidationError) -> list[dict]:
    return [{"loc": list(item.get("loc", ())), "msg": item.get("msg"), "type": item.get("type")} for item in error.errors()[:20]]
