"""Rencontre tabs: agendas and comptes rendus from the canevas, typed notes kept, actions
carried forward, late agendas flagged, hostile text kept literal. Pure and file level."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from classeur.domain import canevas as cv
from classeur.domain import demo, rencontres
from classeur.domain.model import Action, Classeur
from classeur.errors import ClasseurError
from classeur.files import filebook, xlsx_new, xlsx_read
from classeur.layout import outputs, rencontre_tab, structure, styling, vocabulary
from classeur.sheets import rencontre
from classeur.sheets.sheetdoc import SheetDoc, Update
from tests.typography import plain

TODAY = dt.date(2026, 11, 25)


def grid(doc: SheetDoc) -> list[list[Any]]:
    """What openpyxl's ``values_only`` gives for a sheet written from ``doc``."""
    width = max((len(r) for r in doc.rows), default=0)
    return [
        [c.value if c is not None else None for c in r] + [None] * (width - len(r))
        for r in doc.rows
    ]


class Book:
    """A classeur kept in memory: the model and the generated tabs (pure, no file)."""

    def __init__(self, model: Classeur) -> None:
        self.model = model
        self.sheets: dict[str, list[list[Any]]] = {}

    def values(self, name: str) -> list[list[Any]] | None:
        return self.sheets.get(name)

    def apply(self, update: Update) -> Update:
        for doc in update.sheets:
            self.sheets[doc.name] = grid(doc)
        rows = update.tables.get(structure.SUIVI.name)
        if rows is not None:
            self.model.actions = [Action(*row) for row in rows]
        return update

    def odj(self, n: int, today: dt.date = TODAY) -> Update:
        return self.apply(rencontre.ordre_du_jour(self.model, self.values, n, today))

    def cr(self, n: int, today: dt.date = TODAY) -> Update:
        return self.apply(rencontre.compte_rendu(self.model, self.values, n, today))

    def type(self, n: int, saisie: rencontres.Saisie) -> Update:
        return self.apply(rencontre.saisir(self.model, self.values, n, saisie, TODAY))

    def state(self, n: int) -> rencontres.TabState:
        name = structure.meeting_sheet(n)
        return rencontres.read_tab(self.sheets[name], name)


def car_model(actions: list[Action] | None = None) -> Classeur:
    c = demo.demo(vocabulary.MODELE_CAR)
    c.actions = actions or []
    return c


# --------------------------------------------------------------------------------------
# Faithful to the canevas
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", range(1, 6))
def test_car_agenda_has_every_canevas_item_in_order(n: int) -> None:
    book = Book(car_model())
    update = book.odj(n)
    items = book.state(n).items
    expected = cv.CAR[n - 1].items
    assert [plain(r.texte) for r in items] == [plain(it.texte) for it in expected]
    assert [r.numero for r in items] == [it.numero for it in expected]
    assert [r.question for r in items] == [it.question or None for it in expected]
    assert [r.minutes for r in items] == [it.minutes for it in expected]
    text = plain(update.files[f"R{n}-ordre-du-jour.txt"])
    for it in expected:
        assert plain(f"{it.numero}. {it.texte}") in text
        if it.question:
            assert plain(it.question) in text
    state = book.state(n)
    assert [b.titre for b in state.blocks] == [b.titre for b in cv.CAR[n - 1].compte_rendu]
    doc = update.sheets[0]
    values = grid(doc)
    for block in cv.CAR[n - 1].compte_rendu:
        row = next(r for r in values if r[rencontre_tab.RT_COL_TEXT - 1] == block.titre)
        assert row[rencontre_tab.RT_COL_QUESTION - 1] == "\n".join(f"• {p}" for p in block.puces)
    labels = [r[rencontre_tab.RT_COL_TEXT - 1] for r in values]
    for prompt in cv.PROCHAINE_CAR:
        assert prompt in labels


