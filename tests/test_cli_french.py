"""No English from click reaches a teacher: click's messages come from the French
catalogue shipped in the package, its help placeholders are French, and every command run
with bad input answers in French."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from classeur.cli import french as cli_french
from classeur.cli.main import cli
from tests.clirun import discover
from tools import compile_catalogue

CATALOGUE = compile_catalogue.CATALOGUE

# Words that only English output would hold (option names like --help are removed first).
ENGLISH = re.compile(
    r"\b(Usage|Error|Invalid|Missing|Choose|does not|is not|not in the range|match|"
    r"format|Try|COMMAND|ARGS|PATH|INTEGER|TEXT|FLOAT|Show this|required|default|No such|"
    r"unexpected|extra|Got|Aborted|Traceback|undefined|Unknown|exist|directory|file|"
    r"Options:|Commands:|Arguments:)\b"
)


def _click_messages() -> set[str]:
    """Every message click marks for translation (its gettext calls), from its source."""
    found: set[str] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            called = getattr(getattr(node, "func", None), "id", "")
            marked = isinstance(node, ast.Call) and called in ("_", "ngettext")
            if marked and node.args and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    return found


def test_the_shipped_catalogue_is_compiled_from_its_source() -> None:
    po = CATALOGUE / "classeur.po"
    assert po.with_suffix(".mo").read_bytes() == compile_catalogue.compiled(po)


def test_every_message_of_click_is_translated() -> None:
    fr = gettext.translation(cli_french.DOMAIN, CATALOGUE.parents[1], languages=["fr"])
    catalog = fr._catalog  # type: ignore[attr-defined]
    singulars = {k[0] if isinstance(k, tuple) else k for k in catalog}
    missing = sorted(m for m in _click_messages() if m not in singulars)
    assert not missing, f"click messages without French: {missing}"


def _english(output: str) -> list[str]:
    text = re.sub(r"--?[\w-]+", " ", output)  # option names are not words
    return ENGLISH.findall(text)


def _bad_invocations(path: tuple[str, ...], cmd: click.Command, missing: str) -> list[list[str]]:
    """The command with: no argument, an unknown option, an extra argument, a file that
    does not exist, and every option given a value it refuses."""
    args = [p for p in cmd.params if isinstance(p, click.Argument)]
    files = [missing for _ in args]
    runs = [[*path], [*path, "--nimporte"], [*path, *files, "en", "trop"], [*path, *files]]
    for p in cmd.params:
        if isinstance(p, click.Option) and not p.is_flag:
            for bad in ("0", "nimporte", "2026-13-45"):
                runs.append([*path, *files, p.opts[-1], bad])
            runs.append([*path, *files, p.opts[-1]])  # option without its value
    return runs


@pytest.mark.parametrize(
    "path,cmd", list(discover()), ids=lambda x: "-".join(x) if isinstance(x, tuple) else ""
)
def test_every_command_answers_bad_input_in_french(tmp_path: Path, path, cmd) -> None:
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):  # a value taken as a file name
        for argv in [*_bad_invocations(path, cmd, "absent.xlsx"), [*path, "--help"]]:
            out = runner.invoke(cli, argv)
            assert out.exception is None or isinstance(out.exception, SystemExit), argv
            assert not _english(out.output), (argv, _english(out.output), out.output)


def test_usage_errors_are_french() -> None:
    out = CliRunner().invoke(cli, ["exporter", "x.xlsx", "-r", "0"])
    assert "0 n’est pas dans l’intervalle permis (1 ou plus)" in out.output
    out = CliRunner().invoke(cli, ["exporter", "x.xlsx", "-d", "nimporte"])
    assert "choisissez parmi «\u00a0rencontre\u00a0»" in out.output
    out = CliRunner().invoke(
        cli, ["ordre-du-jour", "x.xlsx", "-r", "1", "--aujourdhui", "2026-13-45"]
    )
    assert "«\u00a02026-13-45\u00a0» n’est pas une date" in out.output
    out = CliRunner().invoke(cli, ["verifier", "--nimporte"])
    assert "Option inconnue" in out.output
    out = CliRunner().invoke(cli, ["bilan", "a.xlsx", "b.xlsx"])
    assert "Argument en trop\u00a0: «\u00a0b.xlsx\u00a0»" in out.output
    out = CliRunner().invoke(cli, ["bilan", "a.xlsx", "b.xlsx", "c.xlsx"])
    assert "Arguments en trop\u00a0: «\u00a0b.xlsx c.xlsx\u00a0»" in out.output


def test_help_placeholders_are_french() -> None:
    out = CliRunner().invoke(cli, ["exporter", "--help"])
    assert "-o, --sortie DOSSIER" in out.output
    assert "--modele-word FICHIER" in out.output
    assert "-r, --rencontre NOMBRE" in out.output
    top = CliRunner().invoke(cli, ["--help"])
    assert "COMMANDE [ARGUMENTS]…" in top.output
    assert "Commandes\u00a0:" in top.output
