"""File adapter: read a classeur file into the model, write the model into a classeur file.

Reading validates everything and reports ALL problems at once, each naming sheet, row and
column in French with how to fix it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from classeur import layout
from classeur.errors import ClasseurError, ClasseurProblems, Problem
from classeur.model import (
    Action,
    Classeur,
    GridEntry,
    Learning,
    Meeting,
    Member,
    Settings,
)
from classeur.xlsxio import ensure_styles, put, put_formula, save_atomic, setup_print, write_title
from classeur.xlsxio import write_table as _write_table

# ======================================================================================
# Writing
# ======================================================================================


def _scale(settings: Settings) -> tuple[int | str, ...]:
    return layout.ECHELLES.get(settings.echelle, layout.ECHELLES[layout.ECHELLE_DEFAUT])


def _settings_rows(s: Settings) -> list[tuple[str, str, str]]:
    values = {
        layout.PARAM_SCHEMA: str(layout.SCHEMA_VERSION),
        layout.PARAM_MODELE: s.modele,
        layout.PARAM_TITRE: s.titre,
        layout.PARAM_ANNEE: s.annee_scolaire,
        layout.PARAM_ORGANISME: s.organisme,
        layout.PARAM_BUT: s.but,
        layout.PARAM_ECHELLE: s.echelle,
    }
    rows = [(k, v, layout.PARAM_DESCRIPTIONS[k]) for k, v in values.items()]
    rows += [(k, v, "") for k, v in s.extra.items() if k not in values]
    return rows


def build_workbook(c: Classeur) -> Workbook:
    """The whole classeur as an openpyxl workbook (not saved)."""
    wb = Workbook()
    ensure_styles(wb)
    wb.remove(wb.active)
    sheets: dict[str, Worksheet] = {}
    meeting_numbers = sorted(m.numero for m in c.meetings)
    order = [
        *layout.SHEETS_BEFORE_MEETINGS,
        *(layout.meeting_sheet(n) for n in meeting_numbers),
        *layout.SHEETS_AFTER_MEETINGS,
    ]
    for name in order:
        sheets[name] = wb.create_sheet(name)

    levels = _scale(c.settings)
    _write_list(
        sheets[layout.SHEET_EQUIPE],
        layout.EQUIPE,
        [
            (m.prenom, m.nom, m.courriel, m.etablissement, m.fonction, m.service, m.role)
            for m in c.members
        ],
    )
    _write_list(
        sheets[layout.SHEET_RENCONTRES],
        layout.RENCONTRES,
        [
            (m.numero, m.date, m.debut, m.fin, m.mode, m.lieu, m.canevas, m.bloc)
            for m in sorted(c.meetings, key=lambda m: m.numero)
        ],
    )
    _write_list(
        sheets[layout.SHEET_APPRENTISSAGES],
        layout.APPRENTISSAGES,
        [
            (lrn.code, lrn.description, lrn.criteres, lrn.niveau_vise, lrn.objectif)
            for lrn in c.learnings
        ],
        levels=levels,
    )
    _write_list(
        sheets[layout.SHEET_SUIVI],
        layout.SUIVI,
        [
            (a.numero, a.action, a.responsable, a.echeance, a.statut, a.rencontre, a.notes)
            for a in c.actions
        ],
    )
    grille = layout.grille_spec(c.learning_codes)
    result_keys = [(code, bloc) for code in c.learning_codes for bloc in layout.BLOCS]
    _write_list(
        sheets[layout.SHEET_GRILLE],
        grille,
        [
            (e.eleve, e.groupe, e.enseignant, *(e.resultats.get(k) for k in result_keys))
            for e in c.grid
        ],
        levels=levels,
        freeze_columns=len(layout.GRILLE_FIXED),
    )
    _write_list(sheets[layout.SHEET_PARAMETRES], layout.PARAMETRES, _settings_rows(c.settings))
    sheets[layout.SHEET_PARAMETRES].sheet_state = "hidden"

    for m in c.meetings:
        write_meeting_header(sheets[layout.meeting_sheet(m.numero)], m)
    write_bilan_header(sheets[layout.SHEET_BILAN], c)
    write_accueil(sheets[layout.SHEET_ACCUEIL], c, order)
    wb.active = 0
    return wb


def _write_list(
    ws: Worksheet,
    spec: layout.TableSpec,
    rows: list[Any],
    *,
    levels: tuple[int | str, ...] | None = None,
    freeze_columns: int = 0,
) -> None:
    write_title(ws, spec.title, spec.subtitle)
    _write_table(ws, spec, rows, levels=levels, freeze_columns=freeze_columns)


def write_accueil(ws: Worksheet, c: Classeur, sheet_order: list[str]) -> None:
    write_title(
        ws, c.settings.titre or layout.ACCUEIL_TITLE, layout.MODELE_LABELS[c.settings.modele]
    )
    for col, width in layout.ACCUEIL_WIDTHS.items():
        ws.column_dimensions[col].width = width
    row = layout.ACCUEIL_IDENTITY_FIRST_ROW + 1
    for key, label in layout.ACCUEIL_IDENTITY_LABELS.items():
        put(ws.cell(row=row, column=layout.ACCUEIL_LABEL_COL), label)
        ws.cell(row=row, column=layout.ACCUEIL_LABEL_COL).style = layout.STYLE_LABEL
        if key == layout.PARAM_MODELE:
            put(
                ws.cell(row=row, column=layout.ACCUEIL_VALUE_COL),
                layout.MODELE_LABELS[c.settings.modele],
            )
        else:
            put_formula(
                ws.cell(row=row, column=layout.ACCUEIL_VALUE_COL), layout.param_formula(key)
            )
        ws.cell(row=row, column=layout.ACCUEIL_VALUE_COL).style = layout.STYLE_WRAP
        row += 1
    row += 1
    put(ws.cell(row=row, column=1), layout.ACCUEIL_STATUS_HEADING)
    ws.cell(row=row, column=1).style = layout.STYLE_TITLE
    row += 1
    for line in layout.ACCUEIL_STATUS:
        if c.settings.modele not in line.only_for:
            continue
        put(ws.cell(row=row, column=layout.ACCUEIL_LABEL_COL), line.label)
        ws.cell(row=row, column=layout.ACCUEIL_LABEL_COL).style = layout.STYLE_LABEL
        value = ws.cell(row=row, column=layout.ACCUEIL_VALUE_COL)
        put_formula(value, line.formula)
        value.style = layout.STYLE_COMPUTED
        value.number_format = line.number_format
        row += 1
    row += 1
    put(ws.cell(row=row, column=1), layout.ACCUEIL_LINKS_HEADING)
    ws.cell(row=row, column=1).style = layout.STYLE_TITLE
    row += 1
    for name in sheet_order:
        if name == layout.SHEET_PARAMETRES:
            continue
        link = ws.cell(row=row, column=layout.ACCUEIL_LABEL_COL)
        put(link, name)
        link.hyperlink = Hyperlink(
            ref=link.coordinate, location=f"'{name}'!A1", tooltip=f"Aller à la feuille {name}"
        )
        link.style = layout.STYLE_LINK
        n = layout.meeting_number_from_sheet(name)
        desc = f"Rencontre {n}" if n is not None else layout.SHEET_DESCRIPTIONS.get(name, "")
        put(ws.cell(row=row, column=layout.ACCUEIL_VALUE_COL), desc)
        row += 1
    setup_print(ws, landscape=False)


def write_meeting_header(ws: Worksheet, m: Meeting) -> None:
    """The header of a rencontre tab; the rencontres feature fills the rest."""
    write_title(ws, f"Rencontre {m.numero}", m.canevas)
    for col, width in layout.MEETING_WIDTHS.items():
        ws.column_dimensions[col].width = width
    setup_print(ws, landscape=False)


def write_bilan_header(ws: Worksheet, c: Classeur) -> None:
    write_title(ws, layout.BILAN_TITLE, c.settings.annee_scolaire)
    for col, width in layout.MEETING_WIDTHS.items():
        ws.column_dimensions[col].width = width
    setup_print(ws, landscape=False)


def write_classeur(c: Classeur, path: str | os.PathLike[str]) -> Path:
    """Write ``c`` as a new classeur file (atomically)."""
    return save_atomic(build_workbook(c), path)


# ======================================================================================
# Reading
# ======================================================================================

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d")
_TIME_RE = re.compile(r"^\s*(\d{1,2})\s*(?:h|:|H)\s*(\d{2})?\s*$")


class _Invalid(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _to_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    return str(v)


def _to_int(v: Any) -> int | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise _Invalid(f"« {v} » n'est pas un nombre entier.", "Inscrivez un nombre entier.")
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    text = str(v).strip()
    if text.isdigit():
        return int(text)
    raise _Invalid(f"« {v} » n'est pas un nombre entier.", "Inscrivez un nombre entier, p. ex. 3.")


def _to_date(v: Any) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    text = str(v).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise _Invalid(
        f"« {text} » n'est pas une date.",
        "Inscrivez une date, p. ex. 2026-11-23 (année-mois-jour).",
    )


def _to_time(v: Any) -> dt.time | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.time()
    if isinstance(v, dt.time):
        return v
    if isinstance(v, float) and 0 <= v < 1:
        minutes = round(v * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    match = _TIME_RE.match(str(v))
    if match:
        h, mnt = int(match.group(1)), int(match.group(2) or 0)
        if h < 24 and mnt < 60:
            return dt.time(h, mnt)
    raise _Invalid(f"« {v} » n'est pas une heure.", "Inscrivez une heure, p. ex. 8:45 ou 8 h 45.")


def _to_percent(v: Any) -> float | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise _Invalid(f"« {v} » n'est pas un pourcentage.", "Inscrivez p. ex. 80 %.")
    if isinstance(v, int | float):
        value = float(v)
    else:
        text = str(v).strip().replace("%", "").replace(",", ".").replace("\u00a0", "").strip()
        try:
            value = float(text) / 100
        except ValueError:
            raise _Invalid(f"« {v} » n'est pas un pourcentage.", "Inscrivez p. ex. 80 %.") from None
    if value > 1:  # typed 80 in a cell formatted as a percentage
        value = value / 100
    if not 0 <= value <= 1:
        raise _Invalid(f"« {v} » n'est pas entre 0 % et 100 %.", "Inscrivez p. ex. 80 %.")
    return round(value, 6)


def _to_choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    by_fold = {c.casefold(): c for c in choices}

    def convert(v: Any) -> str:
        text = _to_text(v).strip()
        if not text:
            return ""
        if text.casefold() in by_fold:
            return by_fold[text.casefold()]
        raise _Invalid(
            f"« {text} » n'est pas une valeur permise.",
            "Choisissez dans la liste : " + ", ".join(choices) + ".",
        )

    return convert


def level_converter(scale: tuple[int | str, ...]) -> Callable[[Any], int | str | None]:
    """Convert a cell value to a level of ``scale`` (None when blank)."""
    by_text = {str(level).casefold(): level for level in scale}

    def convert(v: Any) -> int | str | None:
        if v is None or v == "":
            return None
        text = _to_text(v).strip().casefold()
        if text in by_text:
            return by_text[text]
        raise _Invalid(
            f"« {_to_text(v)} » n'est pas un niveau de l'échelle.",
            "Niveaux permis : " + ", ".join(str(x) for x in scale) + " (ou laissez vide).",
        )

    return convert


def _converter(col: layout.Column, scale: tuple[int | str, ...]) -> Callable[[Any], Any]:
    if col.kind == "int":
        return _to_int
    if col.kind == "date":
        return _to_date
    if col.kind == "time":
        return _to_time
    if col.kind == "percent":
        return _to_percent
    if col.kind == "choice" and col.choices:
        return _to_choice(col.choices)
    if col.kind == "level":
        return level_converter(scale)
    return _to_text


@dataclass
class TableRows:
    """Rows read from one table: the sheet row number and the converted values by key."""

    rows: list[tuple[int, dict[str, Any]]]
    headers: list[str]


class Reader:
    """Reads tables of an openpyxl workbook, collecting problems instead of stopping."""

    def __init__(self, wb: Workbook, file: str | None = None) -> None:
        self.wb = wb
        self.file = file
        self.problems: list[Problem] = []
        self._tables: dict[str, tuple[Worksheet, Any]] = {}
        for ws in wb.worksheets:
            for table in ws.tables.values():
                self._tables[table.displayName] = (ws, table)

    def problem(self, message: str, **where: Any) -> None:
        self.problems.append(Problem(message, file=self.file, **where))

    def has_sheet(self, name: str) -> bool:
        return name in self.wb.sheetnames

    def table(self, spec: layout.TableSpec, scale: tuple[int | str, ...] = ()) -> TableRows | None:
        """Read ``spec``'s input columns; None (with a problem) when it cannot be read."""
        if not self.has_sheet(spec.sheet):
            self.problem(
                f"La feuille « {spec.sheet} » est introuvable.",
                hint="Rétablissez-la (ou repartez d'un classeur neuf : "
                "classeur nouveau) puis recopiez vos données.",
            )
            return None
        found = self._tables.get(spec.name)
        if found is None:
            self.problem(
                f"Le tableau « {spec.name} » est introuvable.",
                sheet=spec.sheet,
                hint="Ne supprimez pas le tableau Excel de cette feuille; "
                "s'il a été converti en plage, recréez-le (Insertion > Tableau) "
                f"et nommez-le « {spec.name} ».",
            )
            return None
        ws, table = found
        from openpyxl.utils.cell import range_boundaries

        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        header_values = next(
            ws.iter_rows(
                min_row=min_row, max_row=min_row, min_col=min_col, max_col=max_col, values_only=True
            )
        )
        headers = [_to_text(h) for h in header_values]
        index = {h: i for i, h in enumerate(headers)}
        missing = [c for c in spec.input_columns if c.header not in index]
        for col in missing:
            self.problem(
                f"La colonne « {col.header} » est introuvable dans le tableau « {spec.name} ».",
                sheet=ws.title,
                row=min_row,
                hint="Colonnes trouvées : "
                + ", ".join(h for h in headers if h)
                + f". Redonnez à la colonne son nom exact « {col.header} ».",
            )
        if missing:
            return None
        convs = {c.key: _converter(c, scale) for c in spec.input_columns}
        rows: list[tuple[int, dict[str, Any]]] = []
        for r, values in enumerate(
            ws.iter_rows(
                min_row=min_row + 1,
                max_row=max_row,
                min_col=min_col,
                max_col=max_col,
                values_only=True,
            ),
            start=min_row + 1,
        ):
            raw = {c.key: values[index[c.header]] for c in spec.input_columns}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
                # An empty row (Excel tables often end with one): nothing to read.
                continue
            out: dict[str, Any] = {}
            for col in spec.input_columns:
                try:
                    out[col.key] = convs[col.key](raw[col.key])
                except _Invalid as err:
                    self.problem(
                        err.message, sheet=ws.title, row=r, column=col.header, hint=err.hint
                    )
                    out[col.key] = None
                    continue
                value = out[col.key]
                if col.required and (
                    value is None or (isinstance(value, str) and not value.strip())
                ):
                    self.problem(
                        "Cette case est obligatoire et elle est vide.",
                        sheet=ws.title,
                        row=r,
                        column=col.header,
                        hint="Remplissez-la ou supprimez la ligne.",
                    )
            rows.append((r, out))
        return TableRows(rows, headers)


