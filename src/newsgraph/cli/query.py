"""Questions to the corpus store: `actors`, `actor`, `quotes`, `events`, `contested`, `search`.

A thin layer over `newsgraph.store.Store`: each command opens the store, calls one
method, and shows the answer as a table (rich) or, with `--json`, as JSON. Article text
is untrusted: it is always shown as plain text, never as markup.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..store.fulltext import MARK_END, MARK_START

db_option = click.option(
    "--db", metavar="URL", envvar="NEWSGRAPH_DB", show_envvar=True,
    help="The store: a SQLite file (default newsgraph.sqlite) or postgresql://user:pw@host/db.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines instead of tables.")
limit_option = click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many rows.")


def _date(_context, _parameter, value: str | None) -> str | None:
    """A --since/--until value: a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)."""
    from ..store.queries import InvalidDate, valid_date

    try:
        return valid_date(value) if value else None
    except InvalidDate as error:
        raise click.BadParameter(str(error)) from None


since_option = click.option("--since", metavar="DATE", callback=_date,
                            help="From this date on (YYYY-MM-DD, YYYY-MM or YYYY, inclusive).")
until_option = click.option("--until", metavar="DATE", callback=_date,
                            help="Up to this date (YYYY-MM-DD, YYYY-MM or YYYY, inclusive).")


members_option = click.option(
    "--include-members/--no-include-members", "include_members", default=None,
    help="Count the quotes and acts of the actor's members (spokespeople, officials) as its own "
         "[default: on for organizations, armed groups and IGOs].")


def console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    width = shutil.get_terminal_size((120, 40)).columns if stream.isatty() else 140
    return Console(file=stream, width=max(width, 100), highlight=False, soft_wrap=False, emoji=False, markup=False)


def open_store(db: str | None):
    from ..store import Store

    return Store.open(db, create=False)


def emit_json(value: Any) -> None:
    click.echo(json.dumps(_plain(value), ensure_ascii=False, indent=2, default=str))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def cell(value: Any, limit: int | None = None) -> Text:
    """A table cell as plain text (never markup); long text cut at `limit` characters."""
    if value is None:
        return Text("")
    if isinstance(value, float):
        value = f"{value:.2f}"
    text = " ".join(str(value).split())
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return Text(text)


def marked(snippet: str) -> Text:
    """A search snippet with its matches (between « and ») in bold."""
    text = Text()
    rest = " ".join(snippet.split())
    while MARK_START in rest:
        before, _, after = rest.partition(MARK_START)
        match, _, rest = after.partition(MARK_END)
        text.append(before)
        text.append(match, style="bold yellow")
    text.append(rest)
    return text


def names(sides: list[dict[str, str]]) -> str:
    return ", ".join(side["name"] for side in sides)


def table(title: str, *columns: str) -> Table:
    grid = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        grid.add_column(column, overflow="fold")
    return grid


def where(row: dict[str, Any]) -> Text:
    """Where a row comes from: the article's title (or id) and date."""
    label = row.get("title") or row.get("document_id") or ""
    date = row.get("date") or row.get("day") or row.get("document_date") or ""
    return cell(f"{label} ({date})" if date else label, 60)


# ---------------------------------------------------------------- commands
@click.command("actors")
@db_option
@limit_option
@click.option("--type", "actor_type", help="Only actors of this type (person, state, organization, armed_group, igo...).")
@click.option("--country", help="Only actors of this country (ISO 3166 alpha-3 code, e.g. PAK).")
@since_option
@until_option
@json_option
def actors_command(db, limit, actor_type, country, since, until, as_json):
    """The actors mentioned most across the corpus."""
    with open_store(db) as store:
        rows = store.actors(limit=limit, type=actor_type, country=country, since=since, until=until)
    if as_json:
        return emit_json(rows)
    grid = table(f"Top {len(rows)} actors by mentions", "id", "name", "type", "country", "mentions", "articles")
    for row in rows:
        grid.add_row(*(cell(row[key]) for key in ("id", "name", "type", "country", "mentions", "documents")))
    console().print(grid)


