"""Compile the French catalogue of click's messages (.po -> .mo, with babel).

    python tools/compile_catalogue.py

tests/test_cli_french.py checks that the shipped .mo is the compilation of the .po.
"""

from __future__ import annotations

import io
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "src/classeur/cli/locale/fr/LC_MESSAGES"


def compiled(po: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, locale="fr_CA")
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main() -> None:
    po = CATALOGUE / "classeur.po"
    po.with_suffix(".mo").write_bytes(compiled(po))


if __name__ == "__main__":
    main()
