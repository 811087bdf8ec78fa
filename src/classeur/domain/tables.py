"""Core reading: Excel tables as plain values -> the model, with French problems.

No openpyxl, no xlwings here: the adapters hand over :class:`RawTable` values."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from classeur.domain import cellvalues, checks, migrations
from classeur.domain.model import Action, Classeur, GridEntry, Learning, Meeting, Member, Settings
from classeur.domain.rawtable import RawTable
from classeur.errors import ClasseurError, Problem
from classeur.layout import a1, compilation, structure, vocabulary


def scale_of(settings: Settings) -> tuple[int | str, ...]:
    """The ordered levels (worst first) of the classeur's result scale."""
    return vocabulary.ECHELLES.get(settings.echelle, vocabulary.ECHELLES[vocabulary.ECHELLE_DEFAUT])


def _converter(col: structure.Column, scale: tuple[int | str, ...]) -> Callable[[Any], Any]:
    if col.kind == "int":
        return cellvalues.to_int
    if col.kind == "date":
        return cellvalues.parse_date
    if col.kind == "time":
        return cellvalues.parse_time
    if col.kind == "percent":
        return cellvalues.to_percent
    if col.kind == "choice" and col.choices:
        return cellvalues.choice(col.choices)
    if col.kind == "level":
        return cellvalues.level(scale)
    return cellvalues.text


@dataclass
class TableRows:
    """Rows read from one table: the sheet row number and the converted values by key."""

    rows: list[tuple[int, dict[str, Any]]]
    headers: list[str]


class Reader:
    """Reads tables into the model, collecting problems instead of stopping."""

    def __init__(
        self, tables: dict[str, RawTable], sheets: list[str], file: str | None = None
    ) -> None:
        self.tables = tables
        self.sheets = sheets
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, message: str, **where: Any) -> None:
        self.problems.append(Problem(message, file=self.file, **where))

    def has_sheet(self, name: str) -> bool:
        return name in self.sheets

    def raw(self, spec: structure.TableSpec) -> RawTable | None:
        """The raw table of ``spec``; None (with a problem) when sheet or table is missing."""
        if not self.has_sheet(spec.sheet):
            self.problem(
                f"La feuille « {spec.sheet} » est introuvable.",
                hint="Rétablissez-la (ou repartez d'un classeur neuf : "
                "classeur nouveau) puis recopiez vos données.",
            )
            return None
        found = self.tables.get(spec.name)
        if found is None:
            self.problem(
                f"Le tableau « {spec.name} » est introuvable.",
                sheet=spec.sheet,
                hint="Ne supprimez pas le tableau Excel de cette feuille; "
                "s'il a été converti en plage, recréez-le (Insertion > Tableau) "
                f"et nommez-le « {spec.name} ».",
            )
            return None
        self._report_merged(found)
        return found

    def _report_merged(self, found: RawTable) -> None:
        """Merged cells inside a table hide values (Excel itself forbids them there)."""
        for min_row, min_col, max_row, max_col in found.merged:
            j = min_col - found.first_column
            header = found.headers[j] if 0 <= j < len(found.headers) else None
            self.problem(
                f"Des cellules fusionnées ({_range_name(min_row, min_col, max_row, max_col)}) "
                f"se trouvent dans le tableau « {found.name} »; leur contenu ne peut pas "
                "être lu correctement.",
                sheet=found.sheet,
                row=max(min_row, found.header_row),
                column=cellvalues.shown(header) or None,
                hint="Sélectionnez ces cellules, annulez la fusion (Accueil > Fusionner et "
                "centrer) et inscrivez une valeur dans chaque case.",
            )

    def table(
        self, spec: structure.TableSpec, scale: tuple[int | str, ...] = ()
    ) -> TableRows | None:
        """Read ``spec``'s input columns; None (with a problem) when it cannot be read."""
        found = self.raw(spec)
        if found is None:
            return None
        headers = [cellvalues.shown(h) for h in found.headers]
        index = cellvalues.header_positions(headers)
        missing = [c for c in spec.input_columns if cellvalues.label_key(c.header) not in index]
        for col in missing:
            self.problem(
                f"La colonne « {col.header} » est introuvable dans le tableau « {spec.name} ».",
                sheet=found.sheet,
                row=found.header_row,
                hint="Colonnes trouvées : "
                + ", ".join(h for h in headers if h)
                + f". Redonnez à la colonne son nom exact « {col.header} ».",
            )
        if missing:
            return None
        columns = spec.input_columns
        convs = {c.key: _converter(c, scale) for c in columns}
        where = [(c.key, index[cellvalues.label_key(c.header)]) for c in columns]
        rows: list[tuple[int, dict[str, Any]]] = []
        for r, cells in enumerate(found.rows, start=found.header_row + 1):
            n = len(cells)
            raw = {key: cells[i] if i < n else None for key, i in where}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
                # An empty row (Excel tables often end with one): nothing to read.
                continue
            out: dict[str, Any] = {}
            for col in columns:
                try:
                    out[col.key] = convs[col.key](raw[col.key])
                except cellvalues.Invalid as err:
                    self.problem(
                        err.message, sheet=found.sheet, row=r, column=col.header, hint=err.hint
                    )
                    out[col.key] = None
                    continue
                value = out[col.key]
                if col.required and (
                    value is None or (isinstance(value, str) and not value.strip())
                ):
                    self.problem(
                        "Cette case est obligatoire et elle est vide.",
                        sheet=found.sheet,
                        row=r,
                        column=col.header,
                        hint="Remplissez-la ou supprimez la ligne.",
                    )
            rows.append((r, out))
        return TableRows(rows, headers)


