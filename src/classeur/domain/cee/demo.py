"""A realistic school year of 40 réseaux d'entraide for the CEE's dashboard (pure,
deterministic): varied horaires, and a few planted breaches of each rule, late plans and
agendas, missing and incomplete bilans. :data:`DemoYear.planted` says which files break
which rule, so that the dashboard can be checked against it.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from classeur.domain.cee import demo_data as data
from classeur.domain.cee import demo_people
from classeur.domain.cee.demo_plan import (
    BILAN_INCOMPLETE,
    BILAN_LATE,
    BILAN_MISSING,
    BILAN_NOT_SENT,
    CROWDED,
    FIVE_AFTERNOONS,
    LONG_RESUME,
    NO_FICHE,
    NOT_TEACHER,
    ODJ_LATE,
    ODJ_MISSING,
    PLAN_LATE,
    PLAN_MISSING,
    PLAN_NOT_SENT,
    SAME_TITLE,
    SHARED_ANIMATORS,
    SHARED_PARTICIPANTS,
    SIZES,
)
from classeur.domain.cee.identity import fold
from classeur.domain.model import Classeur, Learning, Settings
from classeur.layout import annexes, bilan_sheet, cee, compilation, outputs, vocabulary

ANNEE = "2026-2027"
TODAY = dt.date(2027, 7, 2)  # the dashboard's date: the year is over, bilans are due
N_NETWORKS = 40
ORGANISME = "Centre de services scolaire de Montréal"


@dataclass
class DemoNetwork:
    """A réseau classeur to write, and what its team typed in it."""

    file: str
    model: Classeur
    fiche: dict[str, str] | None
    plan: bool
    prepared: dict[int, dt.date]  # agendas prepared, and when
    presences: dict[int, dict[str, str]]  # rencontre -> member name -> presence
    bilan: dict[str, str] | None  # annexe 5 answers; None: no Bilan sheet
    # Journal des envois: when, which document (layout.outputs.DOC_*), which rencontre
    sent: list[tuple[dt.datetime, str, int | None]]
    compile: bool  # whether the grille is compiled (Résultats, Paliers)


@dataclass(frozen=True)
class Planted:
    rule: str
    files: tuple[str, ...]


@dataclass
class DemoYear:
    networks: list[DemoNetwork] = field(default_factory=list)
    planted: list[Planted] = field(default_factory=list)
    students: set[str] = field(default_factory=set)  # every student's name


def _title(i: int) -> str:
    for first, second in SAME_TITLE:
        if i == second:
            original = data.THEMES[first - 1][0]
            return original.upper() if second % 2 == 0 else _unaccented(original).capitalize()
    return data.THEMES[i - 1][0]


def _unaccented(text: str) -> str:
    """A title typed without its accents (its apostrophes and spaces as they were)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _model(i: int, team: demo_people.Team, rng: random.Random, students: set[str]) -> Classeur:
    subject = data.THEMES[i - 1][0].split("\u00a0: ", 1)[-1]
    settings = Settings(
        modele=vocabulary.MODELE_RESEAU,
        titre=_title(i),
        annee_scolaire=ANNEE,
        organisme=ORGANISME,
        but=f"Développer ensemble des pratiques et des outils\u00a0: {subject}.",
        echelle=vocabulary.ECHELLE_1_4,
        extra=dict(compilation.PALIER_DEFAULTS),
    )
    descriptions = (
        (f"Compétence travaillée dans le réseau\u00a0: {subject}", 0.8),
        ("Réinvestissement des outils du réseau en classe", 0.75),
    )
    learnings = [
        Learning(code, text, "", 3, goal)
        for code, (text, goal) in zip(demo_people.LEARNING_CODES, descriptions, strict=True)
    ]
    return Classeur(
        settings,
        demo_people.members(team),
        demo_people.meetings(i),
        learnings,
        demo_people.grid(rng, team, students),
    )


def _presences(rng: random.Random, model: Classeur, i: int) -> dict[int, dict[str, str]]:
    out = {}
    for m in model.meetings:
        out[m.numero] = {
            mem.full_name: vocabulary.PRESENT
            if mem.role == vocabulary.ROLE_ANIMATION or i == FIVE_AFTERNOONS or rng.random() < 0.88
            else rng.choice((vocabulary.ABSENT, vocabulary.EXCUSE))
            for mem in model.members
        }
    return out


def _prepared(rng: random.Random, model: Classeur, i: int) -> dict[int, dt.date]:
    out = {}
    for m in model.meetings:
        assert m.date is not None
        if m.numero in ODJ_MISSING.get(i, ()):
            continue
        due = m.date - dt.timedelta(days=vocabulary.ODJ_DAYS_BEFORE)
        late = ODJ_LATE.get(i, {}).get(m.numero)
        out[m.numero] = due + dt.timedelta(days=late or -rng.randint(1, 6))
    return out


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 30))