def _read_settings(reader: Reader) -> Settings | None:
    data = reader.table(layout.PARAMETRES)
    if data is None:
        return None
    values = {row["cle"].strip(): row["valeur"] for _, row in data.rows}
    modele = values.get(layout.PARAM_MODELE, "")
    if modele not in layout.MODELES:
        reader.problem(
            f"Le type de classeur « {modele} » est inconnu.",
            sheet=layout.SHEET_PARAMETRES,
            column=layout.PARAMETRES.column("valeur").header,
            hint="Inscrivez « car » ou « reseau » pour la clé « modele ».",
        )
        return None
    version_text = values.get(layout.PARAM_SCHEMA, "1") or "1"
    version = int(version_text) if version_text.isdigit() else 0
    if version > layout.SCHEMA_VERSION:
        reader.problem(
            f"Ce classeur a été créé par une version plus récente de Classeur "
            f"(format {version_text}).",
            sheet=layout.SHEET_PARAMETRES,
            hint="Mettez Classeur à jour (pip install --upgrade classeur) avant de l'ouvrir.",
        )
        return None
    echelle = values.get(layout.PARAM_ECHELLE) or layout.ECHELLE_DEFAUT
    if echelle not in layout.ECHELLES:
        reader.problem(
            f"L'échelle « {echelle} » est inconnue.",
            sheet=layout.SHEET_PARAMETRES,
            hint="Échelles permises : " + ", ".join(layout.ECHELLES) + ".",
        )
        echelle = layout.ECHELLE_DEFAUT
    known = set(layout.PARAM_DESCRIPTIONS)
    return Settings(
        modele=modele,
        titre=values.get(layout.PARAM_TITRE, ""),
        annee_scolaire=values.get(layout.PARAM_ANNEE, ""),
        organisme=values.get(layout.PARAM_ORGANISME, ""),
        but=values.get(layout.PARAM_BUT, ""),
        echelle=echelle,
        schema_version=max(version, 1),
        extra={k: v for k, v in values.items() if k not in known},
    )


