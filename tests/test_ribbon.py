"""The ribbon and the Excel binding, without Excel: xlwings' remote engine runs the real
xlwings code on a book built from the demo classeur and records what would be written."""

from __future__ import annotations

import ast
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from classeur import features
from classeur.domain import demo
from classeur.domain.model import Classeur, Member
from classeur.errors import ClasseurError
from classeur.excel import addin, book, clicks, places, ribbon, sheet_writer
from classeur.files import filebook, xlsx_new, xlsx_read
from classeur.layout import annexes, excel_addin, outputs, structure, styling, vocabulary
from classeur.sheets.sheetdoc import Cell, Chart, SheetDoc, Update, Validation
from classeur.text import french
from tests import exporting, remote

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "classeur"
CUSTOMUI = ROOT / "src" / "classeur" / "excel" / "data" / "customUI.xml"
CUI = "{http://schemas.microsoft.com/office/2009/07/customui}"
ALL_TABLES = {"tblEquipe", "tblRencontres", "tblApprentissages", "tblGrille", "tblSuivi"}
ALL_TABLES |= {"tblJournal", "tblParametres"}


# --------------------------------------------------------------------------------------
# The button table
# --------------------------------------------------------------------------------------
def test_every_button_has_an_action_and_every_action_a_button() -> None:
    ids = addin.ribbon_ids(CUSTOMUI.read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids)), "identifiants de bouton en double"
    assert set(ids) == set(ribbon.ACTIONS)


def test_ribbon_is_french_with_office_icons_and_one_callback() -> None:
    root = ET.fromstring(CUSTOMUI.read_bytes())
    assert root.tag == f"{CUI}customUI"
    tabs = root.findall(f".//{CUI}tab")
    assert [t.get("label") for t in tabs] == ["Classeur"]
    groups = [g.get("label") for g in root.iter(f"{CUI}group")]
    assert groups == ["Rencontre", "Grille", "Équipe", "Bilan", "Partager"]
    buttons = list(root.iter(f"{CUI}button"))
    assert buttons
    for b in buttons:
        assert b.get("onAction") == excel_addin.ADDIN_CALLBACK, b.get("id")
        assert b.get("imageMso"), b.get("id")
        for attr in ("label", "screentip", "supertip"):
            text = b.get(attr) or ""
            assert text and text[0].isupper(), (b.get("id"), attr)


def test_only_the_excel_adapter_imports_xlwings() -> None:
    importers = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] == "xlwings" for n in names):
                importers.add(path.parent.name)
    assert importers == {"excel"}


# --------------------------------------------------------------------------------------
# Actions on the demo book
# --------------------------------------------------------------------------------------
@pytest.fixture
def demo_book(demo_path: Path) -> Any:
    return remote.book(demo_path)


def alerts(book: Any) -> list[str]:
    return [a["args"][0] for a in remote.actions(book, "alert")]


def test_verifier_on_the_demo_reads_each_table_once_and_writes_nothing(demo_book: Any) -> None:
    xb = ribbon.button_pressed("verifier", demo_book)
    assert xb is not None
    assert alerts(demo_book) == ["✓ demo.xlsx\u00a0: aucun problème."]
    assert [a["func"] for a in remote.actions(demo_book)] == ["alert"]
    # each table once, and Accueil once: what is typed over its formulas is never ignored
    assert dict(xb.reads) == {**dict.fromkeys(ALL_TABLES, 1), structure.SHEET_ACCUEIL: 1}


def _reseau(tmp_path: Path, members: list[Member]) -> Path:
    c = demo.blank("reseau", "Réseau test", "2026-2027")
    c.members = members
    return xlsx_new.write_classeur(c, tmp_path / "reseau.xlsx")


def test_verifier_lists_problems_with_where_and_how(tmp_path: Path) -> None:
    path = _reseau(
        tmp_path,
        [
            Member("Ani", "Mateur", "a@ex.ca", "École A", role=vocabulary.ROLE_ANIMATION),
            Member("Pat", "Un", "p@ex.ca", "École B", role=vocabulary.ROLE_PARTICIPANT),
        ],
    )
    book = remote.book(path)
    ribbon.button_pressed("verifier", book)
    (text,) = alerts(book)
    assert text.startswith("✗ reseau.xlsx\u00a0: 1 problème\n\n• ")
    assert "Le réseau compte 1 participant·e; il en faut au moins 6." in text
    assert "feuille «\u00a0Équipe\u00a0»" in text


