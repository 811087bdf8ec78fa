"""What the `classeur` command prints is in Québec typography: every command's help, its
messages, its errors (its own, a ClasseurError's, click's usage errors from the French
catalogue), its progress bars and its version pass tests/typography.py's scan (no ordinary
space before « : » or inside « », no straight apostrophe in French text, no « (s) », no
English word). What a teacher typed (a path, a value in a cell) is shown exactly as typed:
quoted in « », or alone on its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from classeur.cli.main import cli
from classeur.layout import structure
from tests.clirun import discover
from tests.typography import scan, unquoted

# A folder a teacher named, with straight apostrophes (and an English word): shown as is.
FOLDER = "l'équipe de D'Amours (of the team)"
TYPED_DATE = "l'an prochain"


def _groups(group=cli, prefix=()):  # type: ignore[no-untyped-def]
    yield prefix
    for name, cmd in sorted(group.commands.items()):
        if hasattr(cmd, "commands"):
            yield from _groups(cmd, (*prefix, name))


HELP_PAGES = [path for path, _ in discover()] + list(_groups())


@pytest.mark.parametrize("path", HELP_PAGES, ids=lambda p: " ".join(p) or "classeur")
def test_every_help_page_is_in_quebec_typography(path: tuple[str, ...]) -> None:
    out = CliRunner().invoke(cli, [*path, "--help"])
    assert out.exit_code == 0, out.output
    assert "Utilisation\u00a0: classeur" in out.output.replace("cli ", "classeur ")
    assert not scan(unquoted(out.output), " ".join(("classeur", *path, "--help")))
    # typeset before it is wrapped: no line begins with what must stay on the line before
    assert not re.findall(r"\n *[\u00a0\u202f»:;!?].*", out.output)


def _run(*args: str, code: int = 0) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == code, (args, out.output)
    return out.output


def _printed(folder: Path) -> dict[str, str]:
    """What a teacher sees on a year's usual commands and mistakes, in ``folder``."""
    path = folder / "classeur-demo.xlsx"
    reseau = folder / "reseau.xlsx"
    out = {"demo": _run("demo", "-o", str(path))}
    out["demo réseau"] = _run("demo", "-m", "reseau", "-o", str(reseau))
    out["nouveau"] = _run("nouveau", str(folder / "neuf.xlsx"), "-m", "car", "-t", "L'équipe")
    day = ("--aujourdhui", "2026-10-01")
    out["ordre-du-jour"] = _run("ordre-du-jour", str(path), "-r", "2", *day)
    out["compte-rendu futur"] = _run("compte-rendu", str(path), "-r", "5", *day)
    out["compiler"] = _run("compiler", str(path))
    out["bilan"] = _run("bilan", str(path))
    out["fiche"] = _run("fiche", str(reseau))
    out["plan"] = _run("plan", str(reseau))
    out["exporter grille"] = _run("exporter", str(path), "-d", "grille", "-f", "xlsx")
    out["exporter noms"] = _run(
        "exporter", str(path), "-d", "grille", "-f", "xlsx", "--noms-reels", "--remplacer"
    )
    out["verifier"] = _run("verifier", str(path), str(reseau))
    out["--version"] = _run("--version")
    # The mistakes: a ClasseurError, a refusal, click's usage errors.
    out["nouveau existant"] = _run("nouveau", str(path), "-m", "car", code=1)
    out["absent"] = _run("exporter", str(folder / "absent.xlsx"), code=1)
    out["fiche car"] = _run("fiche", str(path), code=1)
    out["argument en trop"] = _run("bilan", str(path), "x.xlsx", code=2)
    out["hors limites"] = _run("exporter", str(path), "-r", "0", code=2)
    out["date"] = _run("ordre-du-jour", str(path), "-r", "1", "--aujourdhui", "demain", code=2)
    out["choix"] = _run("exporter", str(path), "-d", "nimporte", code=2)
    out["option"] = _run("verifier", "--nimporte", code=2)
    out["commande"] = _run("nimporte", code=2)
    wb = load_workbook(path)
    wb[structure.SHEET_RENCONTRES]["B5"] = TYPED_DATE
    wb.save(path)
    out["verifier problème"] = _run("verifier", str(path), code=1)
    # Progress bars and the CEE's lines.
    out["demo cee"] = _run("demo", "--cee", str(folder / "cee"))
    out["cee"] = _run("cee", str(folder / "cee"), "-o", str(folder / "tb.xlsx"), *day)
    return out


def test_messages_errors_and_progress_are_in_quebec_typography(tmp_path: Path) -> None:
    folder = tmp_path / FOLDER
    folder.mkdir()
    printed = _printed(folder)
    # What the teacher typed is shown as typed: the folder's name and the cell's text.
    assert printed["demo"].strip() == str(folder / "classeur-demo.xlsx")
    side_file = folder / "classeur-demo-R2-ordre-du-jour.txt"
    assert f"Fichier écrit\u00a0: «\u00a0{side_file}\u00a0»" in printed["ordre-du-jour"]
    assert f"«\u00a0{TYPED_DATE}\u00a0» n’est pas une date" in printed["verifier problème"]
    assert "Lecture des réseaux\u00a0: 100\u00a0%" in printed["cee"]
    assert "Écriture des réseaux\u00a0: 100\u00a0%" in printed["demo cee"]
    faults = []
    for what, text in printed.items():
        assert text.strip(), what
        shown = unquoted(text).replace(str(folder), "…")
        faults += scan(shown.replace("classeur-demo.xlsx", "…").replace("reseau.xlsx", "…"), what)
    assert not faults, "\n".join(faults)


def test_a_line_is_typeset_but_what_it_quotes_is_not() -> None:
    from classeur.cli.french import typeset

    line = "Erreur : le fichier « /tmp/l'équipe : 1re/x.xlsx » n'existe pas : « D'Amours »."
    assert typeset(line) == (
        "Erreur\u00a0: le fichier «\u00a0/tmp/l'équipe : 1re/x.xlsx\u00a0» n’existe pas\u00a0: "
        "«\u00a0D'Amours\u00a0»."
    )
    assert typeset(typeset(line)) == typeset(line)
