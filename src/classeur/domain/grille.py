"""Grille de compilation: compiled results, suggested paliers, sentences, merging.

Pure core (no openpyxl, no xlwings). ``compiler`` returns the :class:`Update` that writes
the « Résultats » sheet (live COUNTIFS formulas over ``tblGrille`` plus a native chart)
and the « Paliers » sheet (an Excel table). Python computes the very same numbers
(:func:`statistiques`, :func:`statistiques_groupes`) for the text it writes; the tests
recalculate the formulas with LibreOffice and compare. The counts are done with pandas
(a table of ranks, one column per apprentissage × bloc).

Counting rule, identical in Python and in the formulas: a cell counts as evaluated when it
holds a level of the classeur's scale; it reaches the niveau visé when its level is the
niveau visé or a better one. Formulas count level by level (one COUNTIFS per level), so
the same formula shape works for 1–4, A–E and « Atteint / Partiellement / Non atteint ».
Blank is « pas encore évalué », never a low level.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.model import Classeur, GridEntry, Learning, Level, Meeting
from classeur.domain.tables import scale_of
from classeur.errors import ClasseurError, Problem
from classeur.layout import compilation, structure, styling, vocabulary
from classeur.sheets.sheetdoc import (
    Cell,
    Chart,
    Highlight,
    SheetDoc,
    SheetTable,
    Update,
    address,
    area,
    column_letter,
)
from classeur.text import french

SheetValues = Callable[[str], list[list[Any]] | None]

# ======================================================================================
# Python numbers
# ======================================================================================


@dataclass(frozen=True)
class Stat:
    """Results of one apprentissage at one bloc (for the whole team or one group)."""

    code: str
    bloc: str
    evalues: int
    atteints: int
    objectif: float
    niveau_vise: Level
    progression: float | None = None  # % this bloc − % previous bloc (both known)

    @property
    def pourcentage(self) -> float | None:
        """Share of evaluated students at or above the niveau visé (None: nobody evaluated)."""
        return self.atteints / self.evalues if self.evalues else None

    @property
    def ecart(self) -> float | None:
        """% reached minus the objectif commun (None: nobody evaluated)."""
        pct = self.pourcentage
        return None if pct is None else pct - self.objectif


def _rank(scale: Sequence[Level]) -> dict[Level, int]:
    return {level: i for i, level in enumerate(scale)}


def _target_rank(learning: Learning, scale: Sequence[Level]) -> int:
    ranks = _rank(scale)
    if learning.niveau_vise not in ranks:
        raise ClasseurError(
            f"Le niveau visé « {learning.niveau_vise} » de l'apprentissage "
            f"« {learning.code} » n'est pas un niveau de l'échelle.",
            sheet=structure.SHEET_APPRENTISSAGES,
            column=structure.APPRENTISSAGES.column("niveau_vise").header,
            hint="Niveaux permis : " + ", ".join(str(x) for x in scale) + ".",
        )
    return ranks[learning.niveau_vise]


def _stats(entries: Sequence[GridEntry], c: Classeur) -> list[Stat]:
    """Counts with pandas: one row per student, one column per (apprentissage, bloc)
    holding the rank of the level on the scale (NaN: blank, not evaluated)."""
    import pandas as pd  # imported on use: `classeur --help` stays light

    scale = scale_of(c.settings)
    ranks = _rank(scale)
    targets = {lrn.code: _target_rank(lrn, scale) for lrn in c.learnings}
    keys = [(lrn.code, bloc) for lrn in c.learnings for bloc in vocabulary.BLOCS]
    if not keys:
        return []
    levels = pd.DataFrame.from_records([e.resultats for e in entries], columns=keys)
    ranked = levels.apply(lambda column: column.map(ranks))  # not a level: NaN too
    target = pd.Series([targets[code] for code, _ in keys], index=levels.columns)
    evaluated = ranked.notna().sum()
    reached = ranked.ge(target).sum()  # NaN (blank) is never at or above the target
    out: list[Stat] = []
    for lrn in c.learnings:
        previous: float | None = None
        for i, bloc in enumerate(vocabulary.BLOCS):
            n, ok = int(evaluated[(lrn.code, bloc)]), int(reached[(lrn.code, bloc)])
            pct = ok / n if n else None
            progression = pct - previous if i and pct is not None and previous is not None else None
            out.append(Stat(lrn.code, bloc, n, ok, lrn.objectif, lrn.niveau_vise, progression))
            previous = pct
    return out


def statistiques(c: Classeur) -> list[Stat]:
    """Per apprentissage × bloc (learning order, then bloc order), for every student."""
    return _stats(c.grid, c)


def _fold(text: str) -> str:
    # Excel compares text without regard to case; so do we, to give the same numbers.
    return text.casefold()


def groupes(c: Classeur) -> list[tuple[str, str, list[GridEntry]]]:
    """(enseignant·e, groupe, students), sorted; names compared without regard to case."""
    found: dict[tuple[str, str], tuple[str, str, list[GridEntry]]] = {}
    for e in c.grid:
        key = (_fold(e.enseignant), _fold(e.groupe))
        if key not in found:
            found[key] = (e.enseignant, e.groupe, [])
        found[key][2].append(e)
    return [found[k] for k in sorted(found)]


def statistiques_groupes(c: Classeur) -> list[tuple[str, str, list[Stat]]]:
    """Per (enseignant·e, groupe): the same statistics as :func:`statistiques`."""
    return [(ens, grp, _stats(entries, c)) for ens, grp, entries in groupes(c)]


# ======================================================================================
# Sentences for the comptes rendus
# ======================================================================================


def phrase(stat: Stat) -> str:
    """« 42 élèves sur 58 (72 %) atteignent le niveau visé en A2 au bloc 2; objectif 80 % »."""
    where = f"en {stat.code} {compilation.BLOC_PHRASES.get(stat.bloc, stat.bloc)}"
    objectif = f"objectif {french.pourcentage(stat.objectif)}"
    if not stat.evalues:
        return f"Aucun élève évalué {where}; {objectif}"
    plural = stat.atteints >= 2
    return (
        f"{stat.atteints} {'élèves' if plural else 'élève'} sur {stat.evalues} "
        f"({french.pourcentage(stat.pourcentage)}) "
        f"{'atteignent' if plural else 'atteint'} le niveau visé {where}; {objectif}"
    )


def phrases_bloc(c: Classeur, bloc: str) -> list[str]:
    """One sentence per apprentissage evaluated at ``bloc`` (empty when nothing was)."""
    return [phrase(s) for s in statistiques(c) if s.bloc == bloc and s.evalues]


def phrases_rencontre(c: Classeur, numero: int) -> list[str]:
    """Sentences for the analysis of CAR rencontre ``numero`` (R2 → bloc 1 … R5 → finale)."""
    bloc = compilation.RENCONTRE_BLOC_ANALYSE.get(numero)
    return phrases_bloc(c, bloc) if bloc else []


def phrases_pour_rencontre(c: Classeur, meeting: Meeting) -> list[str]:
    """The comptes rendus' hook (``rencontres.ResultSentences``): the results a CAR
    rencontre analyses, one sentence per apprentissage; none for a réseau."""
    if c.settings.modele != vocabulary.MODELE_CAR:
        return []
    return phrases_rencontre(c, meeting.numero)


# ======================================================================================
# Paliers: transparent rule, parameters in the settings table
# ======================================================================================


@dataclass(frozen=True)
class PalierRule:
    palier2: int  # palier 2 from this many apprentissages not reached
    palier3: int  # palier 3 from this many
    recul: bool  # a student going down gets one palier more
    manques: int | None  # this many missed evaluations gets one palier more (None: off)

    def describe(self) -> list[str]:
        lines = [
            f"Palier 3 (intensif) : au moins {self.palier3} apprentissage(s) non atteint(s).",
            f"Palier 2 (ciblé) : au moins {self.palier2} apprentissage(s) non atteint(s).",
            "Palier 1 (universel) : les autres élèves.",
            "Un apprentissage est non atteint quand le résultat le plus récent de l'élève "
            "est sous le niveau visé.",
            "Élève en recul (résultats en baisse d'un bloc à l'autre) : "
            + ("un palier de plus." if self.recul else "sans effet."),
        ]
        if self.manques is None:
            lines.append("Évaluations manquées : sans effet.")
        else:
            lines.append(
                f"Au moins {self.manques} évaluation(s) manquée(s) (case vide alors que le "
                "groupe a été évalué) : un palier de plus."
            )
        lines.append("Le palier ne dépasse jamais 3.")
        return lines


def _param_error(key: str, value: str, hint: str) -> ClasseurError:
    return ClasseurError(
        f"La valeur « {value} » du paramètre « {key} » n'est pas valide.",
        sheet=structure.SHEET_PARAMETRES,
        column=structure.PARAMETRES.column("valeur").header,
        hint=hint,
    )


def palier_rule(c: Classeur) -> PalierRule:
    """The palier rule from the settings (defaults for keys not set yet)."""
    values = {**compilation.PALIER_DEFAULTS, **c.settings.extra}

    def count(key: str, *, optional: bool = False) -> int | None:
        text = str(values.get(key) or "").strip()
        if optional and not text:
            return None
        if text.isdigit() and int(text) >= 1:
            return int(text)
        raise _param_error(
            key,
            text,
            "Inscrivez un nombre entier d'au moins 1"
            + (" (ou laissez vide)." if optional else "."),
        )

    p2 = count(compilation.PARAM_PALIER2) or 1
    p3 = count(compilation.PARAM_PALIER3) or 1
    if p3 < p2:
        raise _param_error(
            compilation.PARAM_PALIER3,
            str(p3),
            f"Le seuil du palier 3 doit être au moins celui du palier 2 ({p2}).",
        )
    recul_text = str(values.get(compilation.PARAM_PALIER_RECUL) or "").strip().casefold()
    if recul_text not in compilation.YES_WORDS + compilation.NO_WORDS:
        raise _param_error(
            compilation.PARAM_PALIER_RECUL, recul_text, "Inscrivez « oui » ou « non »."
        )
    return PalierRule(
        p2,
        p3,
        recul_text in compilation.YES_WORDS,
        count(compilation.PARAM_PALIER_MANQUES, optional=True),
    )


def check_parametres(c: Classeur, file: str | None = None) -> list[Problem]:
    """The palier parameters as `classeur verifier` reports them (empty when valid)."""
    try:
        palier_rule(c)
    except ClasseurError as err:
        return [replace(p, file=file) for p in err.problems]
    return []


@dataclass
class Suggestion:
    """The palier suggested for one student, and why."""

    entry: GridEntry
    non_atteints: list[str]
    tendance: str
    manques: int
    palier: int
    raison: str


def _trend(change: int) -> str:
    if change > 0:
        return compilation.TENDANCE_HAUSSE
    return compilation.TENDANCE_BAISSE if change < 0 else compilation.TENDANCE_STABLE


def suggestions(c: Classeur, rule: PalierRule | None = None) -> list[Suggestion]:
    """A palier for every student, most in need first."""
    rule = rule or palier_rule(c)
    scale = scale_of(c.settings)
    ranks = _rank(scale)
    targets = {lrn.code: _target_rank(lrn, scale) for lrn in c.learnings}
    # Which (code, bloc) each group was evaluated on: a blank there is a missed evaluation.
    evaluated: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for e in c.grid:
        key = (_fold(e.enseignant), _fold(e.groupe))
        evaluated.setdefault(key, set()).update(e.resultats)
    out = []
    for e in c.grid:
        missing = []
        change, seen = 0, False  # trend: sum of the last change of each apprentissage
        for lrn in c.learnings:
            done = [
                ranks[v]
                for b in vocabulary.BLOCS
                if (v := e.resultats.get((lrn.code, b))) is not None and v in ranks
            ]
            if done and done[-1] < targets[lrn.code]:
                missing.append(lrn.code)
            if len(done) >= 2:
                seen = True
                change += done[-1] - done[-2]
        group_done = evaluated[(_fold(e.enseignant), _fold(e.groupe))]
        manques = sum(1 for k in group_done if k not in e.resultats)
        tendance = _trend(change) if seen else compilation.TENDANCE_INCONNUE
        n = len(missing)
        palier = 3 if n >= rule.palier3 else 2 if n >= rule.palier2 else 1
        why = [
            f"{n} non atteint(s) : palier {palier} "
            f"(palier 2 dès {rule.palier2}, palier 3 dès {rule.palier3})"
        ]
        if rule.recul and tendance == compilation.TENDANCE_BAISSE:
            palier = min(3, palier + 1)
            why.append(f"en recul : +1 → palier {palier}")
        if rule.manques is not None and manques >= rule.manques:
            palier = min(3, palier + 1)
            why.append(
                f"{manques} évaluation(s) manquée(s) (dès {rule.manques}) : +1 → palier {palier}"
            )
        out.append(Suggestion(e, missing, tendance, manques, palier, "; ".join(why)))
    out.sort(
        key=lambda s: (
            -s.palier,
            -len(s.non_atteints),
            _fold(s.entry.enseignant),
            _fold(s.entry.groupe),
            _fold(s.entry.eleve),
        )
    )
    return out


# ======================================================================================
# Formulas
# ======================================================================================


@lru_cache(maxsize=4096)
def _text(value: str) -> str:
    """A formula string literal."""
    return '"' + value.replace('"', '""') + '"'


@lru_cache(maxsize=4096, typed=True)
def _criterion(value: Level) -> str:
    """COUNTIFS criterion matching exactly ``value`` (no operator, no wildcard surprises)."""
    text = str(value).replace("~", "~~").replace("*", "~*").replace("?", "~?")
    return _text("=" + text)


@lru_cache(maxsize=4096)
def _column(header: str) -> str:
    """Structured reference to a column of the grille, special characters escaped."""
    escaped = "".join("'" + ch if ch in "[]#'" else ch for ch in header)
    return f"{structure.GRILLE_NAME}[{escaped}]"


def _count(header: str, levels: Iterable[Level], where: Sequence[tuple[str, str]] = ()) -> str:
    """Sum of one COUNTIFS per level; ``where``: extra (column header, text) criteria."""
    extra = "".join(f",{_column(h)},{_criterion(v)}" for h, v in where)
    terms = [f"COUNTIFS({_column(header)},{_criterion(lv)}{extra})" for lv in levels]
    return "+".join(terms) if terms else "0"


def _count_evaluated(header: str, where: Sequence[tuple[str, str]] = ()) -> str:
    """COUNTIFS of the non-blank cells: every one holds a level (the grille is validated
    before compiling, and Excel's dropdown refuses other values)."""
    extra = "".join(f",{_column(h)},{_criterion(v)}" for h, v in where)
    return f'COUNTIFS({_column(header)},"<>"{extra})'


# ======================================================================================
# The « Résultats » sheet
# ======================================================================================

_PCT = styling.NUMBER_FORMAT_PERCENT
_GAP = compilation.NUMBER_FORMAT_GAP


_HEADER_HEIGHT = compilation.RESULTATS_HEADER_HEIGHT


def _heading(text: str) -> Cell:
    return Cell(text, style=styling.STYLE_LABEL, merge=compilation.RESULTATS_HEADING_SPAN)


def _header(text: str) -> Cell:
    return Cell(text, style=styling.STYLE_HEADER)


def _computed(formula: str, number_format: str | None = None) -> Cell:
    return Cell(formula, style=styling.STYLE_COMPUTED, number_format=number_format, formula=True)


def _ratio(num: str, den: str) -> str:
    return f'=IF({den}=0,"{compilation.RESULTATS_NONE}",{num}/{den})'


def _reached_fill(ref: str, value_cell: str, objectif_cell: str) -> list[Highlight]:
    return [
        Highlight(
            ref,
            f"AND(ISNUMBER({value_cell}),{value_cell}>={objectif_cell})",
            compilation.COLOR_REACHED,
        ),
        Highlight(
            ref,
            f"AND(ISNUMBER({value_cell}),{value_cell}<{objectif_cell})",
            compilation.COLOR_BELOW,
        ),
    ]


def resultats_sheet(c: Classeur) -> SheetDoc:
    """The « Résultats » sheet: synthesis + chart, detail, per teacher and group."""
    scale = scale_of(c.settings)
    learnings = c.learnings
    blocs = vocabulary.BLOCS
    doc = SheetDoc(
        structure.SHEET_RESULTATS,
        widths=dict(enumerate(compilation.RESULTATS_WIDTHS, start=1)),
        landscape=True,
        before=compilation.RESULTATS_BEFORE,
    )
    doc.add(Cell(compilation.RESULTATS_TITLE, style=styling.STYLE_TITLE))
    doc.add(Cell(compilation.RESULTATS_SUBTITLE, style=styling.STYLE_SUBTITLE))
    doc.add(
        Cell(
            f"{compilation.RESULTATS_SCALE_LABEL} : "
            + ", ".join(str(x) for x in scale)
            + f" (du plus faible au plus fort). {compilation.RESULTATS_BLANK_NOTE}",
            style=styling.STYLE_SUBTITLE,
        )
    )
    doc.blank()

    # Row numbers first: the synthesis refers to the detail rows below it.
    synth_heading = len(doc.rows) + 1
    synth_header = synth_heading + 1
    synth_first = synth_header + 1
    synth_last = synth_first + len(learnings) - 1
    chart_row = max(synth_last, synth_header) + 2
    detail_heading = chart_row + compilation.RESULTATS_CHART_ROWS + 1
    detail_header = detail_heading + 1
    detail_first = detail_header + 1

    def detail_row(i_learning: int, i_bloc: int) -> int:
        return detail_first + i_learning * len(blocs) + i_bloc

    col_obj = compilation.resultats_detail_col("objectif")
    col_eval = compilation.resultats_detail_col("evalues")
    col_reach = compilation.resultats_detail_col("atteints")
    col_pct = compilation.resultats_detail_col("pourcentage")

    # --- Synthesis matrix (the chart's data)
    doc.add(_heading(compilation.RESULTATS_SYNTH_HEADING))
    doc.heights[doc.add(*(_header(h) for h in compilation.RESULTATS_SYNTH_HEADERS))] = (
        _HEADER_HEIGHT
    )
    for i, lrn in enumerate(learnings):
        cells: list[Cell | None] = [Cell(lrn.code, style=styling.STYLE_LABEL)]
        for b in range(len(blocs)):
            cells.append(_computed(f"={address(detail_row(i, b), col_pct)}", _PCT))
        cells.append(_computed(f"={address(detail_row(i, 0), col_obj)}", _PCT))
        doc.add(*cells)
    n_synth_cols = len(compilation.RESULTATS_SYNTH_HEADERS)
    if learnings:
        obj_col = n_synth_cols
        doc.highlights += _reached_fill(
            area(synth_first, 2, synth_last, 1 + len(blocs)),
            address(synth_first, 2),
            f"${column_letter(obj_col)}{synth_first}",
        )
        doc.charts.append(
            Chart(
                "bar",
                compilation.RESULTATS_CHART_TITLE,
                address(chart_row, 1),
                area(synth_first, 1, synth_last, 1),
                series=[
                    (address(synth_header, 2 + b), area(synth_first, 2 + b, synth_last, 2 + b))
                    for b in range(len(blocs))
                ],
                line_series=[
                    (
                        address(synth_header, obj_col),
                        area(synth_first, obj_col, synth_last, obj_col),
                    )
                ],
                y_title=compilation.RESULTATS_CHART_Y,
                y_max=1,
                number_format=_PCT,
                width_cm=compilation.RESULTATS_CHART_WIDTH_CM,
                height_cm=compilation.RESULTATS_CHART_HEIGHT_CM,
            )
        )
    while len(doc.rows) < detail_heading - 1:
        doc.blank()

    # --- Detail: one row per apprentissage × bloc
    doc.add(_heading(compilation.RESULTATS_DETAIL_HEADING))
    header_row = doc.add(*(_header(col.header) for col in compilation.RESULTATS_DETAIL_COLUMNS))
    doc.heights[header_row] = _HEADER_HEIGHT
    for i, lrn in enumerate(learnings):
        target = _target_rank(lrn, scale)
        for b, bloc in enumerate(blocs):
            r = detail_row(i, b)
            header = structure.grille_header(lrn.code, bloc)
            prog: Cell
            if b == 0:
                prog = Cell(compilation.RESULTATS_NONE, style=styling.STYLE_COMPUTED)
            else:
                now, before = address(r, col_pct), address(r - 1, col_pct)
                prog = _computed(
                    f"=IF(AND(ISNUMBER({now}),ISNUMBER({before})),{now}-{before},"
                    f'"{compilation.RESULTATS_NONE}")',
                    _GAP,
                )
            pct = address(r, col_pct)
            doc.add(
                Cell(lrn.code, style=styling.STYLE_LABEL),
                Cell(lrn.description),
                Cell(bloc),
                Cell(lrn.niveau_vise),
                Cell(lrn.objectif, number_format=_PCT),
                _computed("=" + _count_evaluated(header), compilation.NUMBER_FORMAT_COUNT),
                _computed("=" + _count(header, scale[target:]), compilation.NUMBER_FORMAT_COUNT),
                _computed(_ratio(address(r, col_reach), address(r, col_eval)), _PCT),
                _computed(
                    f"=IF(ISNUMBER({pct}),{pct}-{address(r, col_obj)},"
                    f'"{compilation.RESULTATS_NONE}")',
                    _GAP,
                ),
                prog,
            )
    if learnings:
        last = detail_row(len(learnings) - 1, len(blocs) - 1)
        doc.highlights += _reached_fill(
            area(detail_first, col_pct, last, col_pct),
            address(detail_first, col_pct),
            f"${column_letter(col_obj)}{detail_first}",
        )
    doc.blank()

    # --- Per teacher and group: an Excel table (sortable, filterable)
    doc.add(_heading(compilation.RESULTATS_GROUPES_HEADING))
    headers = list(compilation.RESULTATS_GROUPES_FIXED) + [
        compilation.resultats_groupe_header(b, m)
        for b in blocs
        for m in compilation.RESULTATS_GROUPES_MEASURES
    ]
    table_header = doc.add(*(_header(h) for h in headers))
    doc.heights[table_header] = _HEADER_HEIGHT
    n_fixed = len(compilation.RESULTATS_GROUPES_FIXED)
    ens_header = structure.GRILLE_FIXED[2].header
    grp_header = structure.GRILLE_FIXED[1].header
    for ens, grp, _entries in groupes(c):
        for lrn in learnings:
            target = _target_rank(lrn, scale)
            r = len(doc.rows) + 1
            where = ((ens_header, ens), (grp_header, grp))
            cells = [Cell(ens), Cell(grp), Cell(lrn.code), Cell(lrn.objectif, number_format=_PCT)]
            for b, bloc in enumerate(blocs):
                header = structure.grille_header(lrn.code, bloc)
                first = n_fixed + 1 + 3 * b
                cells += [
                    _computed(
                        "=" + _count_evaluated(header, where), compilation.NUMBER_FORMAT_COUNT
                    ),
                    _computed(
                        "=" + _count(header, scale[target:], where), compilation.NUMBER_FORMAT_COUNT
                    ),
                    _computed(_ratio(address(r, first + 1), address(r, first)), _PCT),
                ]
            doc.add(*cells)
    table_last = max(len(doc.rows), table_header + 1)
    while len(doc.rows) < table_last:
        doc.blank()
    doc.tables.append(
        SheetTable(
            compilation.RESULTATS_GROUPES_TABLE, area(table_header, 1, table_last, len(headers))
        )
    )
    if table_last > table_header + 1 or learnings:
        for b in range(len(blocs)):
            col = n_fixed + 3 + 3 * b
            doc.highlights += _reached_fill(
                area(table_header + 1, col, table_last, col),
                address(table_header + 1, col),
                f"${column_letter(n_fixed)}{table_header + 1}",
            )
    doc.freeze = (synth_heading, 1)
    return doc


# ======================================================================================
# The « Paliers » sheet
# ======================================================================================


def _student_key(eleve: Any, groupe: Any, enseignant: Any) -> tuple[str, str, str]:
    return (
        _fold(cellvalues.shown(enseignant)),
        _fold(cellvalues.shown(groupe)),
        _fold(cellvalues.shown(eleve)),
    )


def _existing_notes(sheet_values: SheetValues) -> dict[tuple[str, str, str], tuple[list[Any], Any]]:
    """Notes typed in the current Paliers table, by student: (identity values, note)."""
    rows = sheet_values(structure.SHEET_PALIERS)
    if not rows:
        return {}
    headers = [col.header for col in compilation.PALIERS_COLUMNS]
    keys = [col.key for col in compilation.PALIERS_COLUMNS]
    for i, row in enumerate(rows):
        texts = [cellvalues.shown(v) for v in row]
        if not all(h in texts for h in headers[:3]) or headers[-1] not in texts:
            continue
        pos = {k: texts.index(h) for k, h in zip(keys, headers, strict=True) if h in texts}
        out = {}
        for data in rows[i + 1 :]:
            cell = {k: data[j] if j < len(data) else None for k, j in pos.items()}
            note = cell.get("notes")
            if cellvalues.is_blank(note):
                continue
            ident = [cell.get("eleve"), cell.get("groupe"), cell.get("enseignant")]
            out[_student_key(*ident)] = (ident, note)
        return out
    return {}


def paliers_sheet(
    c: Classeur,
    sheet_values: SheetValues,
    rule: PalierRule,
    suggested: list[Suggestion] | None = None,
) -> tuple[SheetDoc, int]:
    """The « Paliers » sheet and the number of teacher notes kept for vanished students."""
    if suggested is None:
        suggested = suggestions(c, rule)
    doc = SheetDoc(
        structure.SHEET_PALIERS,
        widths={j: col.width for j, col in enumerate(compilation.PALIERS_COLUMNS, start=1)},
        landscape=True,
        before=compilation.RESULTATS_BEFORE,
    )
    doc.add(Cell(compilation.PALIERS_TITLE, style=styling.STYLE_TITLE))
    doc.add(Cell(compilation.PALIERS_SUBTITLE, style=styling.STYLE_SUBTITLE))
    doc.blank()
    doc.add(_heading(compilation.PALIERS_RULE_HEADING))
    for line in rule.describe():
        doc.add(Cell(line, merge=compilation.RESULTATS_HEADING_SPAN))
    params = ", ".join(
        f"{k} = {v}"
        for k, v in {**compilation.PALIER_DEFAULTS, **c.settings.extra}.items()
        if k in compilation.PALIER_DEFAULTS
    )
    doc.add(
        Cell(
            f"Paramètres : {params}.",
            style=styling.STYLE_SUBTITLE,
            merge=compilation.RESULTATS_HEADING_SPAN,
        )
    )
    doc.blank()
    header = doc.add(*(_header(col.header) for col in compilation.PALIERS_COLUMNS))
    doc.heights[header] = _HEADER_HEIGHT
    notes = _existing_notes(sheet_values)
    for s in suggested:
        e = s.entry
        note = notes.pop(_student_key(e.eleve, e.groupe, e.enseignant), (None, None))[1]
        doc.add(
            Cell(e.eleve),
            Cell(e.groupe),
            Cell(e.enseignant),
            Cell(compilation.PALIER_LABELS[s.palier], bold=s.palier > 1),
            Cell(len(s.non_atteints)),
            Cell(", ".join(s.non_atteints)),
            Cell(s.tendance),
            Cell(s.manques),
            Cell(s.raison),
            Cell(note) if note is not None else None,
        )
    for ident, note in notes.values():  # the student left the grille: keep the note
        doc.add(
            Cell(ident[0]),
            Cell(ident[1]),
            Cell(ident[2]),
            Cell(compilation.RESULTATS_NONE),
            None,
            None,
            None,
            None,
            Cell(compilation.PALIERS_GONE),
            Cell(note),
        )
    last = max(len(doc.rows), header + 1)
    while len(doc.rows) < last:
        doc.blank()
    doc.tables.append(
        SheetTable(
            compilation.PALIERS_TABLE, area(header, 1, last, len(compilation.PALIERS_COLUMNS))
        )
    )
    doc.freeze = (header + 1, 2)
    doc.title_rows = (header, header)
    return doc, len(notes)


# ======================================================================================
# The feature
# ======================================================================================


def compiler(c: Classeur, sheet_values: SheetValues) -> Update:
    """Compile the grille: « Résultats » and « Paliers » sheets, palier settings."""
    rule = palier_rule(c)
    suggested = suggestions(c, rule)
    paliers, kept = paliers_sheet(c, sheet_values, rule, suggested)
    missing = {k: v for k, v in compilation.PALIER_DEFAULTS.items() if k not in c.settings.extra}
    counts = {p: 0 for p in compilation.PALIER_LABELS}
    for s in suggested:
        counts[s.palier] += 1
    messages = [
        f"Résultats compilés : {len(c.grid)} élève(s), {len(c.learnings)} apprentissage(s) "
        f"(feuilles « {structure.SHEET_RESULTATS} » et « {structure.SHEET_PALIERS} »).",
        "Paliers suggérés : "
        + ", ".join(f"{n} au palier {p} ({compilation.PALIER_NAMES[p]})" for p, n in counts.items())
        + ".",
    ]
    latest = _latest_bloc(c)
    if latest is not None:
        messages += [f"{p}." for p in phrases_bloc(c, latest)]
    if kept:
        messages.append(
            f"{kept} note(s) de la feuille « {structure.SHEET_PALIERS} » concernent des élèves "
            "absents de la grille : elles sont conservées en bas du tableau."
        )
    return Update(sheets=[resultats_sheet(c), paliers], settings=missing, messages=messages)


def _latest_bloc(c: Classeur) -> str | None:
    done = {b for e in c.grid for (_, b) in e.resultats}
    return next((b for b in reversed(vocabulary.BLOCS) if b in done), None)


# ======================================================================================
# Merging teachers' copies of the grille
# ======================================================================================


@dataclass(frozen=True)
class Conflict:
    """A value in a source that differs from the one already in the classeur."""

    file: str
    eleve: str
    groupe: str
    enseignant: str
    column: str
    current: Level
    incoming: Level
    replaced: bool

    def __str__(self) -> str:
        what = "remplacée" if self.replaced else "conservée"
        return (
            f"Conflit : fichier « {self.file} », élève « {self.eleve} » (groupe {self.groupe}, "
            f"{self.enseignant}), colonne « {self.column} » : classeur {self.current}, "
            f"fichier {self.incoming} (valeur du classeur {what})."
        )


@dataclass
class Source:
    """A teacher's copy, read by the adapter: its file name, model and grille headers."""

    file: str
    model: Classeur
    headers: list[str] = field(default_factory=list)


def _check_source(c: Classeur, src: Source) -> None:
    if src.model.settings.echelle != c.settings.echelle:
        raise ClasseurError(
            f"Le fichier « {src.file} » utilise l'échelle « {src.model.settings.echelle} », "
            f"le classeur de l'équipe l'échelle « {c.settings.echelle} ».",
            file=src.file,
            sheet=structure.SHEET_PARAMETRES,
            hint="Fusionnez des copies du même classeur (même échelle), ou convertissez "
            "les résultats de cette copie avant de la fusionner.",
        )
    expected = structure.grille_spec(c.learning_codes).headers
    found = {h.strip() for h in src.headers if h}
    missing = [h for h in expected if h not in found]
    if missing:
        unknown = [h for h in src.headers if h and h.strip() not in expected]
        raise ClasseurError(
            f"Dans le fichier « {src.file} », la grille n'a pas la colonne "
            + ", ".join(f"« {h} »" for h in missing[:5])
            + (" (et d'autres)" if len(missing) > 5 else "")
            + ".",
            file=src.file,
            sheet=structure.SHEET_GRILLE,
            hint=(
                "Colonnes inconnues trouvées : " + ", ".join(f"« {h} »" for h in unknown[:5]) + ". "
                if unknown
                else ""
            )
            + "Redonnez aux colonnes leur nom exact (p. ex. "
            + f"« {missing[0]} ») puis recommencez.",
        )
    extra = sorted(
        {code for e in src.model.grid for code, _ in e.resultats} - set(c.learning_codes)
    )
    if extra:
        raise ClasseurError(
            f"Le fichier « {src.file} » contient des résultats pour l'apprentissage "
            + ", ".join(f"« {x} »" for x in extra)
            + ", absent du classeur de l'équipe.",
            file=src.file,
            sheet=structure.SHEET_APPRENTISSAGES,
            hint="Ajoutez cet apprentissage au classeur de l'équipe (feuille Apprentissages "
            "et colonnes de la Grille) avant de fusionner.",
        )


@dataclass
class MergeResult:
    update: Update
    conflicts: list[Conflict]
    added_students: int
    added_values: int


def fusionner(c: Classeur, sources: Sequence[Source], *, remplacer: bool = False) -> MergeResult:
    """Bring the sources' grille rows into ``c``, keyed by (enseignant·e, groupe, élève).

    A blank in a source never erases; a value where the classeur is blank is added; a
    different value is a conflict, reported, and replaced only when ``remplacer``.
    """
    keys = [(code, bloc) for code in c.learning_codes for bloc in vocabulary.BLOCS]
    headers = {k: structure.grille_header(*k) for k in keys}
    rows: list[GridEntry] = [
        GridEntry(e.eleve, e.groupe, e.enseignant, dict(e.resultats)) for e in c.grid
    ]
    index: dict[tuple[str, str, str], GridEntry] = {}
    for e in rows:
        index.setdefault(_student_key(e.eleve, e.groupe, e.enseignant), e)
    conflicts: list[Conflict] = []
    added_students = added_values = 0
    for src in sources:
        _check_source(c, src)
        for incoming in src.model.grid:
            key = _student_key(incoming.eleve, incoming.groupe, incoming.enseignant)
            target = index.get(key)
            if target is None:
                target = GridEntry(incoming.eleve, incoming.groupe, incoming.enseignant, {})
                index[key] = target
                rows.append(target)
                added_students += 1
            for k, value in incoming.resultats.items():
                current = target.resultats.get(k)
                if current is None:
                    target.resultats[k] = value
                    added_values += 1
                elif current != value:
                    conflicts.append(
                        Conflict(
                            src.file,
                            target.eleve,
                            target.groupe,
                            target.enseignant,
                            headers[k],
                            current,
                            value,
                            remplacer,
                        )
                    )
                    if remplacer:
                        target.resultats[k] = value
    table = [(e.eleve, e.groupe, e.enseignant, *(e.resultats.get(k) for k in keys)) for e in rows]
    kept = sum(1 for x in conflicts if not x.replaced)
    messages = [
        f"{len(sources)} fichier(s) fusionné(s) : {added_students} élève(s) ajouté(s), "
        f"{added_values} résultat(s) ajouté(s), {len(conflicts)} conflit(s)"
        + (f" dont {kept} non remplacé(s)." if kept else "."),
        *(str(x) for x in conflicts),
    ]
    if kept:
        messages.append(
            "Les valeurs du classeur ont été gardées. Pour prendre celles des fichiers, "
            "relancez avec --remplacer-conflits."
        )
    return MergeResult(
        Update(tables={structure.GRILLE_NAME: table}, messages=messages),
        conflicts,
        added_students,
        added_values,
    )