def test_verifier_reports_unreadable_cells(tmp_path: Path, demo_path: Path) -> None:
    data = remote.payload(demo_path)
    sheet = next(s for s in data["sheets"] if s["name"] == structure.SHEET_RENCONTRES)
    header = structure.TABLE_HEADER_ROW
    date_col = [c.key for c in structure.RENCONTRES.columns].index("date")
    sheet["values"][header][date_col] = "bientôt"
    book = remote.xw.Book(json=data)
    ribbon.button_pressed("verifier", book)
    (text,) = alerts(book)
    assert text.startswith("✗ demo.xlsx\u00a0: 1 problème")
    assert (
        f"Fichier «\u00a0demo.xlsx\u00a0», feuille «\u00a0Rencontres\u00a0», ligne {header + 1}, "
        "colonne «\u00a0Date\u00a0»\u00a0: «\u00a0bientôt\u00a0» n’est pas une date." in text
    )


def test_a_book_that_is_not_a_classeur(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "autre chose"
    wb.save(tmp_path / "autre.xlsx")
    book = remote.book(tmp_path / "autre.xlsx")
    ribbon.button_pressed("verifier", book)
    (text,) = alerts(book)
    assert text.startswith("✗ autre.xlsx\u00a0: 1 problème")
    assert "Ce fichier n’est pas un classeur de Classeur" in text


def test_unknown_button_is_explained_in_french(demo_book: Any) -> None:
    ribbon.button_pressed("bouton_du_futur", demo_book)
    assert alerts(demo_book) == [
        "Le bouton «\u00a0bouton_du_futur\u00a0» n’est pas connu de cette version de Classeur. "
        "Mettez Classeur à jour (python -m pip install --upgrade classeur) puis réinstallez "
        "le ruban\u00a0: classeur addin install.\n\nRien n’a été modifié."
    ]


def test_unexpected_errors_become_a_french_message_never_a_traceback(demo_book: Any) -> None:
    def broken(book: book.XlBook) -> None:
        raise RuntimeError("boom")

    clicks.run(broken, demo_book)
    (text,) = alerts(demo_book)
    assert text.startswith("Erreur inattendue\u00a0: Classeur n’a pas pu terminer l’opération.")
    assert "Traceback" not in text and "RuntimeError" not in text
    log = Path(text.split("«\u00a0")[1].split("\u00a0»")[0])
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
    log.unlink()


def test_many_problems_are_summarised(demo_book: Any) -> None:
    from classeur.errors import ClasseurProblems, Problem

    problems = [Problem(f"Problème {i}.", sheet="Grille", row=i) for i in range(20)]

    def failing(book: book.XlBook) -> None:
        raise ClasseurProblems(problems)

    clicks.run(failing, demo_book)
    (text,) = alerts(demo_book)
    assert text.startswith("Classeur a trouvé 20 problèmes; rien n’a été modifié.")
    assert text.count("• ") == clicks.MAX_LISTED_PROBLEMS
    assert text.endswith("… et 8 autres problèmes.")


# --------------------------------------------------------------------------------------
# Writing an Update into the book
# --------------------------------------------------------------------------------------
def _doc() -> SheetDoc:
    doc = SheetDoc("R2", widths={1: 8, 2: 40}, title_rows=(1, 1), freeze=(3, 1))
    doc.add(Cell("Rencontre 2", style=styling.STYLE_TITLE, merge=3))
    doc.add("Lien", Cell(structure.SHEET_SUIVI, link=structure.SHEET_SUIVI))
    doc.add('=HYPERLINK("http://evil","x")', Cell("=COUNTA(tblEquipe[Nom])", formula=True))
    doc.add(
        Cell("Catégorie", style=styling.STYLE_HEADER), Cell("Valeur", style=styling.STYLE_HEADER)
    )
    doc.add("a", Cell(0.5, number_format=styling.NUMBER_FORMAT_PERCENT))
    doc.add("b", Cell(0.75, number_format=styling.NUMBER_FORMAT_PERCENT))
    doc.add("@moi", "-3 notes", "+1", dt.time(8, 45))
    doc.validations.append(Validation("C5:C6", ("Présent", "Absent", "Excusé")))
    doc.charts.append(Chart("bar", "Titre", "E2", "A5:A6", [("B4", "B5:B6")]))
    return doc


def _suivi_rows(c: Classeur) -> list[tuple[Any, ...]]:
    return [
        (a.numero, a.action, a.responsable, a.echeance, a.statut, a.rencontre, a.notes)
        for a in c.actions
    ]


def test_apply_writes_each_sheet_and_table_in_one_write(
    demo_book: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    xb = book.XlBook(demo_book)
    model = xb.model()
    rows = _suivi_rows(model)
    n = len(rows) + 1
    rows.append((n, "=1+1 reste du texte", "Nadia", dt.date(2027, 1, 12), "À faire", 3, ""))
    new = SheetDoc("R9", before=structure.SHEET_BILAN)
    new.add(Cell("Rencontre 9", style=styling.STYLE_TITLE))
    update = Update(
        sheets=[_doc(), new],
        tables={structure.SUIVI.name: rows},
        settings={"nouvelle_cle": "oui", structure.PARAM_TITRE: "Nouveau titre"},
        files={"odj.html": "<p>Bonjour</p>"},
        messages=["Ordre du jour prêt."],
    )
    lines = xb.apply(update, model)
    folder = tmp_path / "Documents" / "Classeur" / "demo"
    assert lines == ["Ordre du jour prêt.", f"Fichiers enregistrés dans : « {folder} »"]
    assert (folder / "demo-odj.html").read_text(encoding="utf-8") == "<p>Bonjour</p>"
    assert dict(xb.reads) == dict.fromkeys(ALL_TABLES, 1)  # nothing read twice

    acts = remote.actions(demo_book)
    sheets = remote.payload_sheet_names(demo_book)
    r2 = sheets.index("R2")
    on_r2 = [a for a in acts if a["sheet_position"] == r2]
    # R2 existed: cleared in place (keeps its position and the links to it), one write.
    assert on_r2[0]["func"] == "sheetClear"
    writes = [a for a in on_r2 if a["func"] == "setValues"]
    assert len(writes) == 1
    values = writes[0]["values"]
    assert (writes[0]["start_row"], writes[0]["start_column"]) == (0, 0)
    assert values[0][0] == "'Rencontre 2"  # a digit: marked as text (see sheet_writer)
    assert values[2] == ['\'=HYPERLINK("http://evil","x")', "=COUNTA(tblEquipe[Nom])", "", ""]
    assert values[6] == ["'@moi", "'-3 notes", "'+1", pytest.approx((8 * 60 + 45) / 1440)]
    funcs = [(a["func"], tuple(a["args"])) for a in on_r2]
    assert ("rangeMerge", (False,)) in funcs
    assert ("setFontProperty", ("bold", True)) in funcs
    assert ("setFontProperty", ("size", 18)) in funcs
    assert ("setRangeColor", (f"#{styling.COLOR_PRIMARY}",)) in funcs  # header fill
    assert ("setNumberFormat", (styling.NUMBER_FORMAT_PERCENT,)) in funcs
    assert ("freezePaneAtRange", ("1:2",)) in funcs
    (link,) = [a for a in on_r2 if a["func"] == "addHyperlink"]
    assert link["args"][:2] == ["#'Suivi'!A1", structure.SHEET_SUIVI]
    (validation,) = [a for a in on_r2 if a["func"] == "setDataValidationList"]
    assert validation["args"][0]["values"] == ["Présent", "Absent", "Excusé"]
    (chart,) = [a for a in on_r2 if a["func"] == "addChart"]
    assert "$A$4:$B$6" in chart["args"]
    pct = [a for a in on_r2 if a["func"] == "setNumberFormat"]
    assert [(a["start_row"], a["row_count"], a["start_column"]) for a in pct] == [(4, 2, 1)]

    # R9 is new: added before the Bilan.
    (added,) = [a for a in acts if a["func"] == "addSheet"]
    assert added["args"] == [sheets.index("R9"), "R9"]
    assert sheets[sheets.index("R9") - 1 : sheets.index("R9") + 2] == ["R5", "R9", "Bilan"]

    # tblSuivi: resized, then refilled in ONE write; text stays text.
    suivi = sheets.index(structure.SHEET_SUIVI)
    on_suivi = [a for a in acts if a["sheet_position"] == suivi]
    assert [a["func"] for a in on_suivi] == ["resizeTable", "setValues"]
    assert on_suivi[0]["args"] == [0, f"$A$4:$G${4 + n}"]
    body = on_suivi[1]["values"]
    assert len(body) == n and body[-1][:4] == [n, "'=1+1 reste du texte", "Nadia", "2027-01-12"]
    assert body[-1][5] == 3  # a number stays a number

    # Settings: the hidden table gets the new key and the new title.
    params = sheets.index(structure.SHEET_PARAMETRES)
    (settings_write,) = [
        a for a in acts if a["sheet_position"] == params and a["func"] == "setValues"
    ]
    keys = {row[0]: row[1] for row in settings_write["values"]}
    assert keys["nouvelle_cle"] == "oui" and keys[structure.PARAM_TITRE] == "Nouveau titre"
    assert keys[structure.PARAM_MODELE] == "car"


def test_refill_updates_rows_in_place_and_appends_new_ones(demo_book: Any) -> None:
    """Rows are things, not positions: meetings 1 and 2 are rewritten where they are, the
    meetings not brought stay as they are (never dropped), a new one goes below."""
    xb = book.XlBook(demo_book)
    model = xb.model()
    n = len(model.meetings)
    rows = [
        (m.numero, m.date, m.debut, m.fin, m.mode, "Salle 204", m.canevas, m.bloc)
        for m in model.meetings[:2]
    ]
    rows.append((n + 1, None, None, None, None, "Bibliothèque", None, None))
    xb.refill_table(structure.RENCONTRES, rows)
    sheets = remote.payload_sheet_names(demo_book)
    acts = [
        a
        for a in remote.actions(demo_book)
        if a["sheet_position"] == sheets.index(structure.SHEET_RENCONTRES)
    ]
    assert [a["func"] for a in acts] == ["resizeTable", "setValues", "setValues"]
    assert acts[0]["args"][1] == f"$A$4:$I${4 + n + 1}"
    formula = structure.RENCONTRES.column("echeance_odj").formula
    first, appended = acts[1], acts[2]
    # Text with a digit reaches Excel behind an apostrophe: Excel keeps it as this text.
    assert first["start_row"] == 4 and [r[5] for r in first["values"]] == ["'Salle 204"] * 2
    assert [r[-1] for r in first["values"]] == [formula, formula]
    assert appended["start_row"] == 4 + n and appended["values"][0][:6] == [
        n + 1,
        "",
        "",
        "",
        "",
        "Bibliothèque",
    ]
    assert len(xb.model().meetings) == n + 1  # the cached table is in step


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=SOMME(A1)", "'=SOMME(A1)"),
        ("+33 6", "'+33 6"),
        ("-", "'-"),
        ("@ tous", "'@ tous"),
        ("'déjà", "''déjà"),
        ("\tindenté", "'\tindenté"),
        ("Réunion = 2 h", "'Réunion = 2 h"),
        ("Réunion en personne", "Réunion en personne"),
        ("", ""),
    ],
)
def test_text_never_becomes_a_formula(text: str, written: str) -> None:
    assert sheet_writer.as_text(text) == written


