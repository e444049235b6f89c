"""The `newsgraph` command line. Each command group lives in a module of its own."""

from __future__ import annotations

import os
import sys

import click

from ..errors import NewsgraphError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="newsgraph")
def cli() -> None:
    """Who the actors are, who said what, and who did what to whom, from news text,
    with every fact traceable to its sentence."""


def _register() -> None:
    from . import analyze, evaluate, export, ingest, kb, query, recode, serve

    for module in (analyze, evaluate, ingest, recode, query, export, serve, kb):
        module.register(cli)


_register()


def error_line(message: str) -> None:
    """The one style of every error the CLI reports: `newsgraph: error: MESSAGE` on stderr."""
    click.echo(f"newsgraph: error: {' '.join(str(message).split())}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI: errors of use or input are one line on stderr, never a traceback."""
    try:
        returned = cli.main(args=argv, prog_name="newsgraph", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("newsgraph: interrupted", err=True)
        return 130
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "newsgraph"
        error_line(f"{error.format_message()} (see '{command} --help')")
        return error.exit_code
    except click.ClickException as error:
        error_line(error.format_message())
        return error.exit_code
    except NewsgraphError as error:
        error_line(str(error))
        return 1
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: say so in one line, traceback on request
        if os.environ.get("NEWSGRAPH_DEBUG"):
            raise
        click.echo(f"newsgraph: internal error: {type(error).__name__}: {error} (set NEWSGRAPH_DEBUG=1 for the traceback)", err=True)
        return 70
    return returned if isinstance(returned, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