def test_car_compte_rendu_has_every_block_of_the_canevas() -> None:
    book = Book(car_model())
    book.odj(2)
    book.type(
        2,
        rencontres.Saisie(
            blocks={
                "Actions/Décisions": "Décision X",
                "Données à recueillir": "Données Y",
                "Résultats attendus": "Résultat Z",
            },
            apporter="Copies",
            discuter="Bloc 2",
            actions=[("Préparer la tâche", "Sophie Gagnon", dt.date(2026, 11, 10))],
        ),
    )
    text = plain(book.cr(2).files["R2-compte-rendu.txt"])
    order = [
        "Membres (cocher les membres présents)",
        "L’assemblée débute à",
        "Actions/Décisions :\n   Décision X",
        "Données à recueillir :\n   Données Y",
        "Résultats attendus :\n   Résultat Z",
        "Prochaine rencontre : mardi 17 novembre 2026, de 12 h 45 à 15 h 45",
        "Quoi apporter?\n   Copies",
        "Quoi discuter?\n   Bloc 2",
        "Qui fait quoi?\n   - Préparer la tâche – Sophie Gagnon (échéance : 10 novembre 2026)",
    ]
    positions = [text.index(plain(part)) for part in order]
    assert positions == sorted(positions)


def test_reseau_agenda_follows_annexe_3() -> None:
    book = Book(demo.demo(vocabulary.MODELE_RESEAU))
    book.model.actions = [
        Action(1, "Créer l'équipe Teams", "Andrée-Anne Despard", None, "À faire", 1)
    ]
    first = plain(book.odj(1).files["R1-ordre-du-jour.txt"])
    # R1: no earlier rencontre, so no « Points de suivi ».
    assert [plain(r.texte) for r in book.state(1).items] == [
        plain(it.texte) for it in cv.CEE_DEMI.items if it.kind != cv.KIND_SUIVI
    ]
    assert "1. Ouverture de la séance (5 min)" in first
    assert "Horaire : 12 h 45 à 14 h 15 : travail en réseau; 14 h 15 à 14 h 30 : pause" in first
    book.odj(2)
    texts = [plain(r.texte) for r in book.state(2).items]  # wording, not typography
    assert texts == [
        plain(t)
        for t in (
            cv.OUVERTURE,
            cv.BIENVENUE,
            cv.LECTURE_ADOPTION,
            cv.ELEMENT,
            "Points de suivi du jeudi 15 octobre 2026",
            "Suivi n° 1 : Créer l'équipe Teams",
            cv.AUTRE,
            cv.DIVERS,
            cv.LEVEE,
        )
    ]
    assert [r.numero for r in book.state(2).items] == [1, 2, 3, 4, 5, None, 6, 7, 8]


def test_reseau_compte_rendu_follows_annexe_4() -> None:
    book = Book(demo.demo(vocabulary.MODELE_RESEAU))
    book.model.actions = []
    book.odj(1)
    book.type(
        1,
        rencontres.Saisie(
            presences={"Andrée-Anne Despard": "Présent", "Mathieu Tremblay": "Excusé"},
            debut="12 h 50",
            items={
                3: {"notes": "Adopté."},
                4: {"texte": "Partage des outils", "notes": "Six outils.", "realisation": "Fait"},
                6: {"notes": "Aucune."},
                7: {"notes": "Merci à tous."},
            },
            blocks={cv.RESUME: "Lancement du réseau."},
            actions=[("Déposer les outils", "Mathieu Tremblay", dt.date(2026, 11, 1))],
        ),
    )
    update = book.cr(1)
    text = plain(update.files["R1-compte-rendu.txt"])
    assert text.startswith(
        "Compte rendu\nRéseau d'entraide : outils pour l'examen d'histoire de 4e secondaire – "
        "Rencontre 1\njeudi 15 octobre 2026 / de 12 h 45 à 15 h 45 / Présentiel, Centre des "
        "enseignantes et des enseignants (CEE)\n\nMembres (cocher les membres présents)\n"
        "☑Andrée-Anne Despard, Enseignante en univers social, Univers social (Animation)\n"
        "☐Mathieu Tremblay, Enseignant en univers social, Univers social – Excusé\n"
    )
    rows = re.findall(r"^(\d)\. (.+)$", text, flags=re.M)
    assert rows == [(str(n), plain(titre)) for n, titre in cv.COMPTE_RENDU_CEE]
    assert plain("Documents, notes et décisions : L’assemblée débute à 12 h 50.") in text
    assert (
        plain("2. Lecture de l’ordre du jour\n   Documents, notes et décisions : Adopté.") in text
    )
    assert (
        "3. Résumé de la rencontre\n   Documents, notes et décisions : Lancement du réseau.\n"
        "   Partage des outils : Six outils.\n   Réalisation : Partage des outils : Fait"
    ) in text
    assert plain("Déposer les outils (Mathieu Tremblay, échéance : 1er novembre 2026)") in text
    assert "5. Questions diverses\n   Documents, notes et décisions : Aucune." in text
    assert plain("Prochaine rencontre : jeudi 19 novembre 2026, de 12 h 45 à 15 h 45.") in text
    html = plain(update.files["R1-compte-rendu.html"])
    assert "<td>Documents, notes et décisions</td>" not in html
    assert "<th>Documents, notes et décisions</th><th>Réalisation</th>" in html