def _sent(
    rng: random.Random, net: DemoNetwork, i: int
) -> list[tuple[dt.datetime, str, int | None]]:
    out: list[tuple[dt.datetime, str, int | None]] = []
    first = min(m.date for m in net.model.meetings if m.date)
    if net.plan and i not in PLAN_NOT_SENT:
        due = first - dt.timedelta(days=vocabulary.ODJ_DAYS_BEFORE)
        day = due + dt.timedelta(days=PLAN_LATE.get(i) or -rng.randint(2, 12))
        out.append((_at(day, 15), outputs.DOC_PLAN, None))
    if i % 2 == 0:  # half of the animators export their agendas
        for n, day in net.prepared.items():
            out.append((_at(day, 16), outputs.DOC_ODJ, n))
    if net.bilan is not None and i not in BILAN_NOT_SENT:
        day = BILAN_LATE.get(i) or dt.date(2027, 6, rng.randint(8, 28))
        out.append((_at(day, 14), outputs.DOC_BILAN, None))
    return sorted(out, key=lambda sent: sent[0])


def _fiche(i: int, model: Classeur) -> dict[str, str] | None:
    if i in NO_FICHE:
        return None
    theme = data.THEMES[i - 1]
    resume = data.RESUME.format(theme=theme[0].split("\u00a0: ", 1)[-1])
    hours = sum(
        (m.fin.hour * 60 + m.fin.minute - m.debut.hour * 60 - m.debut.minute) // 60
        for m in model.meetings
        if m.debut and m.fin
    )
    return {
        "experience": f"J’enseigne depuis {8 + i % 15} ans et j’accompagne des collègues.",
        "groupe": theme[2],
        "discipline": theme[1],
        "materiel": "Aucun",
        "competences": "Développement de la pratique professionnelle pédagogique",
        annexes.FICHE_RESUME: resume + (data.LONG_RESUME_EXTRA if i in LONG_RESUME else ""),
        "prealables": "Aucun",
        "duree": f"{hours} heures ({len(model.meetings)} rencontres)",
        "disponibilites": "D’octobre à avril",
        "source": "Par le site du CEE.",
    }


def _bilan(rng: random.Random, model: Classeur, i: int) -> dict[str, str] | None:
    if i in BILAN_MISSING:
        return None
    continuation = (
        "" if i in BILAN_INCOMPLETE else rng.choice(bilan_sheet.BILAN_CONTINUATION_CHOICES)
    )
    return {
        bilan_sheet.BILAN_BUT: model.settings.but,
        bilan_sheet.BILAN_RESUME: data.RESUME_BILAN,
        bilan_sheet.BILAN_REALISATIONS: data.REALISATIONS,
        bilan_sheet.BILAN_QUESTIONS: data.QUESTIONS if rng.random() < 0.5 else "",
        bilan_sheet.BILAN_CONTINUATION: continuation,
    }


def _file(i: int) -> str:
    words = "".join(
        ch if ch.isalnum() else "-" for ch in fold(data.THEMES[i - 1][0].split("\u00a0: ", 1)[-1])
    )
    slug = "-".join(w for w in words.split("-") if w)[:40].rstrip("-")
    return f"reseau-{i:02d}-{slug}.xlsx"


def planted(files: dict[int, str]) -> list[Planted]:
    """Which files break which rule, as planted above."""

    def of(rule: str, *groups: tuple[int, ...]) -> list[Planted]:
        return [Planted(rule, tuple(files[n] for n in g)) for g in groups]

    return [
        *of(cee.RULE_PARTICIPANT, *((a, b) for a, b, _ in SHARED_PARTICIPANTS)),
        *of(cee.RULE_ANIMATION, *((a, b) for a, b, _ in SHARED_ANIMATORS)),
        *of(cee.RULE_DOUBLON, *SAME_TITLE),
        *of(cee.RULE_MOINS_DE_SIX, *((n,) for n, s in SIZES.items() if s < 6)),
        *of(cee.RULE_PLUS_DE_DIX, *((n,) for n, s in SIZES.items() if s > 10)),
        *of(cee.RULE_ETABLISSEMENT, *((n,) for n in CROWDED)),
        *of(cee.RULE_RESUME, *((n,) for n in LONG_RESUME)),
        *of(cee.RULE_ENSEIGNANT, *((n,) for n in NOT_TEACHER)),
        *of(cee.RULE_PLAN, *((n,) for n in (*PLAN_LATE, *PLAN_MISSING))),
        *of(cee.RULE_ODJ, *((n,) for n in (*ODJ_LATE, *ODJ_MISSING))),
        *of(cee.RULE_BILAN, *((n,) for n in (*BILAN_MISSING, *BILAN_LATE))),
    ]


def year() -> DemoYear:
    """The 40 networks of the demo year. Same networks on every run."""
    rng = random.Random(2027)
    people = demo_people.People(rng)
    out = DemoYear()
    teams: dict[int, demo_people.Team] = {}
    for i in range(1, N_NETWORKS + 1):
        teams[i] = team = demo_people.team(rng, people, i, teams)
        model = _model(i, team, rng, out.students)
        net = DemoNetwork(
            file=_file(i),
            model=model,
            fiche=_fiche(i, model),
            plan=i not in PLAN_MISSING,
            prepared=_prepared(rng, model, i),
            presences=_presences(rng, model, i),
            bilan=_bilan(rng, model, i),
            sent=[],
            compile=i % 5 == 0,
        )
        net.sent = _sent(rng, net, i)
        out.networks.append(net)
    out.planted = planted({i: n.file for i, n in enumerate(out.networks, start=1)})
    return out
