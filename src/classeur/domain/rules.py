"""Pure checks and computations on the model (no I/O)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

from classeur.domain.identity import member_key, name_key
from classeur.domain.model import Classeur, Meeting, Member
from classeur.errors import ClasseurError, Problem
from classeur.layout import structure, vocabulary
from classeur.text import french


def participants(members: Sequence[Member]) -> list[Member]:
    return [m for m in members if m.role == vocabulary.ROLE_PARTICIPANT]


def animators(members: Sequence[Member]) -> list[Member]:
    return [m for m in members if m.role == vocabulary.ROLE_ANIMATION]


def check_reseau(c: Classeur, file: str | None = None) -> list[Problem]:
    """The réseau rules of the CEE guide (section 3): 6–10 participants, at most 2 per
    établissement, one animator."""
    if c.settings.modele != vocabulary.MODELE_RESEAU:
        return []
    sheet = structure.SHEET_EQUIPE
    role_col = structure.EQUIPE.column("role").header
    problems: list[Problem] = []
    n = len(participants(c.members))
    lo, hi = vocabulary.RESEAU_MIN_PARTICIPANTS, vocabulary.RESEAU_MAX_PARTICIPANTS
    if n < lo:
        problems.append(
            Problem(
                f"Le réseau compte {french.plural(n, 'participant·e', 'participant·es')}; "
                f"il en faut au moins {lo}.",
                sheet=sheet,
                column=role_col,
                file=file,
                hint=f"Ajoutez des participants (rôle « {vocabulary.ROLE_PARTICIPANT} »).",
            )
        )
    elif n > hi:
        problems.append(
            Problem(
                f"Le réseau compte {n} participants; le maximum est de {hi}.",
                sheet=sheet,
                column=role_col,
                file=file,
                hint="Retirez des participants ou formez un second réseau.",
            )
        )
    # « École Saint-Jean », « école saint-jean » and « Ecole Saint-Jean » are one school.
    per_school = Counter(
        name_key(m.etablissement) for m in participants(c.members) if name_key(m.etablissement)
    )
    names: dict[str, str] = {}  # each school as first written
    for m in c.members:
        names.setdefault(name_key(m.etablissement), m.etablissement.strip())
    for school, count in sorted(per_school.items()):
        if count > vocabulary.RESEAU_MAX_PER_ETABLISSEMENT:
            problems.append(
                Problem(
                    f"{count} participants viennent de « {names[school]} »; "
                    f"au plus {vocabulary.RESEAU_MAX_PER_ETABLISSEMENT} par établissement "
                    "(sans compter l'animation).",
                    sheet=sheet,
                    column=structure.EQUIPE.column("etablissement").header,
                    file=file,
                    hint="Gardez au plus deux participants de cet établissement.",
                )
            )
    a = len(animators(c.members))
    if a != vocabulary.RESEAU_ANIMATORS:
        what = "n'a aucune personne" if a == 0 else f"a {a} personnes"
        problems.append(
            Problem(
                f"Le réseau {what} à l'animation; il en faut exactement une.",
                sheet=sheet,
                column=role_col,
                file=file,
                hint=f"Donnez le rôle « {vocabulary.ROLE_ANIMATION} » à une seule personne.",
            )
        )
    return problems


def member_identity(m: Member) -> str:
    """How a teacher is recognised across classeurs: email, else first and last name."""
    return member_key(m.prenom, m.nom, m.courriel)


def check_across_networks(classeurs: Sequence[tuple[str, Classeur]]) -> list[Problem]:
    """One network a year as participant; animates at most one (guide du CEE, sections 2
    and 3)."""
    roles: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for file, c in classeurs:
        if c.settings.modele != vocabulary.MODELE_RESEAU:
            continue
        for m in c.members:
            if m.role in (vocabulary.ROLE_PARTICIPANT, vocabulary.ROLE_ANIMATION):
                ident = member_identity(m)
                names[ident] = m.full_name
                roles[(ident, c.settings.annee_scolaire, m.role)].append(file)
    problems = []
    for (ident, year, role), files in sorted(roles.items()):
        if len(files) < 2:
            continue
        what = "participe à" if role == vocabulary.ROLE_PARTICIPANT else "anime"
        listing = ", ".join(f"« {f} »" for f in files)
        problems.append(
            Problem(
                f"{names[ident]} {what} {len(files)} réseaux en {year or 'la même année'} "
                f"({listing}); c'est un seul par année.",
                sheet=structure.SHEET_EQUIPE,
                hint="Retirez cette personne de tous les réseaux sauf un.",
            )
        )
    return problems


def odj_deadline(meeting: Meeting) -> dt.date | None:
    """The ordre du jour is due 7 days before the rencontre (guide du CEE, section 5)."""
    if meeting.date is None:
        return None
    return meeting.date - dt.timedelta(days=vocabulary.ODJ_DAYS_BEFORE)


def next_meeting(c: Classeur, today: dt.date) -> Meeting | None:
    upcoming = [m for m in c.meetings if m.date is not None and m.date >= today]
    return min(upcoming, key=lambda m: m.date or today, default=None)


def check_classeur(c: Classeur, file: str | None = None) -> list[Problem]:
    """Every rule check on one classeur (structure is checked while reading)."""
    return check_reseau(c, file)


def rencontre_for(model: Classeur, active_sheet: str | None, today: dt.date) -> int:
    """The rencontre a click is about: the one whose tab is active, else the next one by
    date, else the most recent one."""
    numero = structure.meeting_number_from_sheet(active_sheet or "")
    if numero is not None and model.meeting(numero) is not None:
        return numero
    upcoming = next_meeting(model, today)
    if upcoming is not None:
        return upcoming.numero
    past = [m for m in model.meetings if m.date is not None]
    if past:
        return max(past, key=lambda m: m.date or today).numero
    raise ClasseurError(
        "Classeur ne sait pas de quelle rencontre il s'agit : aucune rencontre n'a de date.",
        sheet=structure.SHEET_RENCONTRES,
        hint="Ouvrez l'onglet de la rencontre voulue (R1, R2, …) puis cliquez de nouveau, "
        "ou inscrivez les dates dans la feuille Rencontres.",
    )