# --------------------------------------------------------------------------------------
# Suivi: carry-forward, actions added once
# --------------------------------------------------------------------------------------
def test_open_actions_carry_forward_across_three_rencontres() -> None:
    book = Book(car_model())
    book.odj(1)
    book.type(
        1,
        rencontres.Saisie(
            actions=[
                ("Banque de documents", "Mathieu Tremblay", dt.date(2026, 10, 6)),
                ("Grille d'observation", "Sophie Gagnon", None),
            ]
        ),
    )
    update = book.cr(1)
    assert [(a.numero, a.action, a.statut, a.rencontre) for a in book.model.actions] == [
        (1, "Banque de documents", "À faire", 1),
        (2, "Grille d'observation", "À faire", 1),
    ]
    assert update.tables[structure.SUIVI.name][0][3] == dt.date(2026, 10, 6)
    # Regenerating the compte rendu adds nothing again.
    assert structure.SUIVI.name not in book.cr(1).tables
    assert len(book.model.actions) == 2

    book.odj(2)
    texts = [plain(r.texte) for r in book.state(2).items]  # wording, not typography
    assert "Points de suivi du mardi 15 septembre 2026" in texts
    assert "Suivi n° 1 : Banque de documents (échéance : 6 octobre 2026)" in texts
    assert "Suivi n° 2 : Grille d'observation" in texts
    assert texts[-1] == plain(cv.CLOTURE)  # the suivi comes before the clôture
    assert texts.index("Suivi n° 2 : Grille d'observation") == len(texts) - 2

    book.model.actions[0].statut = vocabulary.STATUT_FAIT
    book.type(2, rencontres.Saisie(actions=[("Travaux exemplaires", "Émilie Côté", None)]))
    book.cr(2)
    assert [a.numero for a in book.model.actions] == [1, 2, 3]

    book.odj(3)
    suivi = [plain(r.texte) for r in book.state(3).items if r.suivi_numero is not None]
    assert suivi == ["Suivi n° 2 : Grille d'observation", "Suivi n° 3 : Travaux exemplaires"]
    heading = next(r for r in book.state(3).items if r.is_suivi_heading)
    assert heading.texte == "Points de suivi du mardi 20 octobre 2026"

    # A new open action after R3's agenda is out: regeneration adds it, keeps the rest.
    book.model.actions.append(Action(4, "Nouvelle action", "Karim Benali", None, "En cours", 2))
    book.odj(3)
    suivi = [r.suivi_numero for r in book.state(3).items if r.suivi_numero is not None]
    assert suivi == [2, 3, 4]
    assert sum(1 for r in book.state(3).items if r.is_suivi_heading) == 1


