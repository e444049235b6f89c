"""The readable text report of an analysis (`newsgraph analyze --format text`).

Article text is shown through `rich.text.Text`, never parsed as markup.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Analysis


def _mentions_summary(actor, limit: int = 8) -> str:
    counts = Counter(m.text for m in actor.mentions)
    parts = [f"{text} ×{n}" if n > 1 else text for text, n in counts.most_common()]
    more = len(parts) - limit
    return ", ".join(parts[:limit]) + (f", … {more} more" if more > 0 else "")


def actors_table(analysis: Analysis) -> Table:
    table = Table(title=f"Actors ({len(analysis.actors)})", title_justify="left", expand=True, show_lines=False)
    table.add_column("actor", style="bold", ratio=3)
    table.add_column("type", ratio=2)
    table.add_column("country", ratio=1)
    table.add_column("sector", ratio=1)
    table.add_column("roles", ratio=3)
    table.add_column("mentions", ratio=5)
    for actor in analysis.actors:
        table.add_row(
            Text(actor.name),
            Text(actor.type),
            Text(actor.country or "–"),
            Text(actor.sector or "–"),
            Text("; ".join(actor.roles) or "–"),
            Text(f"{len(actor.mentions)}: {_mentions_summary(actor)}"),
        )
    return table


def quotes_section(analysis: Analysis):
    """Quotes grouped by speaker: direct quotes in quotation marks, reported speech marked
    as such (thoughts and beliefs as "thinks"), each with its cue. Speakers the analysis
    could not tie to an actor are grouped by the words that name them ("sources")."""
    if not analysis.quotes:
        return Text("Quotes: none found", style="dim")
    names = {actor.id: actor.name for actor in analysis.actors}
    by_speaker: dict[str, list] = {}
    for quote in analysis.quotes:
        if quote.speaker:
            label = names.get(quote.speaker, quote.speaker)
        elif quote.speaker_mention:
            label = f"{quote.speaker_mention.text} (not identified)"
        else:
            label = "no speaker named"
        by_speaker.setdefault(label, []).append(quote)
    parts = [Text(f"Quotes ({len(analysis.quotes)}) by speaker", style="bold")]
    for label, quotes in sorted(by_speaker.items(), key=lambda item: -len(item[1])):
        parts.append(Text(f"\n{label} ({len(quotes)})", style="bold cyan"))
        for quote in quotes:
            line = Text("  ")
            if quote.kind == "direct":
                line.append("“" + quote.text + "”")
            else:
                line.append("thinks: " if quote.cue_type == "cognition" else "reported: ", style="dim")
                line.append(quote.text)
            cue = quote.cue.text if quote.cue else "goes on, no cue"
            line.append(f"  — {cue}", style="dim")
            parts.append(line)
    return Group(*parts)


def events_table(analysis: Analysis):
    if not analysis.events:
        return Text("Events: none found", style="dim")
    names = {actor.id: actor.name for actor in analysis.actors}
    table = Table(title=f"Events ({len(analysis.events)})", title_justify="left", expand=True)
    table.add_column("#", ratio=1)
    table.add_column("source", ratio=3)
    table.add_column("event", ratio=3)
    table.add_column("target", ratio=3)
    table.add_column("asserted by", ratio=3)
    table.add_column("evidence", ratio=6)
    for number, event in enumerate(analysis.events):
        kind = event.type + (f" ({event.mode})" if event.mode else "")
        if event.negated:
            kind = "NOT " + kind
        if event.modality != "asserted":
            kind += f" [{event.modality}]"
        table.add_row(
            Text(str(number)),
            Text(", ".join(names.get(a, a) for a in event.source) or "–"),
            Text(kind),
            Text(", ".join(names.get(a, a) for a in event.target) or "–"),
            Text(names.get(event.attributed_to, "reporter") if event.attributed_to else "reporter"),
            Text(event.evidence.text),
        )
    return table


def contested_section(analysis: Analysis):
    if not analysis.contested:
        return None
    parts = [Text(f"Contested claims ({len(analysis.contested)})", style="bold")]
    for item in analysis.contested:
        first, second = (analysis.events[i] for i in item.events)
        parts.append(Text(f"  #{item.events[0]} “{first.evidence.text}”  ⟷  #{item.events[1]} “{second.evidence.text}”  ({item.reason})"))
    return Group(*parts)


def render(analysis: Analysis, console: Console) -> None:
    document = analysis.document
    header = Text()
    header.append(document.title or document.id, style="bold")
    details = [f"id {document.id}"]
    if document.date:
        details.append(f"date {document.date}")
    if document.source:
        details.append(f"source {document.source}")
    details.append(f"{document.words:,} words")
    header.append("\n" + " · ".join(details), style="dim")
    console.print(Panel(header, expand=True))
    console.print(actors_table(analysis))
    console.print(quotes_section(analysis))
    console.print(events_table(analysis))
    contested = contested_section(analysis)
    if contested is not None:
        console.print(contested)
