"""A new classeur file from a model (``classeur nouveau``, ``classeur demo``): every sheet,
table, named style and print setting, written with openpyxl."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from classeur.domain.grille import roster
from classeur.domain.model import Classeur, Meeting, Settings
from classeur.domain.tables import scale_of
from classeur.files.xlsx_cells import (
    ensure_styles,
    put,
    put_formula,
    save_atomic,
    setup_print,
    write_title,
)
from classeur.files.xlsx_sheets import render_sheet
from classeur.files.xlsx_tables import write_table as _write_table
from classeur.layout import accueil, compilation, structure, styling, vocabulary
from classeur.sheets import journal

# ======================================================================================
# Writing
# ======================================================================================


def _settings_rows(s: Settings, c: Classeur) -> list[tuple[str, str, str]]:
    values = {
        structure.PARAM_SCHEMA: str(vocabulary.SCHEMA_VERSION),
        structure.PARAM_MODELE: s.modele,
        structure.PARAM_TITRE: s.titre,
        structure.PARAM_ANNEE: s.annee_scolaire,
        structure.PARAM_ORGANISME: s.organisme,
        structure.PARAM_BUT: s.but,
        structure.PARAM_ECHELLE: s.echelle,
    }
    rows = [(k, v, structure.PARAM_DESCRIPTIONS[k]) for k, v in values.items()]
    # The students of a new classeur are remembered from the start (``roster``).
    known = roster.remembered(c, {}) or s.eleves_connus
    if known:
        rows.append(
            (
                compilation.PARAM_ELEVES_CONNUS,
                known,
                compilation.GRILLE_PARAM_DESCRIPTIONS[compilation.PARAM_ELEVES_CONNUS],
            )
        )
    rows += [
        (k, v, compilation.GRILLE_PARAM_DESCRIPTIONS.get(k, ""))
        for k, v in s.extra.items()
        if k not in values
    ]
    return rows


def build_workbook(c: Classeur) -> Workbook:
    """The whole classeur as an openpyxl workbook (not saved)."""
    wb = Workbook()
    ensure_styles(wb)
    wb.remove(wb.active)
    sheets: dict[str, Worksheet] = {}
    meeting_numbers = sorted(m.numero for m in c.meetings)
    order = [
        *structure.SHEETS_BEFORE_MEETINGS,
        *(structure.meeting_sheet(n) for n in meeting_numbers),
        *structure.SHEETS_AFTER_MEETINGS,
    ]
    for name in order:
        sheets[name] = wb.create_sheet(name)

    _write_lists(sheets, c)
    sheets[structure.SHEET_PARAMETRES].sheet_state = "hidden"

    for m in c.meetings:
        write_meeting_header(sheets[structure.meeting_sheet(m.numero)], m)
    write_bilan_header(sheets[structure.SHEET_BILAN], c)
    render_sheet(wb, journal.sheet([]))  # replaces the placeholder, at the same place
    write_accueil(sheets[structure.SHEET_ACCUEIL], c, order)
    wb.active = 0
    _properties(wb, c)
    return wb


def _properties(wb: Workbook, c: Classeur) -> None:
    """The team as author (not « openpyxl »), its title, in French (Canada)."""
    from openpyxl.packaging.core import DocumentProperties

    team = c.settings.titre or "Classeur"
    wb.properties = DocumentProperties(
        creator=team, lastModifiedBy=team, title=c.settings.titre or None, language="fr-CA"
    )


def _write_lists(sheets: dict[str, Worksheet], c: Classeur) -> None:
    """The lists a team fills in: one Excel table each, with its validations."""
    levels = scale_of(c.settings)
    _write_list(
        sheets[structure.SHEET_EQUIPE],
        structure.EQUIPE,
        [
            (m.prenom, m.nom, m.courriel, m.etablissement, m.fonction, m.service, m.role)
            for m in c.members
        ],
    )
    _write_list(
        sheets[structure.SHEET_RENCONTRES],
        structure.RENCONTRES,
        [
            (m.numero, m.date, m.debut, m.fin, m.mode, m.lieu, m.canevas, m.bloc)
            for m in sorted(c.meetings, key=lambda m: m.numero)
        ],
    )
    _write_list(
        sheets[structure.SHEET_APPRENTISSAGES],
        structure.APPRENTISSAGES,
        [
            (lrn.code, lrn.description, lrn.criteres, lrn.niveau_vise, lrn.objectif)
            for lrn in c.learnings
        ],
        levels=levels,
    )
    _write_list(
        sheets[structure.SHEET_SUIVI],
        structure.SUIVI,
        [
            (a.numero, a.action, a.responsable, a.echeance, a.statut, a.rencontre, a.notes)
            for a in c.actions
        ],
    )
    grille = structure.grille_spec(c.learning_codes)
    result_keys = [(code, bloc) for code in c.learning_codes for bloc in vocabulary.BLOCS]
    _write_list(
        sheets[structure.SHEET_GRILLE],
        grille,
        [
            (e.eleve, e.groupe, e.enseignant, *(e.resultats.get(k) for k in result_keys))
            for e in c.grid
        ],
        levels=levels,
        freeze_columns=len(structure.GRILLE_FIXED),
    )
    _write_list(
        sheets[structure.SHEET_PARAMETRES], structure.PARAMETRES, _settings_rows(c.settings, c)
    )


def _write_list(
    ws: Worksheet,
    spec: structure.TableSpec,
    rows: list[Any],
    *,
    levels: tuple[int | str, ...] | None = None,
    freeze_columns: int = 0,
) -> None:
    write_title(ws, spec.title, spec.subtitle)
    _write_table(ws, spec, rows, levels=levels, freeze_columns=freeze_columns)


def write_accueil(ws: Worksheet, c: Classeur, sheet_order: list[str]) -> None:
    write_title(
        ws, c.settings.titre or accueil.ACCUEIL_TITLE, vocabulary.MODELE_LABELS[c.settings.modele]
    )
    for col, width in accueil.ACCUEIL_WIDTHS.items():
        ws.column_dimensions[col].width = width
    row = accueil.ACCUEIL_IDENTITY_FIRST_ROW + 1
    for key, label in accueil.ACCUEIL_IDENTITY_LABELS.items():
        put(ws.cell(row=row, column=accueil.ACCUEIL_LABEL_COL), label)
        ws.cell(row=row, column=accueil.ACCUEIL_LABEL_COL).style = styling.STYLE_LABEL
        if key == structure.PARAM_MODELE:
            put(
                ws.cell(row=row, column=accueil.ACCUEIL_VALUE_COL),
                vocabulary.MODELE_LABELS[c.settings.modele],
            )
        else:
            put_formula(
                ws.cell(row=row, column=accueil.ACCUEIL_VALUE_COL), structure.param_formula(key)
            )
        ws.cell(row=row, column=accueil.ACCUEIL_VALUE_COL).style = styling.STYLE_WRAP
        row += 1
    row += 1
    put(ws.cell(row=row, column=1), accueil.ACCUEIL_STATUS_HEADING)
    ws.cell(row=row, column=1).style = styling.STYLE_TITLE
    row += 1
    for line in accueil.ACCUEIL_STATUS:
        if c.settings.modele not in line.only_for:
            continue
        put(ws.cell(row=row, column=accueil.ACCUEIL_LABEL_COL), line.label)
        ws.cell(row=row, column=accueil.ACCUEIL_LABEL_COL).style = styling.STYLE_LABEL
        value = ws.cell(row=row, column=accueil.ACCUEIL_VALUE_COL)
        put_formula(value, line.formula)
        value.style = styling.STYLE_COMPUTED
        value.number_format = line.number_format
        row += 1
    row += 1
    put(ws.cell(row=row, column=1), accueil.ACCUEIL_LINKS_HEADING)
    ws.cell(row=row, column=1).style = styling.STYLE_TITLE
    row += 1
    for name in sheet_order:
        if name == structure.SHEET_PARAMETRES:
            continue
        link = ws.cell(row=row, column=accueil.ACCUEIL_LABEL_COL)
        put(link, name)
        link.hyperlink = Hyperlink(
            ref=link.coordinate, location=f"'{name}'!A1", tooltip=f"Aller à la feuille {name}"
        )
        link.style = styling.STYLE_LINK
        n = structure.meeting_number_from_sheet(name)
        desc = f"Rencontre {n}" if n is not None else structure.SHEET_DESCRIPTIONS.get(name, "")
        put(ws.cell(row=row, column=accueil.ACCUEIL_VALUE_COL), desc)
        row += 1
    setup_print(ws, landscape=False)


def write_meeting_header(ws: Worksheet, m: Meeting) -> None:
    """The header of a rencontre tab; the rencontres feature fills the rest."""
    write_title(ws, f"Rencontre {m.numero}", m.canevas)
    for col, width in structure.MEETING_WIDTHS.items():
        ws.column_dimensions[col].width = width
    setup_print(ws, landscape=False)


def write_bilan_header(ws: Worksheet, c: Classeur) -> None:
    write_title(ws, structure.BILAN_TITLE, c.settings.annee_scolaire)
    for col, width in structure.MEETING_WIDTHS.items():
        ws.column_dimensions[col].width = width
    setup_print(ws, landscape=False)


def write_classeur(c: Classeur, path: str | os.PathLike[str]) -> Path:
    """Write ``c`` as a new classeur file (atomically)."""
    return save_atomic(build_workbook(c), path)
