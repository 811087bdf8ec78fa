"""Paliers d'intervention: a transparent rule whose parameters are in the settings table,
and the palier it suggests for each student of the grille (most in need first)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from classeur.domain.grille.stats import fold, ranks, target_rank
from classeur.domain.model import Classeur, GridEntry, Learning, Level
from classeur.domain.tables import scale_of
from classeur.errors import ClasseurError, Problem
from classeur.layout import compilation, structure, vocabulary
from classeur.text import french


def _non_atteints(n: int) -> str:
    return french.plural(n, "apprentissage non atteint", "apprentissages non atteints")


def _manquees(n: int) -> str:
    return french.plural(n, "évaluation manquée", "évaluations manquées")


@dataclass(frozen=True)
class PalierRule:
    palier2: int  # palier 2 from this many apprentissages not reached
    palier3: int  # palier 3 from this many
    recul: bool  # a student going down gets one palier more
    manques: int | None  # this many missed evaluations gets one palier more (None: off)

    def describe(self) -> list[str]:
        lines = [
            f"Palier 3 (intensif)\u00a0: au moins {_non_atteints(self.palier3)}.",
            f"Palier 2 (ciblé)\u00a0: au moins {_non_atteints(self.palier2)}.",
            "Palier 1 (universel)\u00a0: les autres élèves.",
            "Un apprentissage est non atteint quand le résultat le plus récent de l’élève "
            "est sous le niveau visé.",
            "Élève en recul (résultats en baisse d’un bloc à l’autre)\u00a0: "
            + ("un palier de plus." if self.recul else "sans effet."),
        ]
        if self.manques is None:
            lines.append("Évaluations manquées\u00a0: sans effet.")
        else:
            lines.append(
                f"Au moins {_manquees(self.manques)} (case vide alors que le "
                "groupe a été évalué)\u00a0: un palier de plus."
            )
        lines.append("Le palier ne dépasse jamais 3.")
        return lines


def _param_error(key: str, value: str, hint: str) -> ClasseurError:
    return ClasseurError(
        f"La valeur « {value} » du paramètre « {key} » n'est pas valide.",
        sheet=structure.SHEET_PARAMETRES,
        column=structure.PARAMETRES.column("valeur").header,
        hint=hint,
    )


def palier_rule(c: Classeur) -> PalierRule:
    """The palier rule from the settings (defaults for keys not set yet)."""
    values = {**compilation.PALIER_DEFAULTS, **c.settings.extra}

    def count(key: str, *, optional: bool = False) -> int | None:
        text = str(values.get(key) or "").strip()
        if optional and not text:
            return None
        if text.isdigit() and int(text) >= 1:
            return int(text)
        raise _param_error(
            key,
            text,
            "Inscrivez un nombre entier d'au moins 1"
            + (" (ou laissez vide)." if optional else "."),
        )

    p2 = count(compilation.PARAM_PALIER2) or 1
    p3 = count(compilation.PARAM_PALIER3) or 1
    if p3 < p2:
        raise _param_error(
            compilation.PARAM_PALIER3,
            str(p3),
            f"Le seuil du palier 3 doit être au moins celui du palier 2 ({p2}).",
        )
    recul_text = str(values.get(compilation.PARAM_PALIER_RECUL) or "").strip().casefold()
    if recul_text not in compilation.YES_WORDS + compilation.NO_WORDS:
        raise _param_error(
            compilation.PARAM_PALIER_RECUL, recul_text, "Inscrivez « oui » ou « non »."
        )
    return PalierRule(
        p2,
        p3,
        recul_text in compilation.YES_WORDS,
        count(compilation.PARAM_PALIER_MANQUES, optional=True),
    )


def check_parametres(c: Classeur, file: str | None = None) -> list[Problem]:
    """The palier parameters as `classeur verifier` reports them (empty when valid)."""
    try:
        palier_rule(c)
    except ClasseurError as err:
        return [replace(p, file=file) for p in err.problems]
    return []


@dataclass
class Suggestion:
    """The palier suggested for one student, and why."""

    entry: GridEntry
    non_atteints: list[str]
    tendance: str
    manques: int
    palier: int
    raison: str


def _trend(change: int) -> str:
    if change > 0:
        return compilation.TENDANCE_HAUSSE
    return compilation.TENDANCE_BAISSE if change < 0 else compilation.TENDANCE_STABLE


def _missing_and_trend(
    e: GridEntry,
    learnings: list[Learning],
    by_level: dict[Level, int],
    targets: dict[str, int],
) -> tuple[list[str], str]:
    """The apprentissages whose latest result is below the niveau visé, and the trend:
    the sum of the last change of each apprentissage evaluated twice or more."""
    missing = []
    change, seen = 0, False
    for lrn in learnings:
        done = [
            by_level[v]
            for b in vocabulary.BLOCS
            if (v := e.resultats.get((lrn.code, b))) is not None and v in by_level
        ]
        if done and done[-1] < targets[lrn.code]:
            missing.append(lrn.code)
        if len(done) >= 2:
            seen = True
            change += done[-1] - done[-2]
    return missing, _trend(change) if seen else compilation.TENDANCE_INCONNUE


def _suggest(
    e: GridEntry, missing: list[str], tendance: str, manques: int, rule: PalierRule
) -> Suggestion:
    """The palier of one student by the rule, with the reasons in French."""
    n = len(missing)
    palier = 3 if n >= rule.palier3 else 2 if n >= rule.palier2 else 1
    why = [
        f"{french.plural(n, 'non atteint')}\u00a0: palier {palier} "
        f"(palier 2 dès {rule.palier2}, palier 3 dès {rule.palier3})"
    ]
    if rule.recul and tendance == compilation.TENDANCE_BAISSE:
        palier = min(3, palier + 1)
        why.append(f"en recul\u00a0: +1 → palier {palier}")
    if rule.manques is not None and manques >= rule.manques:
        palier = min(3, palier + 1)
        why.append(f"{_manquees(manques)} (dès {rule.manques})\u00a0: +1 → palier {palier}")
    return Suggestion(e, missing, tendance, manques, palier, "; ".join(why))


def suggestions(c: Classeur, rule: PalierRule | None = None) -> list[Suggestion]:
    """A palier for every student, most in need first."""
    rule = rule or palier_rule(c)
    scale = scale_of(c.settings)
    by_level = ranks(scale)
    targets = {lrn.code: target_rank(lrn, scale) for lrn in c.learnings}
    # Which (code, bloc) each group was evaluated on: a blank there is a missed evaluation.
    evaluated: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for e in c.grid:
        key = (fold(e.enseignant), fold(e.groupe))
        evaluated.setdefault(key, set()).update(e.resultats)
    out = []
    for e in c.grid:
        missing, tendance = _missing_and_trend(e, c.learnings, by_level, targets)
        group_done = evaluated[(fold(e.enseignant), fold(e.groupe))]
        manques = sum(1 for k in group_done if k not in e.resultats)
        out.append(_suggest(e, missing, tendance, manques, rule))
    out.sort(
        key=lambda s: (
            -s.palier,
            -len(s.non_atteints),
            fold(s.entry.enseignant),
            fold(s.entry.groupe),
            fold(s.entry.eleve),
        )
    )
    return out
