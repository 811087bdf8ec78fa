"""The Accueil sheet: identity block, status lines (live formulas) and links."""

from __future__ import annotations

from dataclasses import dataclass, field

from classeur.layout.structure import (
    EQUIPE,
    GRILLE_FIXED,
    GRILLE_NAME,
    PARAM_ANNEE,
    PARAM_BUT,
    PARAM_MODELE,
    PARAM_ORGANISME,
    PARAM_TITRE,
    RENCONTRES,
    SUIVI,
    ref,
)
from classeur.layout.styling import NUMBER_FORMAT_DATE
from classeur.layout.vocabulary import (
    MODELE_RESEAU,
    MODELES,
    ODJ_DAYS_BEFORE,
    RESEAU_ANIMATORS,
    RESEAU_MAX_PARTICIPANTS,
    RESEAU_MIN_PARTICIPANTS,
    ROLE_ANIMATION,
    ROLE_PARTICIPANT,
    STATUTS_OUVERTS,
    criterion,
)

ACCUEIL_TITLE = "Classeur"
ACCUEIL_IDENTITY_FIRST_ROW = 3  # label in column A, value in column B
ACCUEIL_LABEL_COL = 1
ACCUEIL_VALUE_COL = 2
ACCUEIL_WIDTHS = {"A": 34, "B": 58}
ACCUEIL_IDENTITY_LABELS = {
    PARAM_TITRE: "Titre",
    PARAM_MODELE: "Type",
    PARAM_ANNEE: "Année scolaire",
    PARAM_ORGANISME: "Organisme",
    PARAM_BUT: "But",
}
ACCUEIL_STATUS_HEADING = "État du classeur"
ACCUEIL_LINKS_HEADING = "Feuilles"


@dataclass(frozen=True)
class StatusLine:
    label: str
    formula: str
    number_format: str = "General"
    only_for: tuple[str, ...] = field(default=MODELES)


_ROLE = ref(EQUIPE, "role")
_DATE = ref(RENCONTRES, "date")
_STATUT = ref(SUIVI, "statut")
_NEXT = f'_xlfn.MINIFS({_DATE},{_DATE},">="&TODAY())'
_HAS_NEXT = f'COUNTIFS({_DATE},">="&TODAY())>0'
# « Participant* »: the masculine word a team picked before counts too (vocabulary.STEMS).
_PARTICIPANTS = f'COUNTIFS({_ROLE},"{criterion(ROLE_PARTICIPANT)}")'

ACCUEIL_STATUS = (
    StatusLine("Membres", f"=COUNTA({ref(EQUIPE, 'nom')})"),
    StatusLine("Participants (sans l’animation)", f"={_PARTICIPANTS}"),
    StatusLine(
        f"Règle\u00a0: {RESEAU_MIN_PARTICIPANTS} à {RESEAU_MAX_PARTICIPANTS} participants",
        f"=IF(AND({_PARTICIPANTS}>={RESEAU_MIN_PARTICIPANTS},"
        f'{_PARTICIPANTS}<={RESEAU_MAX_PARTICIPANTS}),"Respectée","À vérifier")',
        only_for=(MODELE_RESEAU,),
    ),
    StatusLine(
        "Règle\u00a0: une seule personne à l’animation",
        f'=IF(COUNTIFS({_ROLE},"{ROLE_ANIMATION}")={RESEAU_ANIMATORS},"Respectée","À vérifier")',
        only_for=(MODELE_RESEAU,),
    ),
    StatusLine(
        "Prochaine rencontre",
        f'=IF({_HAS_NEXT},{_NEXT},"Aucune")',
        NUMBER_FORMAT_DATE,
    ),
    StatusLine(
        "Ordre du jour à envoyer au plus tard le",
        f'=IF({_HAS_NEXT},{_NEXT}-{ODJ_DAYS_BEFORE},"")',
        NUMBER_FORMAT_DATE,
    ),
    StatusLine(
        "Actions ouvertes (Suivi)",
        "=" + "+".join(f'COUNTIFS({_STATUT},"{s}")' for s in STATUTS_OUVERTS),
    ),
    StatusLine("Élèves dans la grille", f"=COUNTA({GRILLE_NAME}[{GRILLE_FIXED[0].header}])"),
)