def test_side_files_never_go_to_a_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OneDrive", "OneDriveConsumer", "OneDriveCommercial"):
        monkeypatch.delenv(var, raising=False)
    url = "https://cssdm-my.sharepoint.com/personal/prof/Documents/Réseau 3.xlsx"
    assert places.local_file(url) is None  # no synced copy on this computer
    assert places.side_folder(None, "Réseau 3.xlsx", tmp_path) == (
        tmp_path / "Classeur" / "Réseau 3"
    )
    local = tmp_path / "classeur.xlsx"
    local.write_bytes(b"")
    assert places.local_file(str(local)) == local
    assert places.side_folder(local, local.name, tmp_path) == tmp_path


def test_style_looks_agree_with_the_named_styles() -> None:
    from classeur.files.xlsx_cells import named_styles

    def rgb(color: Any) -> str | None:
        return None if color is None or color.rgb is None else str(color.rgb)[-6:]

    for style in named_styles():
        look = styling.STYLE_LOOKS[style.name]
        assert bool(style.font.b) == look.bold, style.name
        assert bool(style.font.i) == look.italic, style.name
        assert float(style.font.sz) == look.size, style.name
        assert rgb(style.font.color) == look.font_color, style.name
        fill = rgb(style.fill.fgColor) if style.fill.fill_type == "solid" else None
        assert fill == look.fill, style.name
        fmt = None if style.number_format == "General" else style.number_format
        assert fmt == look.number_format, style.name
        assert bool(style.alignment.wrap_text) == look.wrap, style.name


