"""Statistics of the grille de compilation: per apprentissage × bloc, for the team and for
each (enseignant·e, groupe). The counts are done with pandas (a table of ranks, one column
per apprentissage × bloc).

Counting rule, identical here and in the « Résultats » sheet's formulas
(``classeur.sheets.resultats``): a cell counts as evaluated when it holds a level of the
classeur's scale; it reaches the niveau visé when its level is the niveau visé or a better
one. Blank is « pas encore évalué », never a low level. The tests recalculate the formulas
with LibreOffice and compare them with these numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from classeur.domain.model import Classeur, GridEntry, Learning, Level
from classeur.domain.tables import scale_of
from classeur.errors import ClasseurError
from classeur.layout import structure, vocabulary


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


def ranks(scale: Sequence[Level]) -> dict[Level, int]:
    """The rank of each level on the scale (0: the weakest)."""
    return {level: i for i, level in enumerate(scale)}


def target_rank(learning: Learning, scale: Sequence[Level]) -> int:
    """The rank of the apprentissage's niveau visé (refused when not on the scale)."""
    found = ranks(scale)
    if learning.niveau_vise not in found:
        raise ClasseurError(
            f"Le niveau visé « {learning.niveau_vise} » de l'apprentissage "
            f"« {learning.code} » n'est pas un niveau de l'échelle.",
            sheet=structure.SHEET_APPRENTISSAGES,
            column=structure.APPRENTISSAGES.column("niveau_vise").header,
            hint="Niveaux permis : " + ", ".join(str(x) for x in scale) + ".",
        )
    return found[learning.niveau_vise]


def _stats(entries: Sequence[GridEntry], c: Classeur) -> list[Stat]:
    """Counts with pandas: one row per student, one column per (apprentissage, bloc)
    holding the rank of the level on the scale (NaN: blank, not evaluated)."""
    import pandas as pd  # imported on use: `classeur --help` stays light

    scale = scale_of(c.settings)
    by_level = ranks(scale)
    targets = {lrn.code: target_rank(lrn, scale) for lrn in c.learnings}
    keys = [(lrn.code, bloc) for lrn in c.learnings for bloc in vocabulary.BLOCS]
    if not keys:
        return []
    levels = pd.DataFrame.from_records([e.resultats for e in entries], columns=keys)
    ranked = levels.apply(lambda column: column.map(by_level))  # not a level: NaN too
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


def fold(text: str) -> str:
    """Groups compared as the Résultats formulas compare them (Excel: without regard to
    case, but not to accents), so that Python and the formulas count the same groups.
    Spellings of one teacher that differ by accents are reported by `verifier`
    (``domain.duplicates``); students are identified with ``domain.identity``."""
    return text.casefold()


def groupes(c: Classeur) -> list[tuple[str, str, list[GridEntry]]]:
    """(enseignant·e, groupe, students), sorted; names compared without regard to case."""
    found: dict[tuple[str, str], tuple[str, str, list[GridEntry]]] = {}
    for e in c.grid:
        key = (fold(e.enseignant), fold(e.groupe))
        if key not in found:
            found[key] = (e.enseignant, e.groupe, [])
        found[key][2].append(e)
    return [found[k] for k in sorted(found)]


def statistiques_groupes(c: Classeur) -> list[tuple[str, str, list[Stat]]]:
    """Per (enseignant·e, groupe): the same statistics as :func:`statistiques`."""
    return [(ens, grp, _stats(entries, c)) for ens, grp, entries in groupes(c)]


def latest_bloc(c: Classeur) -> str | None:
    """The last bloc with at least one result in the grille (None: nothing evaluated)."""
    done = {b for e in c.grid for (_, b) in e.resultats}
    return next((b for b in reversed(vocabulary.BLOCS) if b in done), None)
