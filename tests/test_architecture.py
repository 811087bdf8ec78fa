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
CORE = ("model", "canevas", "rules", "layout", "render", "demo", "errors")
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


@pytest.mark.parametrize("name", CORE)
def test_core_never_imports_excel_libraries(name: str) -> None:
    candidates = [SRC / f"{name}.py", *sorted((SRC / name).glob("*.py"))]
    files = [p for p in candidates if p.exists()]
    if not files:
        pytest.skip(f"{name} n'existe pas encore")
    for path in files:
        assert not imported_modules(path) & ADAPTER_ONLY, path


def test_no_sheet_names_or_cell_addresses_outside_layout() -> None:
    from classeur import layout

    sheet_names = {
        v for k, v in vars(layout).items() if k.startswith("SHEET_") and isinstance(v, str)
    }
    address = re.compile(r"""["'][A-Z]{1,3}[0-9]{1,7}(:[A-Z]{1,3}[0-9]{1,7})?["']""")
    for path in SRC.rglob("*.py"):
        if path.name == "layout.py":
            continue
        text = path.read_text(encoding="utf-8")
        for name in sheet_names:
            assert f'"{name}"' not in text, f"{path.name} écrit le nom de feuille {name!r}"
        found = [
            m.group(0)
            for m in address.finditer(text)
            if not re.fullmatch(r"""["']R[0-9]{1,2}["']""", m.group(0))
        ]
        assert not found, f"{path.name} contient des adresses de cellule {found}"


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from classeur.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'openpyxl', 'pandas', 'xlwings', 'jinja2', 'numpy'} & set(sys.modules)\n"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