# --------------------------------------------------------------------------------------
# The framework every feature button uses
# --------------------------------------------------------------------------------------
def test_rencontre_for_prefers_the_active_tab_then_the_next_date(demo_model: Classeur) -> None:
    dates = sorted(m.date for m in demo_model.meetings if m.date)
    between = dates[1] + dt.timedelta(days=1)
    assert features.rencontre_for(demo_model, "R4", between) == 4
    nxt = next(m.numero for m in demo_model.meetings if m.date == dates[2])
    assert features.rencontre_for(demo_model, structure.SHEET_GRILLE, between) == nxt
    assert features.rencontre_for(demo_model, "R99", between) == nxt  # no such rencontre
    last = next(m.numero for m in demo_model.meetings if m.date == dates[-1])
    assert features.rencontre_for(demo_model, None, dates[-1] + dt.timedelta(days=1)) == last
    undated = Classeur(demo_model.settings, meetings=[])
    with pytest.raises(Exception, match="aucune rencontre n'a de date"):
        features.rencontre_for(undated, None, dates[0])


def _run(xb: book.XlBook, feature: Any) -> None:
    """A use case's steps on the open book: read, compute, write, show."""
    model = xb.model()
    xb.alert("\n".join(xb.apply(feature(model, xb.sheet_values), model)))


