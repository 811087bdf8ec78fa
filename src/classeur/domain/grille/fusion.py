"""Merging the teachers' copies of the grille into the team's classeur.

Rows are matched by (enseignant·e, groupe, élève), compared as names (``domain.identity``:
trimmed, without regard to case or accents). A blank in a
copy never erases; a value where the classeur is blank is added; a different value is a
conflict, reported, and replaced only when asked. The result holds the merged rows and
the French lines that report the merge; ``classeur.sheets.grille`` turns it into the
Update that rewrites the Grille table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from classeur.domain.grille import roster
from classeur.domain.grille.spellings import ask_about_spellings
from classeur.domain.identity import numbered, student_key
from classeur.domain.model import Classeur, GridEntry, Level
from classeur.errors import ClasseurError
from classeur.layout import structure, vocabulary
from classeur.text import french


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
            f"Conflit\u00a0: fichier «\u00a0{self.file}\u00a0», élève «\u00a0{self.eleve}\u00a0» "
            f"(groupe «\u00a0{self.groupe}\u00a0», «\u00a0{self.enseignant}\u00a0»), colonne "
            f"«\u00a0{self.column}\u00a0»\u00a0: classeur {self.current}, fichier {self.incoming} "
            f"(valeur du classeur {what})."
        )


@dataclass
class Source:
    """A teacher's copy, read by the adapter: its file name, model and grille headers."""

    file: str
    model: Classeur
    headers: list[str] = field(default_factory=list)


def _check_scale(c: Classeur, src: Source) -> None:
    if src.model.settings.echelle != c.settings.echelle:
        raise ClasseurError(
            f"Le fichier « {src.file} » utilise l'échelle « {src.model.settings.echelle} », "
            f"le classeur de l'équipe l'échelle « {c.settings.echelle} ».",
            file=src.file,
            sheet=structure.SHEET_PARAMETRES,
            hint="Fusionnez des copies du même classeur (même échelle), ou convertissez "
            "les résultats de cette copie avant de la fusionner.",
        )


def _check_headers(c: Classeur, src: Source) -> None:
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


def _check_learnings(c: Classeur, src: Source) -> None:
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


def _check_source(c: Classeur, src: Source) -> None:
    """Refuse a copy of another classeur: other scale, other columns, other apprentissages."""
    _check_scale(c, src)
    _check_headers(c, src)
    _check_learnings(c, src)


@dataclass
class Merged:
    """The grille after merging: the classeur's rows (in their order), then the new
    students; the conflicts; the counts; the French lines that report it all."""

    rows: list[GridEntry]
    conflicts: list[Conflict]
    added_students: int
    added_values: int
    messages: list[str]


@dataclass
class _Merging:
    """The rows being merged, indexed by (student, occurrence), and what the merge did."""

    rows: list[GridEntry]
    known: set[str] = field(default_factory=set)
    index: dict[tuple[tuple[str, str, str], int], GridEntry] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    added_students: int = 0
    added_values: int = 0


def _target(m: _Merging, src: Source, incoming: GridEntry, key: Any) -> GridEntry | None:
    """The classeur's row for ``incoming`` (its n-th occurrence matches the n-th row of the
    same student: a student typed twice is two rows, neither in conflict with the other),
    a new row, or None for a student the team removed (reported by name)."""
    target = m.index.get(key) or m.index.get((key[0], 1))
    if target is not None:
        return target
    if roster.fingerprint(key[0]) in m.known:
        m.removed.append(
            # The names as typed, in « » (what a message quotes is shown as it is).
            f"Élève retiré du classeur, présent dans la copie de «\u00a0{incoming.enseignant}"
            f"\u00a0» («\u00a0{src.file}\u00a0»)\u00a0: «\u00a0{incoming.eleve}\u00a0» (groupe "
            f"«\u00a0{incoming.groupe}\u00a0»). Il n’a pas été rajouté; s’il revient, "
            "inscrivez-le de nouveau dans la Grille."
        )
        return None
    target = GridEntry(incoming.eleve, incoming.groupe, incoming.enseignant, {})
    m.index[key] = target
    m.rows.append(target)
    m.added_students += 1
    return target


def _merge_source(
    m: _Merging, src: Source, headers: dict[tuple[str, str], str], remplacer: bool
) -> None:
    """Bring one copy's rows into ``m``: new students appended, blanks filled, conflicts
    recorded (and replaced when ``remplacer``)."""
    keys = numbered([student_key(e.eleve, e.groupe, e.enseignant) for e in src.model.grid])
    for incoming, key in zip(src.model.grid, keys, strict=True):
        target = _target(m, src, incoming, key)
        if target is None:
            continue
        for k, value in incoming.resultats.items():
            current = target.resultats.get(k)
            if current is None:
                target.resultats[k] = value
                m.added_values += 1
            elif current != value:
                m.conflicts.append(
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


def _report(m: _Merging, n_sources: int) -> list[str]:
    kept = sum(1 for x in m.conflicts if not x.replaced)
    messages = [
        f"{french.plural(n_sources, 'fichier fusionné', 'fichiers fusionnés')}\u00a0: "
        f"{french.plural(m.added_students, 'élève ajouté', 'élèves ajoutés')}, "
        f"{french.plural(m.added_values, 'résultat ajouté', 'résultats ajoutés')}, "
        f"{french.plural(len(m.conflicts), 'conflit')}"
        + (f" dont {kept} {french.agree(kept, 'non remplacé', 'non remplacés')}." if kept else "."),
        *(str(x) for x in m.conflicts),
        *m.removed,
    ]
    if kept:
        messages.append(
            "Les valeurs du classeur ont été gardées. Pour prendre celles des fichiers, "
            "relancez avec --remplacer-conflits."
        )
    return messages


def fusionner(
    c: Classeur,
    sources: Sequence[Source],
    *,
    remplacer: bool = False,
    noms_distincts: bool = False,
) -> Merged:
    """Bring the sources' grille rows into a copy of ``c``'s rows, keyed by (enseignant·e,
    groupe, élève); ``c`` itself is left as it is.

    A blank in a source never erases; a value where the classeur is blank is added; a
    different value is a conflict, reported, and replaced only when ``remplacer``. A
    student the team removed is reported, not brought back (``roster``); a new spelling
    close to a name of the classeur is asked about (``ask_about_spellings``) unless the
    teacher confirmed they are different people (``noms_distincts``).
    """
    keys = [(code, bloc) for code in c.learning_codes for bloc in vocabulary.BLOCS]
    headers = {k: structure.grille_header(*k) for k in keys}
    m = _Merging(
        [GridEntry(e.eleve, e.groupe, e.enseignant, dict(e.resultats)) for e in c.grid],
        roster.known(c),
    )
    present = numbered([student_key(e.eleve, e.groupe, e.enseignant) for e in m.rows])
    m.index.update(zip(present, m.rows, strict=True))
    for src in sources:
        _check_source(c, src)
    if not noms_distincts:
        ask_about_spellings(c, [(src.file, src.model) for src in sources])
    for src in sources:
        _merge_source(m, src, headers, remplacer)
    return Merged(m.rows, m.conflicts, m.added_students, m.added_values, _report(m, len(sources)))