def _read_settings(reader: Reader) -> Settings | None:
    data = reader.table(structure.PARAMETRES)
    if data is None:
        return None
    settings = {row["cle"].strip(): row["valeur"] for _, row in data.rows}
    modele = settings.get(structure.PARAM_MODELE, "")
    if modele not in vocabulary.MODELES:
        reader.problem(
            f"Le type de classeur « {modele} » est inconnu.",
            sheet=structure.SHEET_PARAMETRES,
            column=structure.PARAMETRES.column("valeur").header,
            hint="Inscrivez « car » ou « reseau » pour la clé « modele ».",
        )
        return None
    version_text = settings.get(structure.PARAM_SCHEMA, "1") or "1"
    version = int(version_text) if version_text.isdigit() else 0
    if version > vocabulary.SCHEMA_VERSION:
        reader.problem(
            f"Ce classeur a été créé par une version plus récente de Classeur "
            f"(format {version_text}).",
            sheet=structure.SHEET_PARAMETRES,
            hint="Mettez Classeur à jour (pip install --upgrade classeur) avant de l'ouvrir.",
        )
        return None
    echelle = settings.get(structure.PARAM_ECHELLE) or vocabulary.ECHELLE_DEFAUT
    if echelle not in vocabulary.ECHELLES:
        reader.problem(
            f"L'échelle « {echelle} » est inconnue.",
            sheet=structure.SHEET_PARAMETRES,
            hint="Échelles permises : " + ", ".join(vocabulary.ECHELLES) + ".",
        )
        echelle = vocabulary.ECHELLE_DEFAUT
    known = {*structure.PARAM_DESCRIPTIONS, compilation.PARAM_ELEVES_CONNUS}
    return Settings(
        modele=modele,
        titre=settings.get(structure.PARAM_TITRE, ""),
        annee_scolaire=settings.get(structure.PARAM_ANNEE, ""),
        organisme=settings.get(structure.PARAM_ORGANISME, ""),
        but=settings.get(structure.PARAM_BUT, ""),
        echelle=echelle,
        schema_version=max(version, 1),
        extra={
            k: v
            for k, v in settings.items()
            if k not in known and not k.startswith(structure.PARAM_GENERATED_PREFIX)
        },
        memories={
            k: v for k, v in settings.items() if k.startswith(structure.PARAM_GENERATED_PREFIX)
        },
        eleves_connus=settings.get(compilation.PARAM_ELEVES_CONNUS) or "",
    )