def test_action_without_description_is_refused() -> None:
    book = Book(car_model())
    book.odj(1)
    book.type(1, rencontres.Saisie(actions=[("", "Karim Benali", None)]))
    with pytest.raises(ClasseurError, match="n'a pas d'action") as err:
        book.cr(1)
    assert err.value.problem.sheet == "R1" and err.value.problem.row is not None


# --------------------------------------------------------------------------------------
# Regeneration keeps what was typed
# --------------------------------------------------------------------------------------
def test_regeneration_keeps_typed_content_and_edited_items() -> None:
    book = Book(car_model())
    book.odj(2, dt.date(2026, 10, 9))
    book.type(
        2,
        rencontres.Saisie(
            presences={"Karim Benali": "Excusé", "Personne Partie": "Présent"},
            items={
                3: {"texte": "Retour sur le bloc 1 (reformulé)", "minutes": 35, "notes": "N3"},
                5: {"responsable": "Sophie", "realisation": "Fait"},
                11: {"texte": "Point ajouté par l'équipe", "minutes": "20 min"},
            },
            debut="12 h 50",
            blocks={"Actions/Décisions": "D1", "Bloc de l'équipe": "Texte libre"},
            apporter="A",
            discuter="B",
        ),
    )
    before = book.state(2)
    book.odj(2, dt.date(2026, 11, 1))
    book.cr(2)
    after = book.state(2)
    assert after.items == before.items
    assert after.presences["Karim Benali"] == "Excusé"
    assert after.presences["Personne Partie"] == "Présent"  # no longer in Équipe: kept
    assert after.prepare_le == dt.date(2026, 10, 9)  # the first preparation date stays
    assert (after.debut, after.apporter, after.discuter) == ("12 h 50", "A", "B")
    assert [(b.titre, b.texte) for b in after.blocks] == [
        ("Actions/Décisions", "D1"),
        ("Données à recueillir", None),
        ("Résultats attendus", None),
        ("Bloc de l'équipe", "Texte libre"),
    ]


def test_items_the_team_removed_stay_removed() -> None:
    book = Book(car_model())
    book.odj(2)
    values = book.sheets["R2"]
    # The team deletes the row of an item, as in Excel (Supprimer la ligne).
    del values[next(i for i, r in enumerate(values) if r[1] == cv.AJUSTER)]
    book.odj(2)
    book.cr(2)
    texts = [r.texte for r in book.state(2).items]
    assert cv.AJUSTER not in texts
    assert len(texts) == len(cv.CAR_R2.items) - 1


def test_text_outside_the_known_zones_is_refused_not_dropped() -> None:
    book = Book(car_model())
    book.odj(1)
    values = book.sheets["R1"]
    row = next(i for i, r in enumerate(values) if r[0] == rencontre_tab.RT_SECTION_PRESENCES) + 3
    values[row][rencontre_tab.RT_COL_NOTES - 1] = "Note égarée"
    with pytest.raises(ClasseurError) as err:
        book.odj(1)
    p = err.value.problem
    assert (p.sheet, p.row, p.column) == ("R1", row + 1, "F")
    assert "« Note égarée »" in p.message


_typed = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() and s.strip() == s)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    notes=st.dictionaries(st.integers(1, 10), _typed, max_size=6),
    done=st.dictionaries(st.integers(1, 10), _typed, max_size=3),
    block=_typed,
    presence=st.sampled_from(vocabulary.PRESENCES),
    action=_typed,
)
def test_regenerating_after_typing_keeps_the_text(
    notes: dict[int, str], done: dict[int, str], block: str, presence: str, action: str
) -> None:
    book = Book(car_model())
    book.odj(1)
    items: dict[int, dict[str, Any]] = {k: {"notes": v} for k, v in notes.items()}
    for k, v in done.items():
        items.setdefault(k, {})["realisation"] = v
    book.type(
        1,
        rencontres.Saisie(
            presences={"Sophie Gagnon": presence},
            items=items,
            blocks={"Données à recueillir": block},
            apporter=block,
            actions=[(action, "Karim Benali", None)],
        ),
    )
    book.odj(1)
    book.cr(1)
    book.odj(1)
    state = book.state(1)
    for k, v in notes.items():
        assert state.items[k - 1].notes == v
    for k, v in done.items():
        assert state.items[k - 1].realisation == v
    assert state.presences["Sophie Gagnon"] == presence
    assert next(b for b in state.blocks if b.titre == "Données à recueillir").texte == block
    assert state.apporter == block
    assert [a.action for a in state.actions] == [action]
    assert [a.action for a in book.model.actions] == [action.strip()]