def _read_grid(reader: Reader, codes: list[str], scale: tuple[int | str, ...]) -> list[GridEntry]:
    found = reader._tables.get(layout.GRILLE_NAME)
    if found is None:
        reader.table(layout.grille_spec([]))  # reports the missing sheet/table
        return []
    ws, table = found
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, _ = range_boundaries(table.ref)
    headers = [
        _to_text(h)
        for h in next(
            ws.iter_rows(
                min_row=min_row, max_row=min_row, min_col=min_col, max_col=max_col, values_only=True
            )
        )
    ]
    present: list[tuple[str, str]] = []
    for h in headers:
        parsed = layout.parse_grille_header(h)
        if parsed is None:
            continue
        if parsed[0] not in codes:
            reader.problem(
                f"La colonne « {h} » renvoie à l'apprentissage « {parsed[0]} », "
                "absent de la feuille Apprentissages.",
                sheet=ws.title,
                row=min_row,
                column=h,
                hint="Ajoutez cet apprentissage dans la feuille Apprentissages "
                "ou corrigez le code dans l'en-tête.",
            )
            continue
        present.append(parsed)
    spec = layout.grille_spec([])
    spec = layout.TableSpec(
        name=spec.name,
        sheet=spec.sheet,
        title=spec.title,
        subtitle=spec.subtitle,
        columns=(
            *layout.GRILLE_FIXED,
            *(layout.Column(f"{c}|{b}", layout.grille_header(c, b), "level") for c, b in present),
        ),
    )
    data = reader.table(spec, scale)
    if data is None:
        return []
    entries = []
    for _, row in data.rows:
        results = {(c, b): row[f"{c}|{b}"] for c, b in present if row[f"{c}|{b}"] is not None}
        entries.append(GridEntry(row["eleve"], row["groupe"], row["enseignant"], results))
    return entries