def _read_grid(reader: Reader, codes: list[str], scale: tuple[int | str, ...]) -> list[GridEntry]:
    found = reader.raw(structure.grille_spec([]))
    if found is None:
        return []
    present: list[tuple[str, str]] = []
    for h in (cellvalues.shown(h) for h in found.headers):
        parsed = structure.parse_grille_header(h)
        if parsed is None:
            unreadable = checks.unreadable_grille_header(h, codes)
            if unreadable is not None:
                reader.problems.append(replace(unreadable, row=found.header_row, file=reader.file))
            continue
        if parsed[0] not in codes:
            reader.problem(
                f"La colonne « {h} » renvoie à l'apprentissage « {parsed[0]} », "
                "absent de la feuille Apprentissages.",
                sheet=found.sheet,
                row=found.header_row,
                column=h,
                hint="Ajoutez cet apprentissage dans la feuille Apprentissages "
                "ou corrigez le code dans l'en-tête.",
            )
            continue
        present.append(parsed)
    spec = structure.grille_spec([])
    spec = structure.TableSpec(
        name=spec.name,
        sheet=spec.sheet,
        title=spec.title,
        subtitle=spec.subtitle,
        columns=(
            *structure.GRILLE_FIXED,
            *(
                structure.Column(f"{c}|{b}", structure.grille_header(c, b), "level")
                for c, b in present
            ),
        ),
    )
    data = reader.table(spec, scale)
    if data is None:
        return []
    keys = [((c, b), f"{c}|{b}") for c, b in present]
    entries = []
    for r, row in data.rows:
        results = {cb: row[key] for cb, key in keys if row[key] is not None}
        entries.append(GridEntry(row["eleve"], row["groupe"], row["enseignant"], results, r))
    return entries


def _range_name(min_row: int, min_col: int, max_row: int, max_col: int) -> str:
    first = f"{a1.column_letter(min_col)}{min_row}"
    last = f"{a1.column_letter(max_col)}{max_row}"
    return first if first == last else f"{first}:{last}"


def not_a_classeur(table_names: Iterable[str], file: str | None = None) -> Problem | None:
    """The refusal of a file that holds none of a classeur's tables (decided from the
    tables' names alone, before any full reading); None for a classeur."""
    known = {spec.name for spec in structure.ALL_TABLES} | {structure.GRILLE_NAME}
    if known & set(table_names):
        return None
    return Problem(
        "Ce fichier n'est pas un classeur de Classeur : il ne contient aucun de ses "
        "tableaux (équipe, rencontres, grille…).",
        file=file,
        hint="Vérifiez que c'est le bon fichier, ou créez un classeur avec "
        "« classeur nouveau » et recopiez-y vos données.",
    )


def classeur_from_tables(
    tables: dict[str, RawTable], sheets: list[str], file: str | None = None
) -> tuple[Classeur | None, list[Problem]]:
    """Read the model from raw tables; collect every problem (sheet, row, column).

    A classeur from an older version of Classeur is migrated first (``migrations``).
    """
    unknown = not_a_classeur(tables, file)
    if unknown is not None:
        return None, [unknown]
    tables = dict(tables)
    try:
        migrations.migrate_tables(tables)
    except ClasseurError as exc:
        return None, [replace(p, file=file) for p in exc.problems]
    reader = Reader(tables, sheets, file)
    settings = _read_settings(reader)
    if settings is None:
        if not reader.problems:
            reader.problem("Ce fichier n'est pas un classeur.")
        return None, reader.problems
    scale = scale_of(settings)
    empty = TableRows([], [])
    member_rows = reader.table(structure.EQUIPE) or empty
    meeting_rows = reader.table(structure.RENCONTRES) or empty
    learning_rows = reader.table(structure.APPRENTISSAGES, scale) or empty
    action_rows = reader.table(structure.SUIVI) or empty
    members = [Member(**row, row=r) for r, row in member_rows.rows]
    meetings = [Meeting(**row) for _, row in meeting_rows.rows]
    learnings = [Learning(**row) for _, row in learning_rows.rows]
    actions = [Action(**row) for _, row in action_rows.rows]
    grid = _read_grid(reader, [lrn.code for lrn in learnings], scale)
    _check_unique(reader, structure.RENCONTRES, "numero", meeting_rows)
    _check_unique(reader, structure.APPRENTISSAGES, "code", learning_rows)
    _check_unique(reader, structure.SUIVI, "numero", action_rows)
    c = Classeur(settings, members, meetings, learnings, grid, actions, raw=tables)
    c.rows = {
        spec.name: [r for r, _ in data.rows]
        for spec, data in (
            (structure.EQUIPE, member_rows),
            (structure.RENCONTRES, meeting_rows),
            (structure.APPRENTISSAGES, learning_rows),
            (structure.SUIVI, action_rows),
        )
    }
    return c, reader.problems


def _check_unique(reader: Reader, spec: structure.TableSpec, key: str, data: TableRows) -> None:
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
