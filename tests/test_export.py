"""`classeur exporter`: every exported file reopened with an independent reader.

One module-scoped set of exports (LibreOffice is slow): a pseudonymised copy of the whole
classeur in every format, the grille as PDF, a rencontre in clear, a team's own template.
"""

from __future__ import annotations

import email
import html
import io
import re
import subprocess
import zipfile
from email import policy
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.worksheet.datavalidation import DataValidation

from classeur.domain import demo
from classeur.errors import ClasseurError
from classeur.excel import addin
from classeur.files import filebook, libreoffice, xlsx_new, xlsx_read
from classeur.files.export import bundle, displayed, pseudonyms, scan
from classeur.layout import excel_addin, outputs, structure, vocabulary
from tests import exporting
from tests.conftest import needs_libreoffice

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]

DATE = "2026-11-25 09:30"


def _decorated_classeur(path: Path) -> list[str]:
    """The demo, with student names hidden in every corner a careless export would leak."""
    c = demo.demo()
    c.settings.titre = "Histoire & géo <4e>"
    names = sorted({e.eleve for e in c.grid})
    c.actions[0].notes = f"Rencontrer {names[0]} et {names[1].upper()} lundi"
    xlsx_new.write_classeur(c, path)
    wb = load_workbook(path)
    grille = wb[structure.SHEET_GRILLE]
    grille.cell(row=5, column=1).comment = Comment(f"Voir {names[2]}", "Nadia Ouellet")
    chart = BarChart()
    chart.title = f"Progression de {names[3]}"
    chart.add_data(Reference(grille, min_col=4, min_row=4, max_row=8), titles_from_data=True)
    grille.add_chart(chart, "Z2")
    hidden = wb.create_sheet("Notes privées")
    hidden["A1"] = f"{names[4]} : plan d'intervention"
    hidden.sheet_state = "hidden"
    chart.set_categories(Reference(grille, min_col=1, min_row=5, max_row=8))
    notes = wb.create_sheet(f"Notes {names[6]}")
    notes["A1"] = f"Suivi de {names[6]}"
    quoted = "'" + notes.title.replace("'", "''") + "'"
    wb[structure.SHEET_ACCUEIL]["D40"] = f"={quoted}!A1"
    wb[structure.SHEET_ACCUEIL]["D41"] = f'="Aussi : {names[7]}"'
    tab = wb.create_sheet(names[0].split()[0])  # a tab named after a first name alone
    tab["A1"] = "Plan"
    wb[structure.SHEET_ACCUEIL]["D42"] = f"={tab.title}!A1"
    dv = DataValidation(type="list", formula1='"oui,non"', prompt=f"Pour {names[8]}")
    dv.add("Z1")
    grille.add_data_validation(dv)
    wb.properties.creator = "Nadia Ouellet"
    wb.properties.lastModifiedBy = "Nadia Ouellet"
    wb.properties.subject = names[5]
    wb.save(path)
    # Through LibreOffice once, as a file edited in an office suite: the chart now caches
    # the students' names it shows.
    converted = libreoffice.convert(path, "xlsx", path.parent / "lo")
    path.write_bytes(converted.read_bytes())
    return names


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("export")
    path = root / "equipe.xlsx"
    names = _decorated_classeur(path)
    out = root / "envois"
    out.mkdir()
    import datetime as dt

    now = dt.datetime(2026, 11, 25, 9, 30)
    full = exporting.export(
        path,
        outputs.DOC_CLASSEUR,
        None,
        list(outputs.FORMATS),
        pseudonymise=True,
        outdir=out,
        now=now,
    )
    grille = exporting.export(
        path, outputs.DOC_GRILLE, None, ["pdf", "xlsx"], pseudonymise=True, outdir=out, now=now
    )
    team_template = root / "notre-modele.docx"
    doc = WordDocument()
    doc.add_paragraph("Notre gabarit : {{ doc.label }} pour {{ doc.classeur_title }}")
    doc.save(team_template)
    rencontre = exporting.export(
        path,
        outputs.DOC_RENCONTRE,
        2,
        ["docx", "eml", "xlsx"],
        outdir=out,
        now=now,
        to="a@exemple.qc.ca; b@exemple.qc.ca",
    )
    own = exporting.export(
        path,
        outputs.DOC_RENCONTRE,
        3,
        ["docx"],
        outdir=root,
        word_template=team_template,
        now=now,
    )
    return {
        "path": path,
        "names": names,
        "full": full,
        "grille": grille,
        "rencontre": rencontre,
        "own": own,
        "out": out,
    }