def read_workbook(wb: Workbook, file: str | None = None) -> tuple[Classeur | None, list[Problem]]:
    """Read an openpyxl workbook (values, not formulas) into the model; collect problems."""
    reader = Reader(wb, file)
    settings = _read_settings(reader)
    if settings is None:
        if not reader.problems:
            reader.problem("Ce fichier n'est pas un classeur.")
        return None, reader.problems
    scale = _scale(settings)
    empty = TableRows([], [])
    member_rows = reader.table(layout.EQUIPE) or empty
    meeting_rows = reader.table(layout.RENCONTRES) or empty
    learning_rows = reader.table(layout.APPRENTISSAGES, scale) or empty
    action_rows = reader.table(layout.SUIVI) or empty
    members = [Member(**row) for _, row in member_rows.rows]
    meetings = [Meeting(**row) for _, row in meeting_rows.rows]
    learnings = [Learning(**row) for _, row in learning_rows.rows]
    actions = [Action(**row) for _, row in action_rows.rows]
    grid = _read_grid(reader, [lrn.code for lrn in learnings], scale)
    _check_unique(reader, layout.RENCONTRES, "numero", meeting_rows)
    _check_unique(reader, layout.APPRENTISSAGES, "code", learning_rows)
    _check_unique(reader, layout.SUIVI, "numero", action_rows)
    c = Classeur(settings, members, meetings, learnings, grid, actions)
    return c, reader.problems


