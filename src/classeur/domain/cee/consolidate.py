"""Every network of the year in a few tables (pure, pandas): networks, people, schools,
fiches de proposition, and the rules they break.

The numbers here are the ones the dashboard's formulas compute from its own sheets; the
sheets write both (formula, and this value for checking).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from classeur.domain import reseau
from classeur.domain.cee import deadlines, identity, network, rules
from classeur.domain.cee.network import NetworkFigures
from classeur.domain.cee.source import NetworkSource
from classeur.layout import annexes, cee, vocabulary

FUNDED_MAX = vocabulary.RESEAU_MAX_PARTICIPANTS  # groups of at most 10 funded (section 6)
ANIMATION_DAYS = vocabulary.BUDGET_PLANIFICATION_DAYS + vocabulary.BUDGET_BILAN_DAYS


@dataclass
class Dashboard:
    annee: str
    today: dt.date
    networks: pd.DataFrame  # one row per network, by N°
    people: pd.DataFrame  # one row per member of each network
    schools: pd.DataFrame  # one row per établissement with released people
    proposals: pd.DataFrame  # one row per fiche de proposition
    violations: list[rules.Violation] = field(default_factory=list)
    figures: dict[int, NetworkFigures] = field(default_factory=dict)


def _people(figs: dict[int, NetworkFigures]) -> pd.DataFrame:
    rows = [
        {**m, "reseau": n, "titre": f.source.model.settings.titre}
        for n, f in figs.items()
        for m in f.members
    ]
    people = pd.DataFrame(rows, columns=[c.key for c in cee.PARTICIPANTS.columns])
    canon = identity.canonical_spellings(people["etablissement"])
    people["etablissement"] = [
        canon.get(identity.fold(s), cee.LIB_SANS_ETABLISSEMENT) for s in people["etablissement"]
    ]
    people["cle"] = identity.person_keys(zip(people["personne"], people["courriel"], strict=True))
    for key, role in (
        ("nb_participant", vocabulary.ROLE_PARTICIPANT),
        ("nb_animation", vocabulary.ROLE_ANIMATION),
    ):
        people[key] = (people["role"] == role).groupby(people["cle"]).transform("sum").astype(int)
    return people


def _per_network(people: pd.DataFrame, numeros: list[int]) -> pd.DataFrame:
    """Each network's counts and sums over its people (indexed by N°)."""
    is_p = people["role"] == vocabulary.ROLE_PARTICIPANT
    is_a = people["role"] == vocabulary.ROLE_ANIMATION
    parts = people[is_p].assign(
        au_dela=(people.loc[is_p, "jours"] > vocabulary.BUDGET_PARTICIPANT_DAYS).astype(int)
    )
    by = parts.groupby("reseau")
    stats = pd.DataFrame(index=pd.Index(numeros, name="reseau"))
    stats["participants"] = by.size()
    stats["noted"] = by["notees"].sum()
    stats["present"] = by["presences"].sum()
    stats["au_dela"] = by["au_dela"].sum()
    stats["etablissements"] = by["etablissement"].agg(
        lambda s: cee.LIST_SEPARATOR.join(sorted(set(s), key=identity.fold))
    )
    anims = people[is_a].groupby("reseau")
    stats["animation"] = anims["personne"].agg(cee.LIST_SEPARATOR.join)
    stats["etab_animation"] = anims["etablissement"].agg(
        lambda s: cee.LIST_SEPARATOR.join(dict.fromkeys(s))
    )
    totals = people.groupby("reseau")
    stats["prevus"] = totals["jours_prevus"].sum()
    stats["utilises"] = totals["jours"].sum()
    numbers = ["participants", "noted", "present", "au_dela", "prevus", "utilises"]
    stats[numbers] = stats[numbers].fillna(0)
    return stats.fillna("")


def _network_row(f: NetworkFigures, numero: int, stats: dict[str, Any]) -> dict[str, Any]:
    """The network's row of the Réseaux and Libérations sheets."""
    n, noted = int(stats["participants"]), int(stats["noted"])
    funded = min(n, FUNDED_MAX)
    budget = vocabulary.BUDGET_PARTICIPANT_DAYS * funded + ANIMATION_DAYS
    planned, used = float(stats["prevus"]), float(stats["utilises"])
    over = int(stats["au_dela"])
    src = f.source
    return {
        "numero": numero,
        "titre": src.model.settings.titre,
        "animation": stats["animation"],
        "etab_animation": stats["etab_animation"],
        "etablissements": stats["etablissements"],
        "thematique": (src.fiche or {}).get("discipline", ""),
        "horaire": f.horaire,
        "dates": f.dates,
        "premiere": f.first,
        "participants": n,
        "prevues": f.planned_meetings,
        "tenues": f.held_meetings,
        "presence": int(stats["present"]) / noted if noted else None,
        "plan": deadlines.label(f.plan),
        "odj": deadlines.agendas_label(f.agendas),
        "bilan": deadlines.bilan_label(src, f.bilan),
        "objectifs": network.objectives(src),
        "continuation": network.continuation(src),
        "etat": f.state,
        "fichier": src.file,
        "path": src.path,
        "finances": funded,
        "par_participant": f.days_per_participant,
        "prevus": planned,
        "utilises": used,
        "budget": budget,
        "solde": budget - used,
        "au_dela": over,
        "lib_etat": cee.LIB_DEPASSEMENT
        if planned > budget or used > budget or over
        else cee.LIB_RESPECTE,
    }


