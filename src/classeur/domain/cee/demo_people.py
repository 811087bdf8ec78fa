"""The people and calendars of the CEE's demo year: teachers from the schools, at most two
participants from one school, horaires of the guide (section 8.2), students in the grille."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from classeur.domain.cee import demo_data as data
from classeur.domain.cee.demo_plan import (
    ANIMATOR_WITH_TWO,
    CROWDED,
    FIVE_AFTERNOONS,
    NOT_TEACHER,
    SHARED_ANIMATORS,
    SHARED_PARTICIPANTS,
    SIZES,
)
from classeur.domain.cee.identity import fold
from classeur.domain.model import GridEntry, Meeting, Member
from classeur.layout import annexes, vocabulary

LEARNING_CODES = tuple(f"A{i}" for i in (1, 2))  # two apprentissages per network


@dataclass
class Person:
    prenom: str
    nom: str
    courriel: str
    etablissement: str
    fonction: str

    def member(self, role: str) -> Member:
        return Member(
            self.prenom, self.nom, self.courriel, self.etablissement, self.fonction, "", role
        )

    def typed_otherwise(self) -> Person:
        """The same person typed by someone else: capitals, no accents, no e-mail."""
        return Person(
            f" {self.prenom.upper()}",
            f"{fold(self.nom).title()}  ",
            "",
            self.etablissement,
            self.fonction,
        )


class People:
    """Teachers never met before, each with an e-mail (a few without)."""

    def __init__(self, rng: random.Random) -> None:
        firsts = [(p, 0) for p in data.TEACHER_FIRST_F] + [(p, 1) for p in data.TEACHER_FIRST_M]
        triples = [(p, g, n) for p, g in firsts for n in data.TEACHER_LAST]
        rng.shuffle(triples)
        self.triples = iter(triples)
        self.rng = rng

    def new(self, school: str, fonctions: tuple[str, str]) -> Person:
        """A new person; ``fonctions``: the feminine and masculine words of the function."""
        prenom, gender, nom = next(self.triples)
        email = "" if self.rng.random() < 0.08 else _email(prenom, nom)
        return Person(prenom, nom, email, school, fonctions[gender])


def _email(prenom: str, nom: str) -> str:
    def part(s: str) -> str:
        return "".join(ch for ch in fold(s) if ch.isalnum())

    return f"{part(nom)}.{part(prenom)}@exemple.cssdm.gouv.qc.ca"


def _fonction(discipline: str) -> tuple[str, str]:
    subject = discipline.split("–")[-1].strip().lower()
    return (f"Enseignante ({subject})", f"Enseignant ({subject})")


def _schools(rng: random.Random, fixed: list[Person], n: int, crowded: bool) -> list[str]:
    """Schools for ``n`` new participants: at most 2 per school with those already there
    (three in one school when ``crowded``)."""
    count = {s: 0 for s in data.SCHOOLS}
    for p in fixed:
        count[p.etablissement] += 1
    out = []
    if crowded:
        school = next(s for s in rng.sample(data.SCHOOLS, len(data.SCHOOLS)) if count[s] == 0)
        out += [school] * 3
        count[school] = 3
    while len(out) < n:
        free = [s for s in data.SCHOOLS if count[s] < vocabulary.RESEAU_MAX_PER_ETABLISSEMENT]
        school = rng.choice(free)
        count[school] += 1
        out.append(school)
    return out[:n]


def _meeting_day(year: int, month: int, i: int, k: int) -> dt.date:
    """A Tuesday, Wednesday or Thursday of ``month``, different from one network to the next."""
    day = dt.date(year, month, 3 + (i * 5 + k * 3) % 20)
    while day.weekday() not in (1, 2, 3):
        day += dt.timedelta(days=1)
    return day


_MONTHS = {2: (11, 3), 3: (10, 1, 4), 4: (10, 12, 2, 4), 5: (10, 11, 1, 3, 4)}


def meetings(i: int) -> list[Meeting]:
    if i == FIVE_AFTERNOONS:
        kinds: tuple[str, ...] = (annexes.APRES_MIDI,) * 5
    else:
        kinds = list(annexes.HORAIRE_SESSIONS.values())[i % 3]
    out = []
    for k, (kind, month) in enumerate(zip(kinds, _MONTHS[len(kinds)], strict=True)):
        full = kind == annexes.JOURNEE
        out.append(
            Meeting(
                numero=k + 1,
                date=_meeting_day(2026 if month >= 8 else 2027, month, i, k),
                debut=dt.time(8, 45) if full else dt.time(12, 45),
                fin=dt.time(15, 45),
                mode=vocabulary.MODE_PRESENTIEL,
                lieu=data.LIEU_CEE,
                canevas=vocabulary.CANEVAS_CEE_JOURNEE if full else vocabulary.CANEVAS_CEE_DEMI,
            )
        )
    return out


@dataclass
class Team:
    animator: Person
    participants: list[Person]
    others: list[Person]


def team(rng: random.Random, people: People, i: int, teams: dict[int, Team]) -> Team:
    discipline = data.THEMES[i - 1][1]
    anims = {into: (frm, other) for frm, into, other in SHARED_ANIMATORS}
    parts = {into: (frm, other) for frm, into, other in SHARED_PARTICIPANTS}
    if i in anims:
        frm, other = anims[i]
        anim = teams[frm].animator
        anim = anim.typed_otherwise() if other else anim
    else:
        fonctions = NOT_TEACHER.get(i) or _fonction(discipline)
        anim = people.new(rng.choice(data.SCHOOLS), fonctions)
    fixed = []
    if i in parts:
        frm, other = parts[i]
        p = teams[frm].participants[0]
        fixed.append(p.typed_otherwise() if other else p)
    size = SIZES.get(i, 6 + (i * 7) % 5)
    schools = _schools(rng, fixed, size - len(fixed), i in CROWDED)
    if i == ANIMATOR_WITH_TWO:  # two participants from the animation's school
        twice = [s for s in schools if schools.count(s) == 2]
        if not twice:
            schools[1] = schools[0]  # was alone from its school: now two
        school = twice[0] if twice else schools[0]
        anim = Person(anim.prenom, anim.nom, anim.courriel, school, anim.fonction)
    newcomers = [people.new(s, _fonction(discipline)) for s in schools]
    cp = ("Conseillère pédagogique", "Conseiller pédagogique")
    others = [people.new(rng.choice(data.SCHOOLS), cp)] if i % 4 == 0 else []
    return Team(anim, fixed + newcomers, others)


def members(team: Team) -> list[Member]:
    return [
        team.animator.member(vocabulary.ROLE_ANIMATION),
        *(p.member(vocabulary.ROLE_PARTICIPANT) for p in team.participants),
        *(p.member(vocabulary.ROLE_PROFESSIONNEL) for p in team.others),
    ]


def grid(rng: random.Random, team: Team, students: set[str]) -> list[GridEntry]:
    entries = []
    used: set[str] = set()
    for g, teacher in enumerate(team.participants[:2], start=1):
        for _ in range(6):
            while True:
                name = f"{rng.choice(data.STUDENT_FIRST)} {rng.choice(data.STUDENT_LAST)}"
                if name not in used:
                    break
            used.add(name)
            results: dict[tuple[str, str], int | str] = {
                (code, bloc): rng.randint(1, 4)
                for code in LEARNING_CODES
                for bloc in (vocabulary.BLOC_1, vocabulary.BLOC_2)
            }
            entries.append(GridEntry(name, f"G{g}", f"{teacher.prenom} {teacher.nom}", results))
    students |= used
    return entries
