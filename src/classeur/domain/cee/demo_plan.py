"""Where the CEE's demo year breaks which rule (network numbers, 1 to 40): one rule each,
unless two networks share a person or a title. Every other network follows the guide."""

from __future__ import annotations

import datetime as dt

# What is planted where (network numbers, 1 to 40; one rule broken each, unless shared).
SIZES = {6: 5, 22: 4, 10: 11, 27: 12}
CROWDED = (2, 31)  # three participants from one school
ANIMATOR_WITH_TWO = 15  # the animation and two participants share a school: allowed
LONG_RESUME = (9, 24)
NOT_TEACHER = {
    13: ("Conseillère pédagogique", "Conseiller pédagogique"),
    35: ("Directrice adjointe", "Directeur adjoint"),
}
PLAN_LATE = {4: 3, 18: 1, 29: 6}  # days after the deadline
PLAN_MISSING = (11, 37)
PLAN_NOT_SENT = (1,)  # a plan de réseau never exported: no date, not late
ODJ_LATE = {7: {2: 2}, 21: {1: 1, 2: 4}}  # rencontre -> days late
ODJ_MISSING = {26: (2,)}
BILAN_MISSING = (16, 28, 38)
BILAN_LATE = {34: dt.date(2027, 7, 1)}
BILAN_INCOMPLETE = (19, 32)
BILAN_NOT_SENT = (3, 12)
NO_FICHE = (39, 40)
FIVE_AFTERNOONS = 23  # 2½ days per participant: over the budget (Libérations)
SHARED_PARTICIPANTS = ((3, 17, False), (8, 25, True))  # (from, into, typed another way)
SHARED_ANIMATORS = ((5, 30, False), (12, 33, True))
SAME_TITLE = ((20, 36), (14, 39))