def test_run_feature_reads_once_runs_the_core_and_reports(demo_book: Any) -> None:
    seen = {}

    def feature(model: Classeur, sheet_values: Any) -> Update:
        seen["title"] = sheet_values("R1")[0][0]
        seen["again"] = sheet_values("R1") is sheet_values("R1")
        seen["missing"] = sheet_values("R42")
        doc = SheetDoc("R1")
        doc.add(Cell(f"Rencontre 1 — {len(model.members)} membres", style=styling.STYLE_TITLE))
        return Update(sheets=[doc], messages=["C'est fait.", "Deuxième ligne."])

    xb = clicks.run(lambda b: _run(b, feature), demo_book)
    assert xb is not None
    assert seen == {"title": "Rencontre 1", "again": True, "missing": None}
    assert alerts(demo_book) == ["C’est fait.\nDeuxième ligne."]
    assert xb.reads["R1"] == 1 and xb.reads["tblEquipe"] == 1
    (write,) = remote.actions(demo_book, "setValues")
    assert write["values"][0][0].startswith("'Rencontre 1 — ")


def test_run_feature_errors_write_nothing(demo_book: Any) -> None:
    from classeur.errors import ClasseurError

    def feature(model: Classeur, sheet_values: Any) -> Update:
        raise ClasseurError("La rencontre 9 n'existe pas.", sheet="Rencontres")

    clicks.run(lambda b: _run(b, feature), demo_book)
    assert [a["func"] for a in remote.actions(demo_book)] == ["alert"]
    assert alerts(demo_book) == [
        "Feuille «\u00a0Rencontres\u00a0»\u00a0: La rencontre 9 n’existe pas."
        "\n\nRien n’a été modifié."
    ]


