"""Checks of `verifier` for one thing typed twice: a student of the Grille, a member of the
Équipe, a teacher or a school spelled two ways.

Names are compared as ``domain.identity`` compares them (trimmed, without regard to case
or accents). A student typed twice counts twice in every result and splits their
results between two rows; a teacher spelled two ways splits their group in the Résultats
(Excel compares text without regard to case, but not to accents).
"""

from __future__ import annotations

from typing import Any

from classeur.domain import cellvalues
from classeur.domain.identity import member_key, name_key, probably_same, student_key
from classeur.domain.model import Classeur
from classeur.errors import Problem
from classeur.layout import structure

Row = tuple[int | None, dict[str, Any]]


def _grid_rows(c: Classeur) -> list[Row]:
    """The grille's students as (sheet row, {header: value}), as read."""
    eleve, groupe, enseignant = (col.header for col in structure.GRILLE_FIXED)
    return [(e.row, {eleve: e.eleve, groupe: e.groupe, enseignant: e.enseignant}) for e in c.grid]


def _member_rows(c: Classeur) -> list[Row]:
    prenom, nom, courriel = (
        structure.EQUIPE.column(k).header for k in ("prenom", "nom", "courriel")
    )
    return [(m.row, {prenom: m.prenom, nom: m.nom, courriel: m.courriel}) for m in c.members]


def _students(rows: list[Row], file: str | None) -> list[Problem]:
    eleve, groupe, enseignant = (c.header for c in structure.GRILLE_FIXED)
    seen: dict[tuple[str, str, str], int | None] = {}
    out = []
    for r, v in rows:
        key = student_key(v[eleve], v[groupe], v[enseignant])
        if not key[2]:
            continue
        if key in seen:
            out.append(
                Problem(
                    f"L'élève « {cellvalues.shown(v[eleve])} » (groupe "
                    f"{cellvalues.shown(v[groupe])}, {cellvalues.shown(v[enseignant])}) est "
                    f"inscrit deux fois (déjà à la ligne {seen[key]}) : il compterait pour "
                    "deux élèves dans les résultats.",
                    sheet=structure.SHEET_GRILLE,
                    row=r,
                    column=eleve,
                    file=file,
                    hint="Gardez une seule ligne pour cet élève : réunissez ses résultats "
                    "sur l'une, puis supprimez l'autre.",
                )
            )
        else:
            seen[key] = r
    return out


def _spellings(
    rows: list[Row], header: str, sheet: str, what: str, file: str | None
) -> list[Problem]:
    """Values of column ``header`` written two ways for one name (or probably one)."""
    first: dict[str, tuple[str, int | None]] = {}
    reported: set[str] = set()
    out = []
    for r, v in rows:
        typed = cellvalues.shown(v[header])
        if not typed or typed.casefold() in reported:
            continue
        key = name_key(typed)
        other = first.get(key)
        if other is None:
            other = next(((t, rr) for k, (t, rr) in first.items() if probably_same(k, key)), None)
            if other is None:
                first[key] = (typed, r)
                continue
        if " ".join(other[0].split()).casefold() == " ".join(typed.split()).casefold():
            continue
        reported.add(typed.casefold())
        out.append(
            Problem(
                f"{what} « {typed} » ressemble à « {other[0]} » (ligne {other[1]}) : "
                "la même personne écrite de deux façons?",
                sheet=sheet,
                row=r,
                column=header,
                file=file,
                hint="Si c'est la même, écrivez son nom exactement pareil sur chaque ligne "
                "(les formules ne confondent pas les lettres accentuées et les autres).",
            )
        )
        first.setdefault(key, (typed, r))
    return out


def _members(rows: list[Row], file: str | None) -> list[Problem]:
    prenom, nom, courriel = (
        structure.EQUIPE.column(k).header for k in ("prenom", "nom", "courriel")
    )
    seen: dict[str, int | None] = {}
    out = []
    for r, v in rows:
        keys = {member_key(v[prenom], v[nom]), member_key(v[prenom], v[nom], v[courriel])}
        keys.discard("")
        already = [k for k in keys if k in seen]
        if already:
            twice = seen[already[0]]
            out.append(
                Problem(
                    f"« {cellvalues.shown(v[prenom])} {cellvalues.shown(v[nom])} » est "
                    f"inscrit·e deux fois dans l'équipe (déjà à la ligne {twice}).",
                    sheet=structure.EQUIPE.sheet,
                    row=r,
                    column=nom,
                    file=file,
                    hint="Gardez une seule ligne par membre (les présences se rattachent au nom).",
                )
            )
        for k in keys:
            seen.setdefault(k, r)
    return out


def check_duplicates(c: Classeur, file: str | None = None) -> list[Problem]:
    """Students typed twice, teachers spelled two ways (Grille); members typed twice
    (Équipe). Rows are the sheet rows the reading found them on."""
    grille = _grid_rows(c)
    teacher = structure.GRILLE_FIXED[2].header
    return (
        _students(grille, file)
        + _spellings(grille, teacher, structure.SHEET_GRILLE, "L'enseignant·e", file)
        + _members(_member_rows(c), file)
    )