# --------------------------------------------------------------------------------------
# Deadlines and attendance
# --------------------------------------------------------------------------------------
def test_late_agenda_is_flagged() -> None:
    deadline = dt.date(2026, 11, 10)
    assert rencontres.etat_odj(deadline, None, dt.date(2026, 11, 10)) == "À préparer"
    assert rencontres.etat_odj(deadline, None, dt.date(2026, 11, 11)) == "En retard"
    assert rencontres.etat_odj(deadline, dt.date(2026, 11, 9), TODAY) == "Préparé à temps"
    assert rencontres.etat_odj(deadline, dt.date(2026, 11, 12), TODAY) == "Préparé en retard"
    assert rencontres.etat_odj(None, None, TODAY) == ""
    book = Book(car_model())
    late = book.odj(3, dt.date(2026, 11, 12))
    assert late.messages[-1] == (
        "Attention : l'ordre du jour est en retard; il devait être envoyé au plus tard le "
        "mardi 10 novembre 2026."
    )
    assert plain(
        "Préparé en retard : l’échéance de l’ordre du jour était le mardi 10 novembre 2026."
    ) in plain(late.files["R3-ordre-du-jour.txt"])
    assert 'class="retard"' in late.files["R3-ordre-du-jour.html"]
    on_time = book.odj(4, dt.date(2027, 1, 5))
    assert on_time.messages[-1] == "À envoyer aux membres au plus tard le mardi 12 janvier 2027."
    assert "retard" not in on_time.files["R4-ordre-du-jour.txt"]


@pytest.mark.parametrize(
    "typed",
    [
        # Picked in a classeur made before the lists were inclusive: counted as before.
        {"Mathieu Tremblay": "Présent", "Sophie Gagnon": "présent", "Karim Benali": "Absent"},
        # The inclusive words, a feminine one typed by hand, and the old word, in one tab.
        {"Mathieu Tremblay": "Présent·e", "Sophie Gagnon": "présente", "Karim Benali": "Absent"},
    ],
)
def test_attendance_counts(typed: dict[str, str]) -> None:
    book = Book(car_model())
    book.odj(1)
    book.type(1, rencontres.Saisie(presences={**typed, "Émilie Côté": "Excusé·e"}))
    update = book.cr(1)
    assert rencontres.presence_counts(book.state(1)) == {
        vocabulary.PRESENT: 2,
        vocabulary.ABSENT: 1,
        vocabulary.EXCUSE: 1,
    }
    assert "Présences : 2 présent·es, 1 absent·e, 1 excusé·e" in plain(
        update.files["R1-compte-rendu.txt"]
    )
    assert update.messages[0].startswith(
        "Compte rendu de la rencontre 1 : 2 présent·es, 1 absent·e, 1 excusé·e; 0 action ajoutée"
    )
    # What the team picked stays in the tab as picked.
    assert book.state(1).presences["Sophie Gagnon"] == typed["Sophie Gagnon"]


def test_unknown_rencontre_is_a_french_error() -> None:
    book = Book(car_model())
    with pytest.raises(ClasseurError, match="La rencontre 9 n'existe pas dans le calendrier"):
        book.odj(9)


# --------------------------------------------------------------------------------------
# Files: the adapter writes the tab, the table and the side files
# --------------------------------------------------------------------------------------
HOSTILE = '=HYPERLINK("http://x.invalid","clic") & <b>gras</b> "guillemets"'


