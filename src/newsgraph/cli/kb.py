"""`newsgraph kb`: import actor lists, look actors up, check the knowledge base."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from .analyze import console

FORMAT_HELP = "phoenix: PETRARCH/Phoenix *.actors.txt; ofac: SDN sdn.csv (+ alt.csv, FTO list); un: UN consolidated list XML; yaml/csv: your own actors (docs/kb-import.md)"


@click.group("kb")
def kb_group() -> None:
    """The actor knowledge base: import lists, show and search actors, validate the files."""


def _load(kb_paths, use_cache: bool = True):
    from ..kb.base import load_knowledge_base

    return load_knowledge_base(tuple(kb_paths), use_cache=use_cache)


def _files(kb_paths) -> list[Path]:
    from ..kb.base import default_kb_paths
    from ..kb.loader import kb_files

    return kb_files(default_kb_paths(tuple(kb_paths)))


def _period(period) -> str:
    start = period.start.isoformat() if period.start else ""
    end = period.end.isoformat() if period.end else ""
    return f"{start or '…'} – {end or '…'}"


def _record_json(record, kb, day) -> dict:
    from ..kb.loader import record_to_dict

    data = record_to_dict(record)
    data["file"] = record.origin
    data["on_date"] = {
        "date": day.isoformat() if day else None,
        "type": record.type_on(day), "sector": record.sector_on(day), "country": record.country_on(day),
        "roles": [role.title for role in record.roles_on(day)], "governed_by": record.governor_on(day),
    }
    data["extended_by"] = [overlay.origin for overlay in kb.overlays.get(record.id, [])]
    return data


# ---------------------------------------------------------------- import


# New actors reach new articles at once; stored ones only through a recode.
RECODE_HINT = ("Articles analysed before keep their actors: a store ingested with --keep-parses takes the new "
               "actors with `newsgraph recode --db STORE` (no parsing); others need a new ingest.")


@kb_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", required=True, type=click.Choice(["phoenix", "ofac", "un", "yaml", "csv"]), help=FORMAT_HELP)
@click.option("--into", type=click.Path(file_okay=False), help="Folder to write to (default: $NEWSGRAPH_HOME/kb, loaded with the shipped KB).")
@click.option("--dry-run", is_flag=True, help="Convert and report, write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the import report as JSON.")
def import_command(files, fmt, into, dry_run, as_json):
    """Convert actor lists into knowledge-base records (JSON Lines, one file per source).

    Imported actors that the shipped knowledge base already has are written as overlays
    of the shipped actor (they add names to it); names that would match ordinary words
    are kept as weak aliases or dropped, and counted in the report."""
    from ..kb.importers import import_files

    started = time.perf_counter()
    report = import_files(files, fmt, into=into, dry_run=dry_run)
    seconds = time.perf_counter() - started
    data = report.as_dict()
    data["seconds"] = round(seconds, 2)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    out = console()
    verb = "would write" if dry_run else "wrote"
    for path, count in report.outputs.items():
        out.print(Text(f"{verb} {count:,} records to {path}"))
    table = Table(title=f"Import ({fmt}) in {seconds:.1f} s", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("entries read", f"{report.entries:,}")
    for reason, count in report.skipped.most_common():
        table.add_row(Text(f"  not imported: {reason}"), f"{count:,}")
    table.add_row("new actors", f"{report.new_actors:,}")
    for actor_type, count in report.types.most_common():
        table.add_row(Text(f"  {actor_type}"), f"{count:,}")
    table.add_row("overlays of shipped actors", f"{report.overlays:,}")
    table.add_row("names matched in articles", f"{report.names['strong']:,}")
    table.add_row("weak names (kept, never matched)", f"{report.names['weak']:,}")
    for reason, count in report.weak_reasons.most_common():
        table.add_row(Text(f"  {reason}"), f"{count:,}")
    table.add_row("names dropped", f"{report.names['drop']:,}")
    for reason, count in report.drop_reasons.most_common():
        table.add_row(Text(f"  {reason}"), f"{count:,}")
    if report.unknown_countries:
        table.add_row("unknown country names or codes", f"{sum(report.unknown_countries.values()):,}")
    out.print(table)
    if not dry_run and report.outputs:
        out.print(Text(RECODE_HINT, style="dim"))


# ---------------------------------------------------------------- show / search


@kb_group.command("show")
@click.argument("name")
@click.option("--date", "date_text", help="Roles, codes and government in force on this day (YYYY-MM-DD); default: the latest.")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True), help="Extra knowledge-base file or folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON.")
def show_command(name, date_text, kb_paths, as_json):
    """Show the actor(s) with this id or name, with their roles over time."""
    from ..pipeline import parse_date

    day = parse_date(date_text, "--date") if date_text else None
    kb = _load(kb_paths)
    records = [kb.records[name]] if name in kb.records else kb.lookup(name, weak=True)
    if not records:
        hint = kb.search(name, limit=5)
        suggestion = f" (did you mean: {', '.join(r.name for r in hint)}?)" if hint else ""
        raise click.ClickException(f"no actor named {name!r} in the knowledge base{suggestion}")
    if as_json:
        click.echo(json.dumps([_record_json(r, kb, day) for r in records], indent=2, ensure_ascii=False))
        return
    out = console()
    for record in records:
        _print_record(out, record, kb, day)


def _print_record(out, record, kb, day: dt.date | None) -> None:
    heading = Text()
    heading.append(record.name, style="bold")
    heading.append(f"  {record.id}  ({record.type}", style="dim")
    heading.append(f", {record.country}" if record.country else "", style="dim")
    heading.append(f", {record.sector})" if record.sector else ")", style="dim")
    out.print(heading)
    when = day.isoformat() if day else "latest"
    now = Text(f"  on {when}: {record.type_on(day)}, sector {record.sector_on(day) or '-'}, country {record.country_on(day) or '-'}")
    governor = record.governor_on(day)
    if governor:
        now.append(f", governed by {governor}")
    out.print(now)
    for label, values in (("aliases", record.aliases), ("acronyms", record.acronyms), ("demonyms", record.demonyms),
                          ("capitals", record.capitals), ("part of", record.part_of),
                          ("weak aliases", getattr(record, "weak_aliases", ()))):
        if values:
            out.print(Text(f"  {label}: {', '.join(values)}"))
    if record.roles:
        table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2))
        for column in ("  role", "country", "sector", "period", ""):
            table.add_column(column)
        active = set(id(role) for role in record.roles_on(day))
        for role in sorted(record.roles, key=lambda r: (r.period.start or dt.date.min, r.period.end or dt.date.max)):
            table.add_row(Text(f"  {role.title}"), role.country or "", role.sector or "", _period(role.period),
                          "◀ in force" if id(role) in active else "")
        out.print(table)
    for code in record.codes:
        out.print(Text(f"  code {code.sector or '-'}{' ' + code.type if code.type else ''} {_period(code.period)}"))
    for governor in record.governed_by:
        out.print(Text(f"  governed by {governor.actor} {_period(governor.period)}"))
    if record.source:
        out.print(Text(f"  source: {record.source}", style="dim"))
    out.print(Text(f"  file: {record.origin}", style="dim"))
    for overlay in kb.overlays.get(record.id, []):
        out.print(Text(f"  extended by: {overlay.origin}", style="dim"))
    out.print()


@kb_group.command("search")
@click.argument("text")
@click.option("--limit", default=20, show_default=True, help="At most this many actors.")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True), help="Extra knowledge-base file or folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def search_command(text, limit, kb_paths, as_json):
    """Actors whose names contain all the words of TEXT (exact names first)."""
    kb = _load(kb_paths)
    found = kb.search(text, limit=limit)
    if as_json:
        click.echo(json.dumps([{"id": r.id, "name": r.name, "type": r.type, "country": r.country,
                                "sector": r.sector, "file": r.origin} for r in found], indent=2, ensure_ascii=False))
        return
    out = console()
    if not found:
        out.print(Text(f"no actor matches {text!r}"))
        return
    table = Table(title=f"{len(found)} actors matching {text!r}", title_justify="left")
    for column in ("id", "name", "type", "country", "sector", "file"):
        table.add_column(column)
    for record in found:
        table.add_row(Text(record.id), Text(record.name), record.type, record.country or "", record.sector or "",
                      Text(Path(record.origin).name if record.origin else ""))
    out.print(table)


# ---------------------------------------------------------------- validate / files / stats


@kb_group.command("validate")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True), help="Extra knowledge-base file or folder.")
@click.option("--limit", default=30, show_default=True, help="List at most this many issues of each check (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def validate_command(ctx, kb_paths, limit, as_json):
    """Check the knowledge base: duplicate ids, names shared by different actors, overlapping
    role dates, unknown ids in part_of/governed_by, malformed values. Exit status 1 on errors."""
    from ..kb.validate import validate_files

    report = validate_files(_files(kb_paths))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        out = console()
        out.print(Text(f"{len(report.files)} files, {report.records:,} actors, {report.names:,} names"))
        table = Table(title="Findings", title_justify="left")
        for column in ("severity", "check", "count"):
            table.add_column(column, justify="right" if column == "count" else "left")
        for severity, checks in sorted(report.counts().items()):
            for name, count in checks.items():
                table.add_row(severity, name, f"{count:,}")
        out.print(table)
        shown: Counter = Counter()
        for issue in report.issues:
            if limit and shown[issue.check] >= limit:
                continue
            shown[issue.check] += 1
            line = Text(f"{issue.severity:7}  {issue.check}: ", style="red" if issue.severity == "error" else "yellow")
            line.append(issue.message, style="")
            if issue.file:
                line.append(f"  ({issue.file})", style="dim")
            out.print(line)
        out.print(Text(f"{len(report.errors):,} errors, {len(report.warnings):,} warnings",
                       style="bold red" if report.errors else "bold"))
    if report.errors:
        ctx.exit(1)


@kb_group.command("list-files")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True), help="Extra knowledge-base file or folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def list_files_command(kb_paths, as_json):
    """The knowledge-base files that are loaded, in order, with their sizes and actors."""
    kb = _load(kb_paths)
    per_file = Counter(record.origin for record in kb.records.values())
    overlays = Counter(overlay.origin for items in kb.overlays.values() for overlay in items)
    rows = [{"file": str(path), "bytes": path.stat().st_size, "actors": per_file.get(str(path), 0),
             "overlays": overlays.get(str(path), 0)} for path in kb.files]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    table = Table(title="Knowledge-base files", title_justify="left")
    for column in ("file", "size", "actors", "overlays"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for row in rows:
        table.add_row(Text(row["file"]), f"{row['bytes'] / 1024:,.0f} KiB", f"{row['actors']:,}", f"{row['overlays']:,}")
    console().print(table)


@kb_group.command("stats")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True), help="Extra knowledge-base file or folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats_command(kb_paths, as_json):
    """Actors by type, names, and how long the knowledge base takes to load (cold and cached)."""
    from ..kb.base import _load as load_files

    files = tuple(_files(kb_paths))
    load_files.cache_clear()
    started = time.perf_counter()
    kb = load_files(files, False)
    cold = time.perf_counter() - started
    load_files.cache_clear()
    load_files(files, True)  # writes the cache if it is missing
    load_files.cache_clear()
    started = time.perf_counter()
    load_files(files, True)
    warm = time.perf_counter() - started
    data = {
        "files": len(files), "actors": len(kb), "names": len(kb.matcher),
        "weak_names": len(kb.weak_names), "overlays": sum(len(v) for v in kb.overlays.values()),
        "types": dict(Counter(r.type for r in kb.records.values()).most_common()),
        "load_seconds": {"cold": round(cold, 3), "cached": round(warm, 3)},
    }
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    table = Table(title="Knowledge base", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    for key in ("files", "actors", "names", "weak_names", "overlays"):
        table.add_row(key.replace("_", " "), f"{data[key]:,}")
    for actor_type, count in data["types"].items():
        table.add_row(f"  {actor_type}", f"{count:,}")
    table.add_row("load, cold (parse + compile)", f"{cold:.2f} s")
    table.add_row("load, from the cache", f"{warm:.2f} s")
    console().print(table)


def register(cli: click.Group) -> None:
    cli.add_command(kb_group)
