"""`newsgraph serve`: the HTTP API and the web app over a store (docs/web.md)."""

from __future__ import annotations

import click

from .query import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The interface to listen on. Beyond localhost (e.g. 0.0.0.0) the write endpoints need --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, envvar="NEWSGRAPH_PORT",
              show_envvar=True, help="The TCP port.")
@click.option("--token", envvar="NEWSGRAPH_TOKEN", show_envvar=True, metavar="TOKEN",
              help="A secret the write endpoints (analyze, ingest) ask for: 'Authorization: Bearer TOKEN'.")
@click.option("--writable", is_flag=True, help="Let POST /api/documents add articles to the store (read-only without).")
@click.option("--max-body", type=click.IntRange(min=1024), default=2 * 1024 * 1024, show_default=True,
              help="The largest request body in bytes (413 beyond).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Another host name the server answers to on localhost (repeatable; e.g. behind a proxy).")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info",
              show_default=True)
def serve_command(db, host, port, token, writable, max_body, allowed_hosts, log_level):
    """Serve the HTTP API (/api; its OpenAPI spec at /openapi.json, interactive docs at
    /docs) and the web app: the actor network, actors, articles with their evidence,
    search, contested claims, the map."""
    import uvicorn

    from ..serve import ServeSettings, create_app
    from ..store import Store
    from ..store.engine import shown_url

    if token is not None and len(token) < 16:
        raise click.BadParameter("use a token of at least 16 characters", param_hint="--token")
    settings = ServeSettings(host=host, port=port, token=token or None, writable=writable, max_body=max_body,
                             allowed_hosts=set(allowed_hosts))
    store = Store.open(db, create=False)
    app = create_app(store, settings)
    where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    writes = "off (bound beyond localhost without --token)" if settings.writes_allowed() else (
        "with the token" if token else "from this machine")
    click.echo(f"newsgraph: serving {shown_url(store.url)} at {where} (writes: {writes}"
               f"{'; ingest on' if writable else ''}); Ctrl+C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, timeout_keep_alive=5,
                h11_max_incomplete_event_size=16 * 1024, limit_concurrency=256)


def register(cli: click.Group) -> None:
    cli.add_command(serve_command)