def _cells(ws) -> dict[str, Any]:
    return {c.coordinate: c for row in ws.iter_rows() for c in row if c.value is not None}


def test_files_typed_in_excel_are_kept_and_hostile_text_stays_literal(tmp_path: Path) -> None:
    c = demo.demo()
    c.members[1].prenom = "=1+1"
    c.meetings[1].lieu = 'Local <B-214> & "annexe"'
    path = xlsx_new.write_classeur(c, tmp_path / "c.xlsx")
    run = lambda f, n: filebook.update_classeur(  # noqa: E731
        path, lambda e: f(e.model, e.sheet_values, n, TODAY)
    )
    run(rencontre.ordre_du_jour, 2)
    # A teacher types in Excel: notes of item 4, attendance, an action.
    wb = load_workbook(path)
    ws = wb["R2"]
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    item4 = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == 4)
    ws.cell(item4, rencontre_tab.RT_COL_NOTES).value = HOSTILE
    ws.cell(item4, rencontre_tab.RT_COL_NOTES).data_type = "s"
    ws.cell(rows["=1+1 Tremblay"], rencontre_tab.RT_COL_RESP).value = "Présent"
    qui = rows[rencontre_tab.RT_LABEL_QUI] + 2
    ws.cell(qui, rencontre_tab.RT_COL_TEXT).value = 'Action <urgente> & "vite"'
    ws.cell(qui, rencontre_tab.RT_COL_QUESTION).value = "Karim Benali"
    ws.cell(qui, rencontre_tab.RT_COL_MINUTES).value = dt.datetime(2026, 12, 1)
    wb.save(path)

    run(rencontre.ordre_du_jour, 2)
    update = run(rencontre.compte_rendu, 2)
    wb = load_workbook(path)
    ws = wb["R2"]
    cells = _cells(ws)
    hostile = [c for c in cells.values() if c.value == HOSTILE]
    assert len(hostile) == 1 and hostile[0].data_type == "s"
    member = next(c for c in cells.values() if c.value == "=1+1 Tremblay")
    assert member.data_type == "s"
    assert ws.cell(member.row, rencontre_tab.RT_COL_RESP).value == "Présent"
    # The action went to Suivi once, and its n° came back into the tab.
    c2 = xlsx_read.read_classeur(path)
    added = c2.actions[-1]
    assert (added.action, added.responsable, added.echeance, added.rencontre) == (
        'Action <urgente> & "vite"',
        "Karim Benali",
        dt.date(2026, 12, 1),
        2,
    )
    assert ws.cell(qui, rencontre_tab.RT_COL_RESP).value == added.numero
    run(rencontre.compte_rendu, 2)
    assert len(xlsx_read.read_classeur(path).actions) == len(c2.actions)
    # Side files next to the classeur, HTML escaped, text literal.
    html = (tmp_path / "c-R2-compte-rendu.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;gras&lt;/b&gt; &#34;guillemets&#34;" in html
    assert "=HYPERLINK(&#34;http://x.invalid&#34;,&#34;clic&#34;) &amp;" in html
    assert "Action &lt;urgente&gt; &amp; &#34;vite&#34;" in html
    assert "<b>gras</b>" not in html
    assert "Local &lt;B-214&gt; &amp; &#34;annexe&#34;" in html
    text = plain((tmp_path / "c-R2-compte-rendu.txt").read_text(encoding="utf-8"))
    assert HOSTILE in text and "☑=1+1 Tremblay" in text
    assert update.files.keys() == {"R2-compte-rendu.html", "R2-compte-rendu.txt"}
    # Header cells come from the calendar, formulas are ours.
    deadline = next(
        r for r in range(1, 30) if ws.cell(r, 1).value == rencontre_tab.RT_LABEL_ECHEANCE
    )
    assert ws.cell(deadline, rencontre_tab.RT_VALUE_COL).value == (
        '=IFERROR(INDEX(tblRencontres[Échéance ordre du jour],MATCH(2,tblRencontres[N°],0)),"")'
    )
    assert ws.page_setup.paperSize == styling.PAPER_LETTER
    assert ws.page_setup.orientation == "landscape"


def test_failed_regeneration_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "c.xlsx")
    filebook.update_classeur(
        path, lambda e: rencontre.ordre_du_jour(e.model, e.sheet_values, 1, TODAY)
    )
    wb = load_workbook(path)
    wb["R1"]["K3"] = "Texte hors zone"
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(ClasseurError, match="hors des zones"):
        filebook.update_classeur(
            path, lambda e: rencontre.ordre_du_jour(e.model, e.sheet_values, 1, TODAY)
        )
    assert path.read_bytes() == before


