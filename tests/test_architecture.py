"""DESIGN.md §3 made checkable: the core never imports xlwings or openpyxl; names live in
layout; `classeur --help` does not load heavy libraries."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "classeur"
CORE = ("domain", "sheets", "text", "layout")
ADAPTER_ONLY = {"xlwings", "openpyxl"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("folder", CORE)
def test_core_never_imports_excel_libraries(folder: str) -> None:
    files = sorted((SRC / folder).rglob("*.py"))
    assert files, folder
    for path in files:
        assert not imported_modules(path) & ADAPTER_ONLY, path


def code_strings(path: Path) -> list[str]:
    """String literals of a module, docstrings excluded."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


ADDRESS = re.compile(r"\$?[A-Z]{1,3}\$?[0-9]{1,7}(:\$?[A-Z]{1,3}\$?[0-9]{1,7})?")


def test_no_sheet_names_or_cell_addresses_outside_layout() -> None:
    from classeur.layout import structure

    sheet_names = {
        v for k, v in vars(structure).items() if k.startswith("SHEET_") and isinstance(v, str)
    }
    for path in SRC.rglob("*.py"):
        if path.parent.name == "layout":
            continue
        strings = code_strings(path)
        # canevas holds the seeds' wording: « Accueil » there is an agenda item, not a sheet.
        wording = {"Accueil"} if path.name == "canevas.py" else set()
        named = sorted((sheet_names - wording) & set(strings))
        assert not named, f"{path.name} écrit les noms de feuille {named}"
        addresses = [s for s in strings if ADDRESS.fullmatch(s)]
        assert not addresses, f"{path.name} contient des adresses de cellule {addresses}"


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from classeur.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'openpyxl', 'pandas', 'xlwings', 'jinja2', 'numpy'} & set(sys.modules)\n"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