def _schools(people: pd.DataFrame) -> pd.DataFrame:
    released = people[
        people["role"].isin([vocabulary.ROLE_PARTICIPANT, vocabulary.ROLE_ANIMATION])
    ].copy()
    released["is_p"] = (released["role"] == vocabulary.ROLE_PARTICIPANT).astype(int)
    released["is_a"] = (released["role"] == vocabulary.ROLE_ANIMATION).astype(int)
    grouped = released.groupby("etablissement", sort=False).agg(
        participants=("is_p", "sum"),
        animation=("is_a", "sum"),
        prevus=("jours_prevus", "sum"),
        utilises=("jours", "sum"),
    )
    grouped = grouped.reset_index()
    order = grouped["etablissement"].map(identity.fold).sort_values(kind="stable").index
    return grouped.loc[order].reset_index(drop=True)


def _check(value: bool | None) -> str:
    return cee.A_VERIFIER if value is None else (cee.OUI if value else cee.NON)


def _proposals(
    networks: pd.DataFrame, figs: dict[int, NetworkFigures], violated: dict[int, set[str]]
) -> pd.DataFrame:
    rows = []
    sizes = dict(zip(networks["numero"], networks["participants"], strict=True))
    limit = annexes.FICHE_RESUME_MAX_WORDS
    lo, hi = vocabulary.RESEAU_MIN_PARTICIPANTS, vocabulary.RESEAU_MAX_PARTICIPANTS
    for numero, f in figs.items():
        fiche = f.source.fiche
        if fiche is None:
            continue
        broken = violated.get(numero, set())
        n = sizes[numero]
        words = reseau.word_count(fiche.get(annexes.FICHE_RESUME, ""))
        anims = [m for m in f.members if m["role"] == vocabulary.ROLE_ANIMATION]
        teaching: bool | None = False
        if rules.animation_problem(f) is None:  # teachers, or functions not given
            told = [rules.is_teacher(m["fonction"] or fiche.get("fonction", "")) for m in anims]
            teaching = True if all(told) else None
        checks = {
            "chk_resume": _check(words <= limit),
            "chk_taille": _check(lo <= n <= hi),
            "chk_etab": _check(cee.RULE_ETABLISSEMENT not in broken),
            "chk_enseignant": _check(teaching),
            "chk_anim": _check(cee.RULE_ANIMATION not in broken),
            "chk_unique": _check(cee.RULE_DOUBLON not in broken),
        }
        rows.append(
            {
                "numero": numero,
                **{key: fiche.get(key, "") for key in ("nom", "courriel", "lieu", "fonction")},
                "titre": fiche.get("titre", "") or f.source.model.settings.titre,
                **{k: fiche.get(k, "") for k in ("discipline", "groupe", "objectifs")},
                "resume": fiche.get(annexes.FICHE_RESUME, ""),
                "mots": words,
                "participants": n,
                **checks,
                "reussies": sum(v == cee.OUI for v in checks.values()),
                "total": 0,
            }
        )
    return pd.DataFrame(rows)


def consolidate(sources: Sequence[NetworkSource], annee: str, today: dt.date) -> Dashboard:
    """The dashboard's tables from the networks read (one network per source)."""
    ordered = sorted(sources, key=lambda s: (identity.fold(s.model.settings.titre), s.file))
    figs = {i: network.figures(s, annee, today) for i, s in enumerate(ordered, start=1)}
    people = _people(figs)
    stats = _per_network(people, list(figs)).to_dict("index")
    networks = pd.DataFrame([_network_row(f, n, stats[n]) for n, f in figs.items()])
    if networks.empty:
        networks = pd.DataFrame(columns=[*(c.key for c in cee.RESEAUX.columns), "path"])
    violations = rules.check(networks, people, figs)
    violated: dict[int, set[str]] = {}
    for v in violations:
        for n in v.numeros:
            violated.setdefault(n, set()).add(v.rule)
    return Dashboard(
        annee=annee,
        today=today,
        networks=networks,
        people=people,
        schools=_schools(people),
        proposals=_proposals(networks, figs, violated),
        violations=violations,
        figures=figs,
    )