# --------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------
def test_cli_commands(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "classeur", *args], capture_output=True, text=True
        )

    out = run("ordre-du-jour", str(path), "-r", "4", "--aujourdhui", "2027-01-20")
    assert out.returncode == 0, out.stderr
    assert plain(out.stdout).splitlines() == [
        "Ordre du jour de la rencontre 4 écrit dans la feuille « R4 ».",
        "Attention : l'ordre du jour est en retard; il devait être envoyé au plus tard le "
        "mardi 12 janvier 2027.",
        "Attention : les points de l'ordre du jour totalisent 3 h 10, mais la rencontre dure "
        "3 h (de 12 h 45 à 15 h 45); retranchez 10 min au temps prévu ou allongez la "
        "rencontre dans la feuille « Rencontres ».",
        f"Fichier écrit : « {tmp_path / 'equipe-R4-ordre-du-jour.html'} »",
        f"Fichier écrit : « {tmp_path / 'equipe-R4-ordre-du-jour.txt'} »",
    ]
    out = run("compte-rendu", str(path), "-r", "4")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "equipe-R4-compte-rendu.html").exists()
    before = path.read_bytes()
    out = run("compte-rendu", str(path), "-r", "8")
    assert out.returncode == 1
    assert plain(out.stderr).startswith(
        "Erreur : Feuille « Rencontres » : La rencontre 8 n'existe pas dans le calendrier."
    )
    assert "Traceback" not in out.stderr and path.read_bytes() == before
    out = run("ordre-du-jour", str(path), "-r", "1", "--aujourdhui", "demain")
    assert out.returncode == 2 and "Valeur invalide pour" in out.stderr


def test_bilan_reads_the_attendance_of_rencontre_tabs() -> None:
    from classeur.domain import bilan

    # bilan reads the tabs with the RT_* names of layout (one source of truth).
    book = Book(car_model())
    book.odj(1)
    book.type(
        1, rencontres.Saisie(presences={"Karim Benali": "Absent", "Sophie Gagnon": "Présent"})
    )
    found = bilan.read_presences(book.sheets["R1"], "R1")
    assert found is not None
    assert len(found.values) == len(book.model.members)
    assert found.values["karim benali"] == "Absent"
    assert found.values["sophie gagnon"] == "Présent"


def test_documents_are_the_files_the_commands_write() -> None:
    book = Book(car_model())
    book.odj(1)
    book.type(1, rencontres.Saisie(debut="8 h 50", actions=[("Action A", "Karim Benali", None)]))
    before = {k: [list(r) for r in v] for k, v in book.sheets.items()}
    html, text = rencontre.documents(book.model, book.values, 1, TODAY, outputs.DOC_CR)
    assert book.sheets == before and book.model.actions == []  # nothing changed
    update = book.cr(1)
    assert (html, text) == (
        update.files["R1-compte-rendu.html"],
        update.files["R1-compte-rendu.txt"],
    )
    html, text = rencontre.documents(book.model, book.values, 2, TODAY)
    update = book.odj(2)
    assert (html, text) == (
        update.files["R2-ordre-du-jour.html"],
        update.files["R2-ordre-du-jour.txt"],
    )
