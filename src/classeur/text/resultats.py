"""The grille's results in French sentences: for the comptes rendus (« 42 élèves sur 58
(72 %) atteignent le niveau visé en A2 au bloc 2; objectif 80 % ») and for the messages of
`classeur compiler`."""

from __future__ import annotations

from classeur.domain.grille.paliers import Suggestion
from classeur.domain.grille.stats import Stat, latest_bloc, statistiques
from classeur.domain.model import Classeur, Meeting
from classeur.layout import compilation, structure, vocabulary
from classeur.text import french


def phrase(stat: Stat) -> str:
    """« 42 élèves sur 58 (72 %) atteignent le niveau visé en A2 au bloc 2; objectif 80 % »."""
    where = f"en {stat.code} {compilation.BLOC_PHRASES.get(stat.bloc, stat.bloc)}"
    objectif = f"objectif {french.pourcentage(stat.objectif)}"
    if not stat.evalues:
        return f"Aucun élève évalué {where}; {objectif}"
    plural = stat.atteints >= 2
    return (
        f"{stat.atteints} {'élèves' if plural else 'élève'} sur {stat.evalues} "
        f"({french.pourcentage(stat.pourcentage)}) "
        f"{'atteignent' if plural else 'atteint'} le niveau visé {where}; {objectif}"
    )


def phrases_bloc(c: Classeur, bloc: str) -> list[str]:
    """One sentence per apprentissage evaluated at ``bloc`` (empty when nothing was)."""
    return [phrase(s) for s in statistiques(c) if s.bloc == bloc and s.evalues]


def phrases_rencontre(c: Classeur, numero: int) -> list[str]:
    """Sentences for the analysis of CAR rencontre ``numero`` (R2 → bloc 1 … R5 → finale)."""
    bloc = compilation.RENCONTRE_BLOC_ANALYSE.get(numero)
    return phrases_bloc(c, bloc) if bloc else []


def phrases_pour_rencontre(c: Classeur, meeting: Meeting) -> list[str]:
    """The comptes rendus' hook (``domain.rencontres.agenda.ResultSentences``): the results a CAR
    rencontre analyses, one sentence per apprentissage; none for a réseau."""
    if c.settings.modele != vocabulary.MODELE_CAR:
        return []
    return phrases_rencontre(c, meeting.numero)


def messages_compilation(c: Classeur, suggested: list[Suggestion], kept: int) -> list[str]:
    """What `classeur compiler` tells the teacher: what was compiled, the paliers
    suggested, the latest bloc's results, and the notes kept for students who left."""
    counts = {p: 0 for p in compilation.PALIER_LABELS}
    for s in suggested:
        counts[s.palier] += 1
    messages = [
        f"Résultats compilés : {french.plural(len(c.grid), 'élève')}, "
        f"{french.plural(len(c.learnings), 'apprentissage')} "
        f"(feuilles « {structure.SHEET_RESULTATS} » et « {structure.SHEET_PALIERS} »).",
        "Paliers suggérés : "
        + ", ".join(f"{n} au palier {p} ({compilation.PALIER_NAMES[p]})" for p, n in counts.items())
        + ".",
    ]
    latest = latest_bloc(c)
    if latest is not None:
        messages += [f"{p}." for p in phrases_bloc(c, latest)]
    if kept:
        messages.append(
            f"{french.plural(kept, 'note')} de la feuille « {structure.SHEET_PALIERS} » "
            f"{french.agree(kept, 'concerne un élève absent', 'concernent des élèves absents')} "
            f"de la grille : {french.agree(kept, 'elle est conservée', 'elles sont conservées')} "
            "en bas du tableau."
        )
    return messages