def _check_unique(reader: Reader, spec: layout.TableSpec, key: str, data: TableRows) -> None:
    seen: dict[Any, int] = {}
    for r, row in data.rows:
        value = row[key]
        if value in (None, ""):
            continue
        if value in seen:
            reader.problem(
                f"« {value} » apparaît deux fois (déjà à la ligne {seen[value]}).",
                sheet=spec.sheet,
                row=r,
                column=spec.column(key).header,
                hint="Chaque valeur de cette colonne doit être unique.",
            )
        else:
            seen[value] = r


def open_workbook(path: str | os.PathLike[str], *, data_only: bool = True) -> Workbook:
    """Open a classeur file; a French error when it is not a readable .xlsx."""
    p = Path(path)
    if not p.exists():
        raise ClasseurError(
            f"Le fichier « {p} » est introuvable.",
            hint="Vérifiez le chemin et le nom du fichier.",
        )
    if not zipfile.is_zipfile(p):
        raise ClasseurError(
            f"Le fichier « {p.name} » n'est pas un classeur Excel (.xlsx).",
            hint="Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) ».",
        )
    try:
        return load_workbook(p, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise ClasseurError(
            f"Le fichier « {p.name} » est endommagé ou n'est pas un classeur Excel (.xlsx).",
            hint="Ouvrez-le dans Excel et enregistrez-le de nouveau au format .xlsx.",
        ) from exc


def inspect_classeur(path: str | os.PathLike[str]) -> tuple[Classeur | None, list[Problem]]:
    """Read a classeur file, returning the model (if readable) and every problem found."""
    wb = open_workbook(path)
    return read_workbook(wb, file=Path(path).name)


def read_classeur(path: str | os.PathLike[str]) -> Classeur:
    """Read a classeur file; raise ClasseurProblems listing every problem found."""
    c, problems = inspect_classeur(path)
    if problems or c is None:
        raise ClasseurProblems(problems)
    return c
