"""The guide's rules across the networks of a year (guide du CEE, sections 1, 3 and 5;
annexe 1), checked on the consolidated tables (pure, pandas).

People are recognised across classeurs by :func:`identity.person_keys` (the ``cle``
column); schools by their canonical spelling. Networks are « the same network » when their
titles read the same (:func:`identity.fold`), the default title of a new classeur aside.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from classeur.domain import demo, reseau
from classeur.domain.cee import deadlines
from classeur.domain.cee.identity import fold
from classeur.domain.cee.network import NetworkFigures
from classeur.layout import annexes, cee, structure, vocabulary
from classeur.text import french as words


@dataclass(frozen=True)
class Violation:
    rule: str  # key of layout.cee.RULES
    # What is wrong, in French: Québec typography, but the names, schools and titles it
    # quotes as the classeurs spell them (a teacher's text is never rewritten).
    constat: str
    numeros: tuple[int, ...]  # networks involved (their N° in the dashboard)
    files: tuple[str, ...]  # the files involved


def _involving(rule: str, constat: str, rows: pd.DataFrame) -> Violation:
    pairs = sorted(set(zip(rows["reseau"], rows["fichier"], strict=True)))
    numeros, files = tuple(n for n, _ in pairs), tuple(f for _, f in pairs)
    return Violation(rule, constat, numeros, files)


def _one(rule: str, constat: str, f: NetworkFigures, numero: int) -> Violation:
    return Violation(rule, constat, (numero,), (f.source.file,))


def one_a_year(people: pd.DataFrame) -> list[Violation]:
    """A teacher participates in one network a year and animates at most one."""
    out = []
    for rule, role, verb in (
        (cee.RULE_PARTICIPANT, vocabulary.ROLE_PARTICIPANT, "participe à"),
        (cee.RULE_ANIMATION, vocabulary.ROLE_ANIMATION, "anime"),
    ):
        rows = people[people["role"] == role]
        counts = rows.groupby("cle")["reseau"].nunique()
        rows = rows[rows["cle"].isin(counts[counts > 1].index)]
        for _, group in rows.groupby("cle", sort=True):
            name = group.sort_values("courriel", ascending=False)["personne"].iloc[0]
            constat = f"{name} {verb} {group['reseau'].nunique()} réseaux cette année."
            out.append(_involving(rule, constat, group))
    return out


def same_network(networks: pd.DataFrame) -> list[Violation]:
    """A network takes place once a year: two classeurs with the same title."""
    default = fold(demo.DEFAULT_TITLES[vocabulary.MODELE_RESEAU])
    keys = networks["titre"].map(fold)
    out = []
    for key, group in networks[(keys != "") & (keys != default)].groupby(keys, sort=True):
        if len(group) < 2:
            continue
        del key
        rows = group.rename(columns={"numero": "reseau"})
        constat = f"«\u00a0{group['titre'].iloc[0]}\u00a0» figure dans {len(group)} classeurs."
        out.append(_involving(cee.RULE_DOUBLON, constat, rows))
    return out


def size(networks: pd.DataFrame, figs: dict[int, NetworkFigures]) -> list[Violation]:
    out = []
    lo, hi = vocabulary.RESEAU_MIN_PARTICIPANTS, vocabulary.RESEAU_MAX_PARTICIPANTS
    for numero, n in zip(networks["numero"], networks["participants"], strict=True):
        if n < lo:
            rule, bound = cee.RULE_MOINS_DE_SIX, f"au moins {lo}"
        elif n > hi:
            rule, bound = cee.RULE_PLUS_DE_DIX, f"au plus {hi}"
        else:
            continue
        constat = f"Le réseau compte {words.plural(n, 'participant')} ({bound})."
        out.append(_one(rule, constat, figs[numero], numero))
    return out


def per_school(people: pd.DataFrame) -> list[Violation]:
    """At most 2 participants from one établissement (the animation not counted)."""
    rows = people[
        (people["role"] == vocabulary.ROLE_PARTICIPANT)
        & (people["etablissement"] != cee.LIB_SANS_ETABLISSEMENT)
    ]
    out = []
    for (_, school), group in rows.groupby(["reseau", "etablissement"], sort=True):
        if len(group) <= vocabulary.RESEAU_MAX_PER_ETABLISSEMENT:
            continue
        names = ", ".join(group["personne"])
        constat = (
            f"{len(group)} participants viennent de «\u00a0{school}\u00a0»\u00a0: {names} "
            "(l’animation n’est pas comptée)."
        )
        out.append(_involving(cee.RULE_ETABLISSEMENT, constat, group))
    return out


def summary_words(f: NetworkFigures) -> int | None:
    if f.source.fiche is None:
        return None
    return reseau.word_count(f.source.fiche.get(annexes.FICHE_RESUME, ""))


def resume(figs: dict[int, NetworkFigures]) -> list[Violation]:
    out = []
    limit = annexes.FICHE_RESUME_MAX_WORDS
    for numero, f in figs.items():
        n = summary_words(f)
        if n is not None and n > limit:
            constat = f"Le résumé de la fiche de proposition compte {n} mots ({limit} au plus)."
            out.append(_one(cee.RULE_RESUME, constat, f, numero))
    return out


def is_teacher(fonction: str) -> bool | None:
    """Whether a function names a teacher (None when it is not given)."""
    text = fold(fonction)
    if not text:
        return None
    return any(word in text for word in cee.TEACHER_WORDS)


def animation_problem(f: NetworkFigures) -> str | None:
    """Why the network is not animated by a teacher (None: it is, or nothing tells)."""
    anims = [m for m in f.members if m["role"] == vocabulary.ROLE_ANIMATION]
    if not anims:
        return (
            f"Personne n’a le rôle «\u00a0{vocabulary.ROLE_ANIMATION}\u00a0» dans la feuille "
            f"«\u00a0{structure.SHEET_EQUIPE}\u00a0»."
        )
    fiche_fonction = (f.source.fiche or {}).get("fonction", "")
    for m in anims:
        fonction = m["fonction"] or fiche_fonction
        if is_teacher(fonction) is False:
            return f"{m['personne']} ({fonction}) anime le réseau."
    return None


def teacher(figs: dict[int, NetworkFigures]) -> list[Violation]:
    out = []
    for numero, f in figs.items():
        why = animation_problem(f)
        if why is not None:
            out.append(_one(cee.RULE_ENSEIGNANT, why, f, numero))
    return out


def _deadline_text(what: str, d: deadlines.Due) -> str:
    due = words.day_month_year(d.due)
    if d.status is deadlines.Status.LATE:
        return (
            f"{what} attendu le {due}, déposé le {words.day_month_year(d.done)} "
            f"({words.plural(d.days_late, 'jour')} de retard)."
        )
    return f"{what} attendu le {due}, absent du classeur."


def due_dates(figs: dict[int, NetworkFigures]) -> list[Violation]:
    out = []
    for numero, f in figs.items():
        if f.plan.violated:
            text = _deadline_text(structure.SHEET_PLAN, f.plan)
            out.append(_one(cee.RULE_PLAN, text, f, numero))
        late = [
            _deadline_text(f"Ordre du jour de {structure.meeting_sheet(n)}", d)
            for n, d in f.agendas.items()
            if d.violated
        ]
        if late:
            out.append(_one(cee.RULE_ODJ, " ".join(late), f, numero))
        if f.bilan.violated:
            text = _deadline_text(structure.SHEET_BILAN, f.bilan)
            out.append(_one(cee.RULE_BILAN, text, f, numero))
    return out


def check(
    networks: pd.DataFrame, people: pd.DataFrame, figs: dict[int, NetworkFigures]
) -> list[Violation]:
    """Every violation, in the order of the rules, then of the networks."""
    found: Iterable[Violation] = [
        *one_a_year(people),
        *same_network(networks),
        *size(networks, figs),
        *per_school(people),
        *resume(figs),
        *teacher(figs),
        *due_dates(figs),
    ]
    order = {rule: i for i, rule in enumerate(cee.RULES)}
    return sorted(found, key=lambda v: (order[v.rule], v.numeros, v.constat))
