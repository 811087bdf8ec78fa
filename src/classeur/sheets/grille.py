"""What the grille's commands write: `classeur compiler` (the « Résultats » and « Paliers »
sheets, the palier settings not set yet, the messages) and `classeur fusionner` (the Grille
table with the teachers' copies merged in)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from classeur.domain import checks
from classeur.domain.grille import fusion
from classeur.domain.grille.paliers import palier_rule, suggestions
from classeur.domain.model import Classeur
from classeur.layout import compilation, structure, vocabulary
from classeur.sheets import notes
from classeur.sheets.paliers import notes_zone, paliers_sheet
from classeur.sheets.resultats import resultats_sheet
from classeur.sheets.sheetdoc import Update
from classeur.text.resultats import messages_compilation

SheetValues = Callable[[str], list[list[Any]] | None]


def compiler(c: Classeur, sheet_values: SheetValues) -> Update:
    """Compile the grille: « Résultats » and « Paliers » sheets, palier settings."""
    rule = palier_rule(c)
    suggested = suggestions(c, rule)
    paliers, kept = paliers_sheet(c, sheet_values, rule, suggested)
    missing = {k: v for k, v in compilation.PALIER_DEFAULTS.items() if k not in c.settings.extra}
    messages = messages_compilation(c, suggested, kept)
    # A learning listed in Apprentissages with no Grille column yet gets its four (one per
    # bloc, empty: « not evaluated yet »), so that the team can type its results; said.
    added = [
        structure.grille_header(code, bloc)
        for code in checks.learnings_without_column(c)
        for bloc in vocabulary.BLOCS
    ]
    if added:
        messages.append(
            "Colonnes ajoutées à la Grille pour les apprentissages qui n'en avaient pas : "
            + ", ".join(f"« {h} »" for h in added)
            + "."
        )
    resultats = resultats_sheet(c)
    update = Update(
        sheets=[resultats, paliers],
        settings=missing,
        messages=messages,
        columns={structure.GRILLE_NAME: added} if added else {},
    )
    # Notes typed in free cells of both sheets are kept; text typed over what Classeur
    # writes there refuses the command (sheets.notes).
    notes.keep(update, resultats, sheet_values(structure.SHEET_RESULTATS), c.settings.memories)
    old_paliers = sheet_values(structure.SHEET_PALIERS)
    notes.keep(update, paliers, old_paliers, c.settings.memories, notes_zone(old_paliers))
    return update


@dataclass
class MergeResult:
    """A merge as the commands apply it: the Update, and what the merge found."""

    update: Update
    conflicts: list[fusion.Conflict]
    added_students: int
    added_values: int


def merged_update(c: Classeur, merged: fusion.Merged) -> Update:
    """The Update that rewrites the Grille table's input rows with the merged rows (one
    column per apprentissage × bloc, in the table's order) and reports the merge."""
    keys = [(code, bloc) for code in c.learning_codes for bloc in vocabulary.BLOCS]
    table = [
        (e.eleve, e.groupe, e.enseignant, *(e.resultats.get(k) for k in keys)) for e in merged.rows
    ]
    return Update(tables={structure.GRILLE_NAME: table}, messages=merged.messages)


def fusionner(
    c: Classeur,
    sources: Sequence[fusion.Source],
    *,
    remplacer: bool = False,
    noms_distincts: bool = False,
) -> MergeResult:
    """Merge the teachers' copies into ``c``'s grille (see ``domain.grille.fusion``)."""
    merged = fusion.fusionner(c, sources, remplacer=remplacer, noms_distincts=noms_distincts)
    return MergeResult(
        merged_update(c, merged), merged.conflicts, merged.added_students, merged.added_values
    )