# --------------------------------------------------------------------------------------
# An independent scan: every part of every file, decoded
# --------------------------------------------------------------------------------------
def _all_text(name: str, data: bytes) -> str:
    if name.endswith(".eml"):
        msg = email.message_from_bytes(data, policy=policy.default)
        parts = [str(msg)]
        for part in msg.walk():
            if not part.is_multipart():
                payload = part.get_payload(decode=True) or b""
                parts.append(_all_text(part.get_filename() or "", payload))
                parts += [str(v) for v in part.values()]
        return "\n".join(parts)
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(
                f"{i.filename}\n" + _all_text(i.filename, z.read(i)) for i in z.infolist()
            )
    if data[:5] == b"%PDF-":
        return subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
    text = data.decode("utf-8", errors="replace")
    return text + "\n" + html.unescape(re.sub(r"<[^>]+>", "", text))


def _leaks(text: str, names: list[str]) -> list[str]:
    folded = " ".join(text.casefold().split())
    return [n for n in names if n.casefold() in folded]


def test_pseudonymised_exports_contain_no_student_name(exported) -> None:
    files = exported["full"].files + exported["grille"].files
    assert {p.suffix for p in files} == {".pdf", ".docx", ".xlsx", ".eml"}
    for path in files:
        text = _all_text(path.name, path.read_bytes())
        assert _leaks(text, exported["names"]) == [], path.name
        if path in exported["full"].files or path.suffix == ".xlsx":
            assert "Élève-" in text, path.name  # the students are there, as codes
    # The grille's PDF is its summary: no student in it, not even as a code.
    grille_pdf = next(p for p in exported["grille"].files if p.suffix == ".pdf")
    assert "Élève-" not in _all_text(grille_pdf.name, grille_pdf.read_bytes())
    # The scan can fail: the classeur itself leaks through comments, chart, hidden sheet.
    original = exported["path"].read_bytes()
    assert len(_leaks(_all_text("equipe.xlsx", original), exported["names"])) > 5
    pz = pseudonyms.pseudonymizer(exported["path"], xlsx_read.read_classeur(exported["path"]))
    with pytest.raises(ClasseurError, match="annulée"):
        scan.check_pseudonymised(exported["path"], pz)


def test_codes_are_stable_and_key_stays_home(exported) -> None:
    key_file = pseudonyms.key_path(exported["path"])
    assert key_file.exists() and key_file.stat().st_mode & 0o077 == 0
    key_hex = next(ln for ln in key_file.read_text().splitlines() if not ln.startswith("#"))
    full_xlsx = next(p for p in exported["full"].files if p.suffix == ".xlsx")
    grille_xlsx = next(p for p in exported["grille"].files if p.suffix == ".xlsx")

    def codes(p: Path) -> list[str]:
        ws = load_workbook(p)[structure.SHEET_GRILLE]
        return [
            r[0] for r in ws.iter_rows(min_row=structure.TABLE_HEADER_ROW + 1, values_only=True)
        ]

    assert codes(full_xlsx) == codes(grille_xlsx)
    assert len(set(codes(full_xlsx))) == len(exported["names"])
    for path in exported["out"].iterdir():
        assert key_hex not in _all_text(path.name, path.read_bytes())
        assert key_file.name not in path.name


