"""The PDF of an export: rendered by a pluggable maker (LibreOffice on the command line,
Excel's own from the ribbon), then read back before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from classeur.domain import demo
from classeur.errors import ClasseurError
from classeur.files import xlsx_new
from classeur.files.export import bundle, pseudonyms, scan
from classeur.layout import outputs
from tests import exporting
from tests.conftest import needs_libreoffice


@needs_libreoffice
def test_the_pdf_maker_renders_the_copy_to_send(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    seen: list[Path] = []

    def maker(xlsx: Path, folder: Path) -> Path:
        seen.append(xlsx)
        return bundle.libreoffice_pdf(xlsx, folder)

    result = exporting.export(
        path, outputs.DOC_RENCONTRE, 2, ["pdf", "xlsx"], outdir=tmp_path, pdf_maker=maker
    )
    (xlsx,) = seen
    assert xlsx.name == "equipe-R2.xlsx"  # the trimmed copy, the one also sent as .xlsx
    assert [p.name for p in result.files] == ["equipe-R2.pdf", "equipe-R2.xlsx"]


def test_a_maker_that_writes_no_pdf_exports_nothing(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")

    def broken(xlsx: Path, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "equipe-R2.pdf"
        target.write_text("pas un PDF", encoding="utf-8")
        return target

    with pytest.raises(ClasseurError, match="Le PDF n'a pas été produit; rien n'a été exporté"):
        exporting.export(
            path, outputs.DOC_RENCONTRE, 2, ["pdf", "docx"], outdir=tmp_path, pdf_maker=broken
        )
    assert not list(tmp_path.glob("equipe-R2.*"))


@needs_libreoffice
def test_a_name_left_in_a_pdf_is_caught_without_pdftotext(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a teacher's Windows computer pdftotext is absent: pypdf reads the PDF alone."""
    c = demo.demo()
    name = sorted(e.eleve for e in c.grid)[0]
    path = xlsx_new.write_classeur(c, tmp_path / "equipe.xlsx")

    def leaky(xlsx: Path, folder: Path) -> Path:
        # A renderer that (wrongly) renders the original classeur, names and all.
        return bundle.libreoffice_pdf(path, folder)

    real_which = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda cmd, *a, **k: None if cmd == "pdftotext" else real_which(cmd)
    )
    with pytest.raises(ClasseurError, match="contenait encore"):
        exporting.export(
            path,
            outputs.DOC_GRILLE,
            None,
            ["pdf"],
            pseudonymise=True,
            outdir=tmp_path,
            pdf_maker=leaky,
        )
    assert not list(tmp_path.glob("*.pdf"))
    pz = pseudonyms.pseudonymizer(path, c)
    pdf = bundle.libreoffice_pdf(path, tmp_path / "rendu")
    text = "\n".join(t for _, t in scan._pdf_text(pdf.read_bytes()))
    assert name in pz.found(text)  # read by pypdf alone


def test_an_unreadable_pdf_is_refused() -> None:
    with pytest.raises(ClasseurError, match="n'a pas pu être relu"):
        scan._pdf_text(b"%PDF-1.7\n garbage without any object")