@click.command("actor")
@click.argument("name")
@db_option
@members_option
@limit_option
@json_option
def actor_command(name, db, include_members, limit, as_json):
    """One actor across the corpus (by id, name, alias or surname): roles over time, what
    it said, what it did to whom, what was done to it, who spoke of it, its partners; for
    an organization also what its members said and did, apart."""
    with open_store(db) as store:
        profile = store.actor(name, limit=limit, include_members=include_members)
    if as_json:
        return emit_json(profile)
    out = console()
    head = Text()
    head.append(profile["name"], style="bold")
    head.append(f"  [{profile['id']}]  {profile['type']}")
    for key in ("country", "sector"):
        if profile.get(key):
            head.append(f"  {key}: {profile[key]}")
    head.append(f"  {profile['mentions']} mentions in {profile['documents']} articles")
    out.print(head)
    if len(profile["names"]) > 1:
        out.print(Text("Also called: " + ", ".join(n for n in profile["names"] if n != profile["name"])))
    if profile["roles"]:
        grid = table("Roles over time", "role", "first", "last", "articles")
        for role in profile["roles"]:
            grid.add_row(cell(role["role"]), cell(role["first"]), cell(role["last"]), cell(role["documents"]))
        out.print(grid)
    _print_quotes(out, "What it said", profile["said"], show_speaker=False)
    _print_events(out, "What it did to whom", profile["did"])
    _print_events(out, "What others did to it", profile["done_to"])
    _print_quotes(out, "Who spoke of it", profile["spoken_of"], show_speaker=True)
    if profile.get("members"):
        out.print(Text("Its members: " + ", ".join(f"{m['name']} ({m['role']})" for m in profile["members"])))
        _print_quotes(out, "What its members said", profile["members_said"], show_speaker=True)
        _print_events(out, "What its members did", profile["members_did"])
    if profile["partners"]:
        grid = table("Partners (events either way)", "actor", "events", "by quad class", "goldstein")
        for partner in profile["partners"]:
            quads = ", ".join(f"Q{k}: {v}" for k, v in sorted(partner["by_quad_class"].items()))
            grid.add_row(cell(partner["name"]), cell(partner["events"]), cell(quads), cell(partner["goldstein"]))
        out.print(grid)


def _print_quotes(out: Console, title: str, rows: list[dict[str, Any]], show_speaker: bool = True) -> None:
    if not rows:
        out.print(Text(f"{title}: nothing found", style="dim"))
        return
    columns = (["speaker"] if show_speaker else []) + ["quote", "kind", "article"]
    grid = table(title, *columns)
    for row in rows:
        speaker = (row.get("speaker") or row.get("speaker_text") or "?") + (" (member)" if row.get("member") else "")
        cells = [cell(speaker, 40)] if show_speaker else []
        cells += [cell(row["text"], 160), cell(row["kind"]), where(row)]
        grid.add_row(*cells)
    out.print(grid)