def test_a_click_works_on_the_calling_book(demo_book: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # xlwings' own stand-in for RunPython's caller (Book.set_mock_caller), undone afterwards.
    monkeypatch.setattr(remote.xw.Book, "_mock_caller", demo_book, raising=False)
    assert ribbon.button_pressed("verifier") is not None
    assert alerts(demo_book) == ["✓ demo.xlsx\u00a0: aucun problème."]


def test_a_click_without_excel_never_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert ribbon.button_pressed("verifier") is None  # no caller, no Excel: nothing to show
    (log,) = tmp_path.glob("classeur-erreur-*.txt")
    assert "Traceback" in log.read_text(encoding="utf-8")  # kept for the help desk


def test_choosing_files(demo_book: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    assert book.XlBook(demo_book, chosen).choose_files("Grilles") == chosen
    # No Excel dialog (remote engine) and no screen for another one: a French error.
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(ClasseurError, match="ne peut pas ouvrir de fenêtre"):
        book.XlBook(demo_book).choose_files("Grilles")


def test_values_read_from_excel_match_the_file_adapter(demo_book: Any, demo_path: Path) -> None:
    """Features see the same sheet values through xlwings as through openpyxl."""
    xb = book.XlBook(demo_book)
    with filebook.edit_classeur(demo_path) as edit:
        for name in (structure.SHEET_RENCONTRES, structure.SHEET_SUIVI, structure.SHEET_GRILLE):
            from_file = edit.sheet_values(name)
            from_excel = xb.sheet_values(name)
            assert from_file is not None and from_excel is not None
            width = max(len(r) for r in from_file)
            for r, (a, b) in enumerate(zip(from_file, from_excel, strict=True), start=1):
                formulas = [i for i, v in enumerate(a) if isinstance(v, str) and v[:1] == "="]
                a = [None if i in formulas else v for i, v in enumerate(a)]
                b = [None if i in formulas else v for i, v in enumerate(b)]
                assert a == b + [None] * (width - len(b)), (name, r)
        assert xb.read()[0] == edit.model


# --------------------------------------------------------------------------------------
# Every feature button: the same Update as the CLI's core call, written in whole ranges
# --------------------------------------------------------------------------------------
FEATURE_MODELE = {"fiche": "reseau", "plan": "reseau"}  # the others: a CAR classeur
FEATURE_ACTIVE = {"ordre_du_jour": "R3", "compte_rendu": "R2"}  # tab active when clicking
TODAY = demo.DEMO_TODAY
# How the command line runs each button's use case (the rencontre given by its number).
CLI_CALLS = {
    "ordre_du_jour": lambda b, tab: features.ordre_du_jour(b, None, TODAY, tab),
    "compte_rendu": lambda b, tab: features.compte_rendu(b, None, TODAY, tab),
    "compiler": lambda b, tab: features.compiler(b),
    "fiche": lambda b, tab: features.fiche(b),
    "plan": lambda b, tab: features.plan(b),
    "bilan": lambda b, tab: features.bilan(b, TODAY),
}


def _plain(value: Any) -> Any:
    """A written value as the remote client receives it (None → "", dates → ISO text)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _grid(doc: SheetDoc) -> list[list[Any]]:
    width = max((len(r) for r in doc.rows), default=0)
    return [
        [_plain(sheet_writer.cell_value(c)) for c in row] + [""] * (width - len(row))
        for row in doc.rows
    ]


@pytest.mark.parametrize("control_id", sorted(ribbon.FEATURES))
def test_feature_buttons_write_what_the_cli_writes(
    control_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    modele = FEATURE_MODELE.get(control_id, "car")
    path = xlsx_new.write_classeur(demo.demo(modele), tmp_path / "demo.xlsx")
    active = FEATURE_ACTIVE.get(control_id)
    book = remote.book(path, active=active)
    # The CLI's adapter and the same use case: the Update it applies is what the ribbon
    # must write.
    with filebook.open_book(path, tmp_path / "cli.xlsx") as cli_book:
        applied = remote.record_applied(cli_book)
        CLI_CALLS[control_id](cli_book, active)
        model = cli_book.model()
    (expected,) = applied

    xb = ribbon.button_pressed(control_id, book, today=demo.DEMO_TODAY)
    assert xb is not None
    (message,) = alerts(book)
    # the use case's lines as the command prints them (typeset, what they quote as is)
    said = [french.typeset(line) for line in expected.messages]
    assert message.split("\n")[: len(expected.messages)] == said
    assert all(n == 1 for n in xb.reads.values()), xb.reads  # nothing read twice
    assert set(xb.reads) >= ALL_TABLES
    sheets = remote.payload_sheet_names(book)
    acts = remote.actions(book)
    # The book stays a macro-free .xlsx that the teacher saves when satisfied.
    assert not {a["func"] for a in acts} & {"save", "runMacro"}
    for doc in expected.sheets:
        writes = [
            a
            for a in acts
            if a["func"] == "setValues" and a["sheet_position"] == sheets.index(doc.name)
        ]
        assert len(writes) == 1, doc.name  # the whole sheet in one write
        assert writes[0]["values"] == _grid(doc), doc.name
    for name in expected.tables:
        spec = structure.table_spec(name, model.learning_codes)
        writes = [
            a
            for a in acts
            if a["func"] == "setValues" and a["sheet_position"] == sheets.index(spec.sheet)
        ]
        assert len(writes) == 1, name  # the whole table in one write
    for name, text in expected.files.items():
        assert xb.side_file(name).read_text(encoding="utf-8") == text
        assert f"Fichiers enregistrés dans\u00a0: «\u00a0{xb.side_folder()}\u00a0»" in message


# --------------------------------------------------------------------------------------
# Partager
# --------------------------------------------------------------------------------------
def test_exporter_exports_the_active_sheet_and_logs_it_in_the_book(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from classeur.files.export import pseudonyms

    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    before = path.read_bytes()
    book = remote.book(path, active="R1", name=str(path))  # saved on this computer
    xb = ribbon.button_pressed("exporter_codes", book, today=demo.DEMO_TODAY)
    assert xb is not None
    (message,) = alerts(book)
    assert message.startswith("Rencontre 1 du mardi 15 septembre 2026\u00a0: exporté.\n"), message
    formats = list(outputs.FORMATS)
    stem = "equipe-R1-pseudonymise"
    for f in formats:
        assert (tmp_path / f"{stem}.{f}").exists()
        assert f"Fichier écrit\u00a0: «\u00a0{tmp_path / f'{stem}.{f}'}\u00a0»" in message
    assert pseudonyms.key_path(path).exists()  # the key stays beside the classeur
    assert path.read_bytes() == before  # the open book is changed in Excel, not on disk
    exported = load_workbook(tmp_path / f"{stem}.xlsx")
    assert exported.sheetnames == ["R1"]
    # The Journal des envois is written into the open book, in one write.
    sheets = remote.payload_sheet_names(book)
    journal_at = sheets.index(structure.SHEET_JOURNAL)
    assert sheets[journal_at + 1] == structure.SHEET_PARAMETRES
    (write,) = [a for a in remote.actions(book, "setValues") if a["sheet_position"] == journal_at]
    entry = write["values"][structure.TABLE_HEADER_ROW]
    assert entry[1] == "'Rencontre 1 du mardi 15 septembre 2026"
    assert entry[2] == ", ".join(formats) and entry[4] == structure.JOURNAL_OUI
    # The journal's table (in every new classeur) now ends with this first entry.
    assert not remote.actions(book, "addTable")
    (resize,) = remote.actions(book, "resizeTable")
    assert resize["sheet_position"] == journal_at and resize["args"][1] == "$A$4:$F$5"


class _DesktopExcel:
    """What desktop Excel adds to xlwings' remote engine: engine "excel" and
    ``books.open`` (which would print a sheet). Excel cannot run here; this stand-in
    records every call, so the test sees that Classeur never asks Excel to print."""

    def __init__(self, remote_app: Any) -> None:
        self._remote = remote_app
        self.engine = type("Engine", (), {"name": "excel"})()
        self.books = self
        self.calls: list[tuple[Any, ...]] = []

    def __getattr__(self, name: str) -> Any:  # alert, status_bar… : the remote engine
        return getattr(self._remote, name)

    def open(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(("open", args, kwargs))
        raise AssertionError("Excel asked to open a copy to print it")


class _DesktopBook:
    def __init__(self, book: Any) -> None:
        self._book = book
        self.app = _DesktopExcel(book.app)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._book, name)


def test_exporter_in_desktop_excel_sends_the_commands_document_pdf(tmp_path: Path) -> None:
    """The ribbon's PDF is the designed document's, rendered in Python as the command
    renders it (not Excel's print of the sheet): the same text, and Excel never prints."""
    import email
    from email import policy

    from pypdf import PdfReader

    from classeur.files.export import pseudonyms

    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    remote_book = remote.book(path, active="R1", name=str(path))
    book = _DesktopBook(remote_book)
    ribbon.button_pressed("exporter_codes", book, today=demo.DEMO_TODAY)
    (message,) = alerts(remote_book)
    assert "exporté" in message
    assert book.app.calls == []
    pdf = tmp_path / "equipe-R1-pseudonymise.pdf"
    command = tmp_path / "commande"
    command.mkdir()
    (same,) = exporting.export(
        path,
        outputs.DOC_RENCONTRE,
        1,
        ["pdf"],
        pseudonymise=True,
        outdir=command,
        today=demo.DEMO_TODAY,
    ).files

    def text(p: Path) -> str:
        return "\n".join(page.extract_text() for page in PdfReader(p).pages)

    assert text(pdf) == text(same) and "Compte rendu" in text(pdf)
    names = {e.eleve for e in demo.demo().grid}
    assert not [n for n in names if n in text(pdf)]
    # The document's PDF is the one attached to the email draft.
    draft = email.message_from_bytes(
        (tmp_path / "equipe-R1-pseudonymise.eml").read_bytes(), policy=policy.default
    )
    attached = {a.get_filename(): a.get_payload(decode=True) for a in draft.iter_attachments()}
    assert attached["equipe-R1-pseudonymise.pdf"] == pdf.read_bytes()
    assert pseudonyms.key_path(path).exists()


def test_exporter_needs_a_document_sheet(demo_path: Path) -> None:
    book = remote.book(demo_path, active=structure.SHEET_ACCUEIL, name=str(demo_path))
    ribbon.button_pressed("exporter", book)
    (message,) = alerts(book)
    assert message.startswith("La feuille «\u00a0Accueil\u00a0» n’est pas un document à partager.")
    assert [a["func"] for a in remote.actions(book)] == ["alert"]


def test_exporter_from_onedrive_explains_what_to_do(demo_path: Path) -> None:
    book = remote.book(demo_path, active="R1")  # fullname is not a file on this computer
    ribbon.button_pressed("exporter", book)
    (message,) = alerts(book)
    assert "n’est pas enregistré sur cet ordinateur" in message
    assert [a["func"] for a in remote.actions(book)] == ["alert"]


def test_document_for_each_sheet() -> None:
    assert features.document_for("R3") == (outputs.DOC_RENCONTRE, 3)
    assert features.document_for(structure.SHEET_GRILLE) == (outputs.DOC_GRILLE, None)
    assert features.document_for(structure.SHEET_BILAN) == (outputs.DOC_BILAN, None)
    assert features.document_for(structure.SHEET_PLAN) == (outputs.DOC_PLAN, None)
    assert features.document_for(structure.SHEET_FICHE) == (outputs.DOC_FICHE, None)


def test_readme_lists_every_button() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    root = ET.fromstring(CUSTOMUI.read_bytes())
    for group in root.iter(f"{CUI}group"):
        for b in group.iter(f"{CUI}button"):
            assert f"| {group.get('label')} | {b.get('label')} |" in readme, b.get("id")


def test_verifier_checks_the_fiche_like_the_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from classeur.cli.main import cli
    from classeur.sheets import fiche

    path = xlsx_new.write_classeur(demo.demo("reseau"), tmp_path / "reseau.xlsx")
    long = " ".join(["mot"] * 160)
    filebook.update_classeur(
        path, lambda e: fiche.fiche(e.model, e.sheet_values, {annexes.FICHE_RESUME: long})
    )
    book = remote.book(path)
    ribbon.button_pressed("verifier", book)
    (text,) = alerts(book)
    assert text.startswith("✗ reseau.xlsx\u00a0: 1 problème")
    assert "Le résumé du contenu compte 160 mots; le maximum est de 150." in text
    cli_out = CliRunner().invoke(cli, ["verifier", str(path)]).output
    assert "Le résumé du contenu compte 160 mots; le maximum est de 150." in cli_out


# --------------------------------------------------------------------------------------
# Grille: fusionner (the file dialog's answer is passed in)
# --------------------------------------------------------------------------------------
@pytest.fixture
def team_and_copies(tmp_path: Path) -> tuple[Path, list[Path]]:
    return remote.team_and_copies(tmp_path)


def test_fusionner_merges_the_chosen_copies_like_the_cli(
    team_and_copies: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    import shutil

    from click.testing import CliRunner

    from classeur.cli.main import cli

    team, copies = team_and_copies
    by_cli = tmp_path / "par-la-commande.xlsx"
    shutil.copyfile(team, by_cli)
    out = CliRunner().invoke(cli, ["fusionner", str(by_cli), *map(str, copies)])
    assert out.exit_code == 0, out.output
    merged = xlsx_read.read_classeur(by_cli)

    book = remote.book(team, name=str(team))
    xb = ribbon.button_pressed("fusionner", book, files=copies)
    assert xb is not None
    (message,) = alerts(book)
    cli_lines = [line for line in out.output.splitlines() if line and "enregistré" not in line]
    # the same lines, in the same Québec typography
    assert message.splitlines() == cli_lines
    sheets = remote.payload_sheet_names(book)
    (write,) = [
        a
        for a in remote.actions(book, "setValues")
        if a["sheet_position"] == sheets.index(structure.SHEET_GRILLE)
    ]
    codes = merged.learning_codes
    keys = [(code, bloc) for code in codes for bloc in vocabulary.BLOCS]
    expected = [
        [
            sheet_writer.to_excel(v)
            for v in [e.eleve, e.groupe, e.enseignant, *(e.resultats.get(k, "") for k in keys)]
        ]
        for e in merged.grid
    ]
    assert expected[0][1] == "'401"  # a group « 401 » reaches Excel as text, as in the file
    assert write["values"] == expected
    assert xb.reads["tblGrille"] == 1


def test_fusionner_cancelled_or_with_the_open_book(
    team_and_copies: tuple[Path, list[Path]],
) -> None:
    team, copies = team_and_copies
    book = remote.book(team, name=str(team))
    ribbon.button_pressed("fusionner", book, files=[])
    assert alerts(book) == ["Aucun fichier choisi; rien n’a été modifié."]
    book = remote.book(team, name=str(team))
    ribbon.button_pressed("fusionner", book, files=[copies[0], team])
    (message,) = alerts(book)
    assert message.startswith(
        "Le fichier «\u00a0equipe.xlsx\u00a0» est à la fois le classeur et une copie"
    )
    assert [a["func"] for a in remote.actions(book)] == ["alert"]


def test_ribbon_xml_respects_office_limits() -> None:
    import re

    root = ET.fromstring(CUSTOMUI.read_bytes())
    for el in root.iter():
        if el.get("id") is not None:
            assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", el.get("id") or ""), el.get("id")
        for attr in ("label", "screentip", "supertip"):
            assert len(el.get(attr) or "") <= 1024, (el.get("id"), attr)
