"""Asking before a copy's spelling of a name adds people to the Grille.

A copy's student who is not in the classeur is added by the merge. When the copy spells
their teacher, or the student, close to a name of the classeur (« Jose Nunes » /
« José Núñez », a letter or two apart, or first and last names swapped), it is probably
the same person misspelled: adding them would put a whole group in the Grille twice. The
merge then stops and asks, naming both spellings and how to answer: correct the spelling
(same person), or merge again saying they are different people. Spellings that differ
only by case, accents or spaces are the same name (``domain.identity.name_key``) and are
matched without asking.
"""

from __future__ import annotations

from collections.abc import Sequence

from classeur.domain.identity import name_key, probably_same, student_key
from classeur.domain.model import Classeur, GridEntry
from classeur.errors import ClasseurError
from classeur.layout import structure

_MAX_SHOWN = 10


def _teacher_question(file: str, typed: str, c: Classeur) -> str | None:
    teachers = {name_key(e.enseignant): e.enseignant for e in c.grid}
    if name_key(typed) in teachers:
        return None
    close = [t for k, t in teachers.items() if probably_same(k, typed)]
    if not close:
        return None
    return (
        f"Dans la copie « {file} », l'enseignant·e « {typed} » ressemble à "
        f"« {close[0]} » du classeur."
    )


def _student_question(file: str, e: GridEntry, c: Classeur) -> str | None:
    same_group = [
        g.eleve
        for g in c.grid
        if name_key(g.enseignant) == name_key(e.enseignant)
        and name_key(g.groupe) == name_key(e.groupe)
    ]
    close = [x for x in same_group if probably_same(x, e.eleve)]
    if not close:
        return None
    return (
        f"Dans la copie « {file} », l'élève « {e.eleve} » (groupe {e.groupe}, "
        f"{e.enseignant}) ressemble à « {close[0]} » du classeur."
    )


def questions(c: Classeur, copies: Sequence[tuple[str, Classeur]]) -> list[str]:
    """One line per new spelling (teacher or student) close to a name of the classeur."""
    present = {student_key(e.eleve, e.groupe, e.enseignant) for e in c.grid}
    out: list[str] = []
    for file, model in copies:
        for e in model.grid:
            if student_key(e.eleve, e.groupe, e.enseignant) in present:
                continue
            line = _teacher_question(file, e.enseignant, c) or _student_question(file, e, c)
            if line and line not in out:
                out.append(line)
    return out


def ask_about_spellings(c: Classeur, copies: Sequence[tuple[str, Classeur]]) -> None:
    """Stop the merge (nothing written) when a copy spells a name close to one of the
    classeur's: same person misspelled, or two people? The teacher answers."""
    found = questions(c, copies)
    if not found:
        return
    more = len(found) - _MAX_SHOWN
    raise ClasseurError(
        "Fusion arrêtée, aucune donnée n'a été modifiée : un nom écrit dans une copie "
        "ressemble à un nom du classeur sans être écrit pareil.\n"
        + "\n".join(found[:_MAX_SHOWN])
        + (f"\n(et {more} autres)" if more > 1 else "\n(et 1 autre)" if more == 1 else ""),
        sheet=structure.SHEET_GRILLE,
        hint="Si c'est la même personne, corrigez l'orthographe dans la copie (ou dans le "
        "classeur) puis relancez la fusion. Si ce sont des personnes différentes, relancez "
        "avec l'option --noms-distincts.",
    )
