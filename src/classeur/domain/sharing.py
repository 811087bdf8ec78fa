"""Whether sharing a document exposes students to people outside their school.

A grille or a whole classeur names every student. Sent to a team whose members work in
several schools, each student's name reaches people of other schools, who have no need to
know it (Loi 25: personal information shared only with who needs it). Classeur then
suggests pseudonymising (codes instead of names): the command says so, and the ribbon's
Exporter asks it (Oui, Non, Annuler) before writing anything.

Schools are compared trimmed, without case or accents (« École Saint-Jean » and « ecole
saint-jean » are one school); an address that is no member's, or a member without a
school, counts as outside.
"""

from __future__ import annotations

from classeur.domain.model import Classeur
from classeur.domain.pseudo import fold
from classeur.layout import outputs
from classeur.text import french

UNKNOWN = "(école non précisée)"
OPTION = " (--pseudonymiser)"  # the command's answer to the question


def _school(name: str) -> str:
    return " ".join(fold(name).split())


def names_students(kind: str) -> bool:
    """Whether the document lists the students by name."""
    return kind in outputs.STUDENT_NAMES_DOCUMENTS


def pseudonymised_by_default(kind: str) -> bool:
    return kind in outputs.PSEUDONYMISED_BY_DEFAULT


def pseudonymise(kind: str, asked: bool | None) -> bool:
    """What the teacher asked (--pseudonymiser / --noms-reels), else the document's default."""
    return pseudonymised_by_default(kind) if asked is None else asked


def schools_reached(c: Classeur, recipients: list[str]) -> dict[str, str]:
    """The recipients' schools (folded -> as written), plus those of the students'
    teachers; UNKNOWN for an address that is no member's or a member without a school."""
    by_address = {m.courriel.strip().casefold(): m for m in c.members if m.courriel.strip()}
    by_name = {" ".join(fold(m.full_name).split()): m for m in c.members}
    schools: dict[str, str] = {}
    for address in recipients:
        member = by_address.get(address.strip().casefold())
        written = member.etablissement.strip() if member else ""
        schools.setdefault(_school(written) if written else UNKNOWN, written or UNKNOWN)
    for entry in c.grid:
        teacher = by_name.get(" ".join(fold(entry.enseignant).split()))
        if teacher is not None and teacher.etablissement.strip():
            schools.setdefault(_school(teacher.etablissement), teacher.etablissement.strip())
    return schools


def question(c: Classeur, kind: str, recipients: list[str], pseudonymise: bool) -> str | None:
    """The question to ask before sending students' names in clear to several schools,
    or None when there is nothing to ask."""
    if pseudonymise or not names_students(kind) or not c.grid or not recipients:
        return None
    schools = schools_reached(c, recipients)
    if len(schools) < 2:
        return None
    listed = ", ".join(sorted(schools.values()))
    return (
        f"Ce document nomme {french.plural(len(c.grid), 'élève')} et part à "
        f"{french.plural(len(recipients), 'personne')} de {len(schools)} écoles ({listed}) : "
        "chaque élève y serait nommé devant des personnes d'autres écoles. Voulez-vous "
        f"remplacer les noms des élèves par des codes{OPTION}?"
    )