def test_xlsx_copy_is_trimmed_and_clean(exported) -> None:
    full_xlsx = next(p for p in exported["full"].files if p.suffix == ".xlsx")
    with zipfile.ZipFile(full_xlsx) as z:
        parts = z.namelist()
        core = z.read("docProps/core.xml").decode()
    assert not any("vbaProject" in p or "comments" in p for p in parts)
    assert "Nadia Ouellet" not in core and "openpyxl" not in core
    wb = load_workbook(full_xlsx)
    # the team as author (its title, escaped as XML), not a person nor a library
    assert wb.properties.creator == wb.properties.lastModifiedBy == "Histoire & géo <4e>"
    assert wb.properties.language == "fr-CA"
    assert structure.SHEET_PARAMETRES not in wb.sheetnames
    assert structure.SHEET_JOURNAL not in wb.sheetnames
    assert "Notes privées" not in wb.sheetnames
    assert all(ws.sheet_state == "visible" for ws in wb.worksheets)
    accueil = wb[structure.SHEET_ACCUEIL]
    values = [r[:2] for r in accueil.iter_rows(values_only=True) if r[0] == "Titre"]
    assert values == [("Titre", "Histoire & géo <4e>")]  # frozen: its setting sheet is gone
    members = [r[:2] for r in accueil.iter_rows(values_only=True) if r[0] == "Membres"]
    assert members[0][1] == "=COUNTA(tblEquipe[Nom])"  # still live: tblEquipe was kept
    renamed = [n for n in wb.sheetnames if n.startswith("Notes ")]
    assert len(renamed) == 1 and outputs.PSEUDO_PREFIX in renamed[0]
    quoted = "'" + renamed[0].replace("'", "''") + "'"
    assert accueil["D40"].value == f"={quoted}!A1"  # still points at the renamed sheet
    assert accueil["D41"].value.startswith('="Aussi : ' + outputs.PSEUDO_PREFIX)
    first = exported["names"][0].split()[0]
    pz = pseudonyms.pseudonymizer(exported["path"], xlsx_read.read_classeur(exported["path"]))
    assert first not in wb.sheetnames and pz.text(first) in wb.sheetnames
    assert accueil["D42"].value == f"='{pz.text(first)}'!A1"  # quoted: the code has a hyphen
    rencontre = load_workbook(next(p for p in exported["rencontre"].files if p.suffix == ".xlsx"))
    assert rencontre.sheetnames == ["R2"]


