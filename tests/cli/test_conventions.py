"""The conventions of the command line: one error style, help for every command, dates
checked, `--asserted-only` meaning asserted."""

from __future__ import annotations

import click
import pytest

from newsgraph.cli import cli, main


def commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield path + (name,), command
        if isinstance(command, click.Group):
            yield from commands(command, path + (name,))


def test_every_command_has_help_text():
    missing = [" ".join(path) for path, command in commands(cli) if not (command.help or "").strip()]
    assert not missing, f"commands without help: {missing}"
    short = {" ".join(path): command.get_short_help_str(200) for path, command in commands(cli)}
    assert all(text.strip() for text in short.values()), short


def test_export_tables_say_what_they_hold(capsys):
    for kind, word in (("events", "Goldstein"), ("quotes", "speaker"), ("actors", "country")):
        with pytest.raises(SystemExit):
            cli.main(["export", kind, "--help"], prog_name="newsgraph")
        assert word in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["frobnicate"],                                     # no such command
    ["events", "--quad-class", "9"],                    # a bad value
    ["events", "--since", "2023-13"],                   # no calendar date
    ["quotes", "--until", "2023-02-30"],
    ["quotes", "--db", "/nonexistent/folder/none.sqlite"],  # an input problem
])
def test_every_error_is_one_line_in_one_style(capsys, argv):
    assert main(argv) in (1, 2)
    err = capsys.readouterr().err
    assert err.startswith("newsgraph: error: ") and err.count("\n") == 1, err


def test_a_malformed_date_is_named(capsys):
    assert main(["events", "--since", "2023-13"]) == 2
    assert "'2023-13' is not a date" in capsys.readouterr().err