def _print_events(out: Console, title: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        out.print(Text(f"{title}: nothing found", style="dim"))
        return
    grid = table(title, "day", "who", "did", "to whom", "quad", "asserted by", "evidence", "article")
    for row in rows:
        did = row["type"] + (" (denied)" if row["negated"] else "") + (f" [{row['modality']}]" if row.get("modality") not in (None, "asserted") else "")
        grid.add_row(
            cell(row["day"]), cell(names(row["source"]) + (" (member)" if row.get("member") else ""), 40), cell(did), cell(names(row["target"]), 40),
            cell(row["quad_class"]), cell(row.get("attributed_to_name"), 30), cell(row["evidence_text"], 120), where(row),
        )
    out.print(grid)


@click.command("quotes")
@db_option
@click.option("--speaker", metavar="NAME", help="Said by this actor (id, name or alias).")
@click.option("--about", metavar="NAME", help="Mentioning this actor inside the quote.")
@members_option
@since_option
@until_option
@limit_option
@json_option
def quotes_command(db, speaker, about, include_members, since, until, limit, as_json):
    """Quotes across the corpus, newest first; an organization's include those of its
    spokespeople and officials (marked "member")."""
    with open_store(db) as store:
        rows = store.quotes(speaker=speaker, about=about, since=since, until=until, include_members=include_members,
                            limit=limit)
    if as_json:
        return emit_json(rows)
    _print_quotes(console(), f"{len(rows)} quotes", rows)


@click.command("events")
@db_option
@click.option("--actor", metavar="NAME", help="Involving this actor, as source or target.")
@click.option("--source", metavar="NAME", help="Done by this actor.")
@click.option("--target", metavar="NAME", help="Done to this actor.")
@click.option("--type", "event_type", help="PLOVER event type (e.g. ASSAULT, ACCUSE, CONSULT).")
@click.option("--quad-class", type=click.IntRange(0, 4), help="0 neutral, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.")
@click.option("--attributed-to", metavar="NAME", help="Asserted by this actor (the source of the claim).")
@click.option("--asserted-only", is_flag=True,
              help="Only events reported as having happened: not negated, neither future nor hypothetical.")
@members_option
@since_option
@until_option
@limit_option
@json_option
def events_command(db, actor, source, target, event_type, quad_class, attributed_to, asserted_only, include_members,
                   since, until, limit, as_json):
    """Who did what to whom, across the corpus, newest first; an organization's include the
    acts of its spokespeople and officials."""
    with open_store(db) as store:
        rows = store.events(actor=actor, source=source, target=target, type=event_type, quad_class=quad_class,
                            attributed_to=attributed_to, asserted_only=asserted_only, include_members=include_members,
                            since=since, until=until, limit=limit)
    if as_json:
        return emit_json(rows)
    _print_events(console(), f"{len(rows)} events", rows)


@click.command("contested")
@db_option
@click.option("--actor", metavar="NAME", help="Only claims involving this actor.")
@click.option("--scope", type=click.Choice(["all", "within", "across"]), default="all", show_default=True,
              help="Contradictions inside one article, across articles, or both.")
@since_option
@until_option
@limit_option
@json_option
def contested_command(db, actor, scope, since, until, limit, as_json):
    """Contested claims: events that contradict each other, with both sources."""
    with open_store(db) as store:
        rows = store.contested(actor=actor, since=since, until=until, limit=limit,
                               within=scope in ("all", "within"), across=scope in ("all", "across"))
    if as_json:
        return emit_json(rows)
    out = console()
    if not rows:
        out.print(Text("No contested claims found.", style="dim"))
        return
    grid = table(f"{len(rows)} contested claims", "scope", "claim", "source", "counter-claim", "source", "why")
    for row in rows:
        first, second = row["a"], row["b"]
        grid.add_row(
            cell(row["scope"]), _claim(first), _source(first), _claim(second), _source(second), cell(row["reason"], 80),
        )
    out.print(grid)


def _claim(event: dict[str, Any]) -> Text:
    what = f"{names(event['source'])} {event['type']}{' (denied)' if event['negated'] else ''} {names(event['target'])}"
    return cell(f"{what.strip()}: {event['evidence_text']}", 120)


def _source(event: dict[str, Any]) -> Text:
    parts = [event.get("publication") or "", event.get("title") or event["document_id"], event.get("day") or ""]
    if event.get("attributed_to_name"):
        parts.insert(0, f"according to {event['attributed_to_name']}")
    return cell(" | ".join(part for part in parts if part), 60)


@click.command("search")
@click.argument("text", nargs=-1, required=True)
@db_option
@click.option("--in", "where_", type=click.Choice(["all", "articles", "quotes"]), default="all", show_default=True,
              help="Search articles, quotes or both.")
@limit_option
@json_option
def search_command(text, db, where_, limit, as_json):
    """Full-text search over articles and quotes: words (all must match), "a phrase",
    OR between alternatives, -word to exclude."""
    query = " ".join(text)
    kinds = {"all": ("documents", "quotes"), "articles": ("documents",), "quotes": ("quotes",)}[where_]
    with open_store(db) as store:
        hits = store.search(query, limit=limit, kinds=kinds)
    if as_json:
        return emit_json(hits)
    out = console()
    if "documents" in hits:
        grid = table(f"Articles matching {query!r}: {len(hits['documents'])}", "article", "date", "publication", "snippet")
        for hit in hits["documents"]:
            grid.add_row(cell(hit.title or hit.document_id, 50), cell(hit.date), cell(hit.source), marked(hit.snippet))
        out.print(grid)
    if "quotes" in hits:
        grid = table(f"Quotes matching {query!r}: {len(hits['quotes'])}", "speaker", "quote", "article")
        for hit in hits["quotes"]:
            grid.add_row(cell(hit.speaker or "?", 30), marked(hit.snippet), cell(hit.title or hit.document_id, 50))
        out.print(grid)


COMMANDS = (actors_command, actor_command, quotes_command, events_command, contested_command, search_command)


def register(cli: click.Group) -> None:
    for command in COMMANDS:
        cli.add_command(command)
