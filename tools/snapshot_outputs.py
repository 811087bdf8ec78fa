"""Snapshot of everything Classeur produces from its demos, to compare two versions.

A restructuring must not change what a teacher gets. Run this script on each version and
compare the two snapshots:

    python tools/snapshot_outputs.py snapshot before.json   # on the old version
    python tools/snapshot_outputs.py snapshot after.json    # on the new one
    python tools/snapshot_outputs.py compare before.json after.json

The snapshot holds, for both demos (CAR and réseau): every cell of every sheet (value or
formula, number format, style, merges, tables, validations, widths, heights, print setup,
charts), the side files, the messages of each command, and every export (PDF text, Word
text, the trimmed .xlsx cells, the e-mail's headers and parts). Times that change from run
to run (the export's clock, file dates) are fixed or left out.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

NOW = "2026-11-25T10:00:00"  # the export clock, fixed


def run(*args: str, cwd: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "classeur", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=_env(),
    )
    out = proc.stdout.replace(str(cwd), "<DIR>")
    err = proc.stderr.replace(str(cwd), "<DIR>")
    return {"args": list(args), "rc": proc.returncode, "stdout": out, "stderr": err}


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["CLASSEUR_EXPORT_NOW"] = NOW  # honoured by versions that support it
    env["TZ"] = "America/Montreal"
    return env


def workbook_snapshot(path: Path) -> dict[str, Any]:
    wb = load_workbook(path)
    out: dict[str, Any] = {"sheets": wb.sheetnames, "defined_names": sorted(wb.defined_names)}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and c.style == "Normal" and not c.has_style:
                    continue
                value = c.value
                if hasattr(value, "isoformat"):
                    value = value.isoformat()
                elif value is not None and not isinstance(value, int | float | str | bool):
                    value = repr(value)
                cells[c.coordinate] = [
                    value,
                    c.number_format,
                    c.style,
                    bool(c.font.b),
                    c.fill.fgColor.rgb if c.fill and c.fill.fill_type else None,
                    bool(c.alignment.wrap_text),
                    c.hyperlink.location or c.hyperlink.target if c.hyperlink else None,
                ]
        out[ws.title] = {
            "state": ws.sheet_state,
            "cells": cells,
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "tables": {t.displayName: t.ref for t in ws.tables.values()},
            "validations": sorted(
                f"{dv.sqref}|{dv.type}|{dv.formula1}" for dv in ws.data_validations.dataValidation
            ),
            "widths": {
                k: round(d.width, 2) for k, d in sorted(ws.column_dimensions.items()) if d.width
            },
            "heights": {
                str(k): round(d.height, 2) for k, d in sorted(ws.row_dimensions.items()) if d.height
            },
            "freeze": ws.freeze_panes,
            "print": [
                ws.page_setup.orientation,
                ws.page_setup.paperSize,
                ws.print_title_rows,
                sorted(b.id for b in ws.row_breaks.brk),
            ],
            "charts": [
                [type(ch).__name__, len(ch.series), str(ch.anchor._from.row)] for ch in ws._charts
            ],
            "conditional": sorted(
                f"{rng.sqref}|{[r.formula for r in rules]}"
                for rng, rules in ws.conditional_formatting._cf_rules.items()
            ),
        }
    return out


def docx_text(path: Path) -> list[str]:
    import docx

    d = docx.Document(str(path))
    lines = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            lines.append(" | ".join(c.text for c in row.cells))
    return lines


def pdf_text(path: Path) -> str:
    proc = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=False
    )
    return proc.stdout


def eml_snapshot(path: Path) -> dict[str, Any]:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    headers = {k: str(v) for k, v in msg.items() if k.lower() not in {"date", "message-id"}}
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        name = part.get_filename()
        if ctype.startswith("text/"):
            parts.append([ctype, name, part.get_content()])
        else:
            parts.append([ctype, name, len(part.get_payload(decode=True) or b"") > 0])
    return {"headers": headers, "parts": parts}


def file_snapshot(path: Path) -> Any:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return workbook_snapshot(path)
    if suffix == ".docx":
        return docx_text(path)
    if suffix == ".pdf":
        return pdf_text(path)
    if suffix == ".eml":
        return eml_snapshot(path)
    if suffix in {".html", ".txt"}:
        return path.read_text(encoding="utf-8")
    if zipfile.is_zipfile(path):
        return sorted(zipfile.ZipFile(path).namelist())
    return path.stat().st_size


EXPORTS_CAR = [
    ["-r", "1"],
    ["-r", "2", "-d", "compte-rendu"],
    ["-r", "4", "-d", "ordre-du-jour"],
    ["-d", "bilan"],
    ["-d", "grille", "--pseudonymiser"],
    ["-d", "classeur", "--pseudonymiser", "-f", "xlsx"],
]
EXPORTS_RESEAU = [
    ["-r", "1"],
    ["-r", "3", "-d", "ordre-du-jour"],
    ["-d", "bilan"],
    ["-d", "plan"],
    ["-d", "fiche"],
]


def snapshot(target: Path) -> None:
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for modele, exports in (("car", EXPORTS_CAR), ("reseau", EXPORTS_RESEAU)):
            folder = tmp / modele
            folder.mkdir()
            name = f"{modele}.xlsx"
            runs = [run("demo", "-m", modele, "-o", name, cwd=folder)]
            runs.append(run("verifier", name, cwd=folder))
            base = folder / name
            result[f"{modele}/workbook"] = workbook_snapshot(base)
            for args in exports:
                sub = folder / ("export-" + "_".join(a.strip("-") for a in args))
                sub.mkdir()
                copy = sub / name
                copy.write_bytes(base.read_bytes())
                (sub / "out").mkdir()
                # a fixed pseudonym key, so that codes are the same from run to run
                (sub / f"{modele}.cle-pseudonymes.txt").write_text("00" * 32 + "\n")
                runs.append(run("exporter", name, *args, "-o", "out", cwd=sub))
                for f in sorted((sub / "out").glob("*")) if (sub / "out").is_dir() else []:
                    result[f"{modele}/{sub.name}/{f.name}"] = file_snapshot(f)
            work = folder / "work"
            work.mkdir()
            (work / name).write_bytes(base.read_bytes())
            for args in (
                ["ordre-du-jour", name, "-r", "4", "--aujourdhui", "2026-11-25"],
                ["compte-rendu", name, "-r", "2", "--aujourdhui", "2026-11-25"],
                ["compiler", name],
                ["bilan", name],
            ):
                runs.append(run(*args, cwd=work))
            if modele == "reseau":
                runs.append(run("fiche", name, cwd=work))
                runs.append(run("plan", name, "--horaire", "4-apres-midis", cwd=work))
            for f in sorted(work.iterdir()):
                if f.is_file():
                    result[f"{modele}/work/{f.name}"] = file_snapshot(f)
            result[f"{modele}/runs"] = runs
    text = json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    # bilan, journal: today's date and the export clock are not outputs of the code
    text = re.sub(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?", "<DATETIME>", text)
    text = re.sub(r'boundary=\\"=+\d+=+\\"', "boundary=<BOUNDARY>", text)
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {len(result)} entries")


def compare(a: Path, b: Path) -> int:
    left = json.loads(a.read_text(encoding="utf-8"))
    right = json.loads(b.read_text(encoding="utf-8"))
    diffs: list[str] = []

    def walk(x: Any, y: Any, where: str) -> None:
        if len(diffs) > 200:
            return
        if isinstance(x, dict) and isinstance(y, dict):
            for k in sorted(set(x) | set(y)):
                if k not in x or k not in y:
                    diffs.append(f"{where}/{k}: only in {'after' if k not in x else 'before'}")
                else:
                    walk(x[k], y[k], f"{where}/{k}")
        elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
            for i, (u, v) in enumerate(zip(x, y, strict=True)):
                walk(u, v, f"{where}[{i}]")
        elif x != y:
            diffs.append(f"{where}: {str(x)[:300]!r} != {str(y)[:300]!r}")

    walk(left, right, "")
    for d in diffs:
        print(d)
    print(f"{len(diffs)} difference(s)")
    return 1 if diffs else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "snapshot":
        snapshot(Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