def test_pdf_is_letter_and_nothing_is_cut(exported, tmp_path: Path) -> None:
    pdf = next(p for p in exported["full"].files if p.suffix == ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "(letter)" in info.stdout
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    last_header = structure.grille_header("A4", vocabulary.BLOC_FINALE)
    assert last_header in " ".join(text.split())  # the last column made it onto the page
    assert structure.SHEET_GRILLE in text
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p*.png"))
    assert pages
    for png in pages:
        width, height = _png_size(png)
        # Letter at 40 dpi: 340 x 440 (or landscape).
        assert sorted((width, height)) == [340, 440], png.name


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_docx_from_shipped_and_team_templates(exported) -> None:
    path = next(p for p in exported["rencontre"].files if p.suffix == ".docx")
    d = WordDocument(str(path))
    texts = [p.text for p in d.paragraphs]
    # R2 is past (the export runs on 25 November 2026): its compte rendu
    assert texts[:2] == ["Compte rendu", "Histoire & géo <4e>"]
    assert texts[2].startswith("Rencontre 2") and texts[3].startswith("mardi 20 octobre 2026")
    assert d.core_properties.author == "Histoire & géo <4e>"  # the team, not a person
    assert d.core_properties.title.startswith("Compte rendu – Rencontre 2")
    assert d.core_properties.language == "fr-CA"
    assert d.sections[0].header.paragraphs[0].text == "Histoire & géo <4e> – Rencontre 2"
    assert not any("{{" in t or "{%" in t for t in texts)
    own = WordDocument(str(exported["own"].files[0]))
    assert [p.text for p in own.paragraphs] == [
        "Notre gabarit : Rencontre 3 du mardi 17 novembre 2026 pour Histoire & géo <4e>"
    ]
    full_docx = next(p for p in exported["full"].files if p.suffix == ".docx")
    tables = WordDocument(str(full_docx)).tables
    cells = {c.text for t in tables for row in t.rows for c in row.cells}
    assert structure.grille_header("A4", vocabulary.BLOC_FINALE) in cells
    assert any(c.startswith(outputs.PSEUDO_PREFIX) for c in cells)


def test_email_draft(exported) -> None:
    path = next(p for p in exported["full"].files if p.suffix == ".eml")
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1"
    c = xlsx_read.read_classeur(exported["path"])
    assert [a.addr_spec for a in msg["To"].addresses] == [m.courriel for m in c.members]
    assert msg["Subject"] == "Classeur – Histoire & géo <4e>"
    body = msg.get_body(("html",)).get_content()
    assert "Histoire &amp; géo &lt;4e&gt;" in body and "<4e>" not in body
    assert "Bonjour," in msg.get_body(("plain",)).get_content()
    names = sorted(p.get_filename() for p in msg.iter_attachments())
    assert names == sorted(p.name for p in exported["full"].files if p.suffix != ".eml")
    for part in msg.iter_attachments():
        if part.get_filename().endswith(".xlsx"):
            load_workbook(io.BytesIO(part.get_content()))  # opens
    rencontre = next(p for p in exported["rencontre"].files if p.suffix == ".eml")
    msg = email.message_from_bytes(rencontre.read_bytes(), policy=policy.default)
    assert msg["To"] == "a@exemple.qc.ca, b@exemple.qc.ca"
    assert msg["Subject"].startswith("Rencontre 2 du mardi 20 octobre 2026")


def test_every_export_is_logged(exported) -> None:
    wb = load_workbook(exported["path"])
    ws = wb[structure.SHEET_JOURNAL]
    assert "tblJournal" in ws.tables
    rows = [r for r in ws.iter_rows(min_row=structure.TABLE_HEADER_ROW + 1, values_only=True)]
    assert [r[1] for r in rows] == [
        "Classeur",
        "Grille de compilation",
        "Rencontre 2 du mardi 20 octobre 2026",
        "Rencontre 3 du mardi 17 novembre 2026",
    ]
    assert [r[4] for r in rows] == ["Oui", "Oui", "Non", "Non"]
    assert rows[0][2] == "pdf, docx, xlsx, eml"
    assert rows[0][3].startswith("despard.andree-anne@")
    assert rows[1][3] == structure.JOURNAL_NO_RECIPIENT
    assert rows[2][3] == "a@exemple.qc.ca, b@exemple.qc.ca"
    assert str(rows[0][0]).startswith(DATE[:16])
    names = wb.sheetnames
    assert names.index(structure.SHEET_JOURNAL) == names.index(structure.SHEET_PARAMETRES) - 1
    assert xlsx_read.read_classeur(exported["path"]).settings.titre == "Histoire & géo <4e>"


def test_team_template_runs_in_a_sandbox(exported, tmp_path: Path) -> None:
    evil = tmp_path / "piege.docx"
    doc = WordDocument()
    doc.add_paragraph("{{ doc.__class__.__init__.__globals__ }}")
    doc.save(evil)
    with pytest.raises(ClasseurError, match=r"Modèle Word « piege\.docx » : Le modèle tente"):
        exporting.export(
            exported["path"],
            outputs.DOC_RENCONTRE,
            1,
            ["docx"],
            outdir=tmp_path,
            word_template=evil,
        )
    assert not list(tmp_path.glob("*-R1.docx"))


def test_refuses_to_overwrite_and_explains(exported) -> None:
    with pytest.raises(ClasseurError, match="existe déjà"):
        exporting.export(
            exported["path"], outputs.DOC_RENCONTRE, 2, ["docx"], outdir=exported["out"]
        )
    with pytest.raises(ClasseurError, match="rencontre 9 n'existe pas"):
        exporting.export(exported["path"], outputs.DOC_RENCONTRE, 9, ["docx"])
    with pytest.raises(ClasseurError, match="Format inconnu"):
        bundle.parse_formats("pdf,zip")


def test_copy_of_a_macro_workbook_carries_no_macro(tmp_path: Path) -> None:
    xlam = addin.data_dir() / excel_addin.ADDIN_FILE
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    wb = load_workbook(path)
    wb.vba_archive = zipfile.ZipFile(xlam)  # a real VBA project, taken from the add-in
    macro_book = tmp_path / "equipe.xlsm"
    wb.save(macro_book)
    with zipfile.ZipFile(macro_book) as z:
        assert "xl/vbaProject.bin" in z.namelist()
    result = exporting.export(macro_book, outputs.DOC_GRILLE, None, ["xlsx"], outdir=tmp_path)
    with zipfile.ZipFile(result.files[0]) as z:
        assert not [n for n in z.namelist() if "vba" in n.lower()]
        assert "macroEnabled" not in z.read("[Content_Types].xml").decode()
    assert result.files[0].suffix == ".xlsx"


def test_rencontre_emails_carry_the_rencontres_documents(tmp_path: Path) -> None:
    """-r N: the email body is the rencontre's own ordre du jour (before it) or compte
    rendu (after it), as `classeur ordre-du-jour/compte-rendu` render them; pseudonymised,
    a student named in the minutes becomes a code in the body too."""
    import datetime as dt

    from classeur.domain import rencontres
    from classeur.sheets import rencontre

    c = demo.demo(vocabulary.MODELE_RESEAU)
    path = xlsx_new.write_classeur(c, tmp_path / "reseau.xlsx")
    student = sorted(e.eleve for e in c.grid)[0]
    typed = rencontres.Saisie(
        presences={"Nadia Ouellet": "Absent"},
        blocks={"Résumé de la rencontre": f"Étude du cas de {student} & co <b>."},
    )
    filebook.update_classeur(
        path, lambda e: rencontre.saisir(e.model, e.sheet_values, 2, typed, dt.date(2026, 11, 19))
    )
    after = exporting.export(
        path,
        outputs.DOC_RENCONTRE,
        2,
        ["eml"],
        outdir=tmp_path,
        today=dt.date(2026, 12, 1),
        pseudonymise=True,
    )
    (tmp_path / "avant").mkdir()
    before = exporting.export(
        path,
        outputs.DOC_RENCONTRE,
        2,
        ["eml"],
        outdir=tmp_path / "avant",
        today=dt.date(2026, 11, 1),
    )

    def body(p: Path) -> tuple[str, str, str]:
        msg = email.message_from_bytes(p.read_bytes(), policy=policy.default)
        return (
            msg["Subject"],
            msg.get_body(("plain",)).get_content().replace("\r\n", "\n"),
            msg.get_body(("html",)).get_content(),
        )

    subject, text, html_body = body(after.files[0])
    assert subject.startswith("Rencontre 2 du jeudi 19 novembre 2026")
    assert text.startswith("Compte rendu\n")
    assert "Membres (cocher les membres présents)" in text
    assert "☐Nadia Ouellet" in text
    assert student not in text and student not in html_body and "Étude du cas de Élève-" in text
    assert "&amp; co &lt;b&gt;" in html_body and "<b>." not in html_body
    subject, text, _ = body(before.files[0])
    assert text.startswith("Ordre du jour\n") and student not in text  # no minutes yet
    odj = exporting.export(
        path, outputs.DOC_ODJ, 3, ["eml"], outdir=tmp_path, today=dt.date(2026, 12, 1)
    )
    subject, text, _ = body(odj.files[0])
    assert subject.startswith("Ordre du jour de la rencontre 3 du jeudi 11 février 2027")
    assert odj.files[0].name == "reseau-R3-ordre-du-jour.eml"


def test_a_journal_that_cannot_be_written_is_reported(
    exported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The classeur open and locked in Excel (Windows) cannot be simulated as root here:
    # the file adapter's own French error stands in for it.
    def locked(path: object, make_update: object) -> None:
        raise ClasseurError(
            "Impossible d'écrire « equipe.xlsx » : le fichier est protégé ou ouvert ailleurs.",
            hint="Fermez-le dans Excel puis recommencez.",
        )

    monkeypatch.setattr(filebook, "update_classeur", locked)
    with pytest.raises(ClasseurError) as err:
        exporting.export(exported["path"], outputs.DOC_RENCONTRE, 1, ["docx"], outdir=tmp_path)
    message = str(err.value)
    assert "Les fichiers ont été écrits (equipe-R1.docx)" in message
    assert "Journal des envois" in message and "Fermez-le dans Excel" in message
    assert (tmp_path / "equipe-R1.docx").exists()


def test_without_libreoffice_missing_values_are_announced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")  # no cached values
    monkeypatch.setattr(libreoffice, "soffice", lambda: None)  # a computer without LibreOffice
    result = exporting.export(path, outputs.DOC_CLASSEUR, None, ["docx"], outdir=tmp_path)
    assert displayed.NO_VALUES in result.messages
    # The documents' PDF needs no LibreOffice: it is rendered in Python.
    (made,) = exporting.export(path, outputs.DOC_GRILLE, None, ["pdf"], outdir=tmp_path).files
    assert made.read_bytes()[:5] == b"%PDF-"


def test_draft_without_addresses_says_so(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.blank("car", "Équipe 1"), tmp_path / "vide.xlsx")
    result = exporting.export(path, outputs.DOC_RENCONTRE, 1, ["eml"], outdir=tmp_path)
    msg = email.message_from_bytes(result.files[0].read_bytes(), policy=policy.default)
    assert msg["To"] is None and msg["X-Unsent"] == "1"
    assert any("Aucune adresse courriel" in m and "« Équipe »" in m for m in result.messages)


def test_names_typed_alone_are_replaced_in_every_format(tmp_path: Path) -> None:
    """A teacher types first names alone in a rencontre's notes and compte rendu; every
    pseudonymised file, reopened with its own reader, shows codes instead. Students named
    like a font of the workbook's theme (Shruti) or a formula function (MIN) do not stop
    the export, and ordinary lowercase words (« petit », a family name here) stay."""
    import datetime as dt

    from classeur.domain import rencontres
    from classeur.sheets import rencontre

    c = demo.demo(vocabulary.MODELE_RESEAU)
    renamed = {
        "Logan Haddad": "Min Petit",
        "Antoine Morin": "Shruti Patel",
        "Juliette Simard": "Marie-Ève Simard",
    }
    for entry in c.grid:
        entry.eleve = renamed.get(entry.eleve, entry.eleve)
    path = xlsx_new.write_classeur(c, tmp_path / "reseau.xlsx")
    note = "Léa a progressé en A2. MARIE-ÈVE et Liam lisent en petit groupe avec Min; Shruti aussi."
    typed = rencontres.Saisie(items={1: {"notes": note}}, blocks={"Résumé de la rencontre": note})
    filebook.update_classeur(
        path, lambda e: rencontre.saisir(e.model, e.sheet_values, 2, typed, dt.date(2026, 11, 19))
    )
    result = exporting.export(
        path,
        outputs.DOC_RENCONTRE,
        2,
        ["pdf", "docx", "xlsx", "eml"],
        pseudonymise=True,
        outdir=tmp_path,
        today=dt.date(2026, 12, 1),
    )
    pz = pseudonyms.pseudonymizer(path, xlsx_read.read_classeur(path))
    lea = pz.text("Léa Diallo")

    def readable(p: Path) -> str:
        if p.suffix == ".pdf":
            return subprocess.run(
                ["pdftotext", str(p), "-"], capture_output=True, text=True, check=True
            ).stdout
        if p.suffix == ".docx":
            d = WordDocument(str(p))
            cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
            return "\n".join([x.text for x in d.paragraphs] + cells)
        if p.suffix == ".xlsx":
            wb = load_workbook(p)
            values = [str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row]
            return "\n".join(wb.sheetnames + values)
        msg = email.message_from_bytes(p.read_bytes(), policy=policy.default)
        bodies = [msg.get_body((kind,)).get_content() for kind in ("plain", "html")]
        return "\n".join([msg["Subject"], *bodies, html.unescape(bodies[1])])

    assert {p.suffix for p in result.files} == {".pdf", ".docx", ".xlsx", ".eml"}
    for p in result.files:
        text = " ".join(readable(p).split())
        assert "Élève-" in text and "petit groupe" in text, p.name
        for typed_alone in ("Léa", "MARIE-ÈVE", "Liam", "Min", "Shruti"):
            assert not re.search(rf"(?<!\w){typed_alone}(?!\w)", text), (p.name, typed_alone)
        assert f"{lea} a progressé" in text.replace("- ", "-"), p.name


def test_the_final_check_refuses_a_first_name_alone(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    pz = pseudonyms.pseudonymizer(path, xlsx_read.read_classeur(path))
    note = tmp_path / "note.docx"
    doc = WordDocument()
    doc.add_paragraph("Suivi : Léa a progressé en lecture, en petit groupe.")
    doc.save(note)
    with pytest.raises(ClasseurError) as info:
        scan.check_pseudonymised(note, pz)
    assert "contenait encore un nom ou un prénom d'élève : « Léa » (contenu, corps du " in str(
        info.value
    )
    doc.paragraphs[0].text = "Suivi : léa ou un petit groupe, =MIN(A1), " + pz.text("Léa")
    doc.save(note)
    scan.check_pseudonymised(note, pz)  # lowercase words and codes pass
    # The recipients are adults the teacher chose: « Liam.Roy@… » is an address, not Liam.
    draft = email.message.EmailMessage()
    draft["To"] = "Liam.Roy@ecole.qc.ca"
    draft.set_content(f"Bonjour, voici le suivi de {pz.text('Léa')}.")
    eml = tmp_path / "brouillon.eml"
    eml.write_bytes(bytes(draft))
    scan.check_pseudonymised(eml, pz)
    draft.set_content("Bonjour, voici le suivi de Liam.")
    eml.write_bytes(bytes(draft))
    with pytest.raises(ClasseurError, match="annulée"):
        scan.check_pseudonymised(eml, pz)
