"""Checks of what teachers type that reading accepts but that would go wrong later:
e-mail addresses the exports would refuse, a rencontre with an end and no start, the
Grille's columns (learnings with none). `verifier` runs them; no command refuses for them.
A Grille header meant as a results column but unreadable is different: reading reports
it (every command refuses), since compiling without it would change the results.
"""

from __future__ import annotations

import difflib
import re

from classeur.domain import cellvalues
from classeur.domain.model import Classeur
from classeur.errors import Problem
from classeur.layout import structure


def check_emails(c: Classeur, file: str | None = None) -> list[Problem]:
    """Each malformed address of Équipe, with its row: the exports refuse it otherwise."""
    out = []
    for i, m in enumerate(c.members):
        invalid = cellvalues.email_invalid(m.courriel)
        if invalid is not None:
            out.append(
                Problem(
                    invalid.message,
                    sheet=structure.SHEET_EQUIPE,
                    row=c.row_of(structure.EQUIPE.name, i),
                    column=structure.EQUIPE.column("courriel").header,
                    hint=invalid.hint,
                    file=file,
                )
            )
    return out


def check_times(c: Classeur, file: str | None = None) -> list[Problem]:
    """A rencontre with an end time and no start: its length (release days, the Plan)
    cannot be known, and documents can only say « jusqu'à 15 h 45 »."""
    out = []
    for i, m in enumerate(c.meetings):
        if m.fin is not None and m.debut is None:
            out.append(
                Problem(
                    f"La rencontre {m.numero} a une heure de fin et pas d'heure de début.",
                    sheet=structure.SHEET_RENCONTRES,
                    row=c.row_of(structure.RENCONTRES.name, i),
                    column=structure.RENCONTRES.column("debut").header,
                    hint="Inscrivez l'heure de début, p. ex. 8:45 ou 8 h 45.",
                    file=file,
                )
            )
    return out


def learnings_without_column(c: Classeur) -> list[str]:
    """Codes of the learnings of Apprentissages with no results column in the Grille."""
    raw = c.raw.get(structure.GRILLE_NAME)
    if raw is None:
        return []
    present = {
        parsed[0]
        for parsed in (structure.parse_grille_header(cellvalues.shown(h)) for h in raw.headers)
        if parsed is not None
    }
    return [lrn.code for lrn in c.learnings if lrn.code not in present]


def check_learning_columns(c: Classeur, file: str | None = None) -> list[Problem]:
    """A learning of Apprentissages with no column in the Grille: nothing can be typed or
    compiled for it (the expected headers named)."""
    missing = set(learnings_without_column(c))
    out = []
    for i, lrn in enumerate(c.learnings):
        if lrn.code not in missing:
            continue
        expected = ", ".join(f"« {structure.grille_header(lrn.code, b)} »" for b in structure.BLOCS)
        out.append(
            Problem(
                f"L'apprentissage « {lrn.code} » n'a aucune colonne dans la Grille.",
                sheet=structure.SHEET_APPRENTISSAGES,
                row=c.row_of(structure.APPRENTISSAGES.name, i),
                column=structure.APPRENTISSAGES.column("code").header,
                hint=f"« classeur compiler » (ou le bouton Compiler) ajoute les colonnes "
                f"{expected}; ou retirez l'apprentissage s'il n'est pas évalué.",
                file=file,
            )
        )
    return out


# A header a teacher meant as a results column: it starts with a learning's code and names
# a bloc (« A2 - Finale », « A1 · bloc 3 », « A1 Bloc3 »). A team's own column (« Remarques
# (PI, allergies…) », « Commentaire A1 ») names no bloc after a code and is left alone.
_BLOC_WORD = re.compile(r"(?<![a-z])(?:bloc\s*\d+|finale?)(?![a-z])")


def unreadable_grille_header(header: str, codes: list[str]) -> Problem | None:
    """The problem of a Grille header meant as a results column but not in the form
    « A1 · Bloc 1 » (``None`` for a readable one or a team's own column)."""
    folded = cellvalues.folded(header)
    first = re.split(r"[\s·•\-–—_:.,/|()]+", folded.strip(), maxsplit=1)[0]
    by_code = {cellvalues.folded(code): code for code in codes}
    if first not in by_code or not _BLOC_WORD.search(folded):
        return None
    expected = [structure.grille_header(code, b) for code in codes for b in structure.BLOCS]
    closest = difflib.get_close_matches(header, expected, n=1, cutoff=0)
    suggestion = closest[0] if closest else structure.grille_header(by_code[first], "Bloc 1")
    return Problem(
        f"L'en-tête « {header} » n'est pas lu comme une colonne de résultats : la forme "
        f"attendue est « code{structure.GRILLE_SEPARATOR}bloc », p. ex. "
        f"« {structure.grille_header(codes[0], structure.BLOCS[0])} » (bloc : "
        + ", ".join(structure.BLOCS)
        + "). Sans correction, cette colonne serait laissée de côté par la compilation.",
        sheet=structure.SHEET_GRILLE,
        column=header,
        hint=f"Renommez-la « {suggestion} » (apprentissage le plus proche : {by_code[first]}).",
    )
