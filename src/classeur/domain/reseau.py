"""Réseau d'entraide (pure): the rules behind the fiche de proposition (annexe 1 du CEE)
and the plan de réseau (annexe 2 du CEE): the résumé's word count, the answers typed in the
fiche and the ones Classeur can fill in, the schedule option, the text typed in the plan, and
where the calendar differs from the schedule.

The sheets are built by ``classeur.sheets.fiche`` and ``classeur.sheets.plan``; what the
teacher wrote in them is kept on regeneration.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import takewhile
from typing import Any

from classeur.domain import cellvalues, rules
from classeur.domain.canevas.cee import PLAN_EXEMPLE_JOUR_1, PLAN_EXEMPLE_JOUR_2
from classeur.domain.model import Classeur, Meeting
from classeur.errors import ClasseurError, Problem
from classeur.layout import annexes, structure, vocabulary
from classeur.text import french

SheetValues = Callable[[str], list[list[Any]] | None]


# ======================================================================================
# Fiche de proposition (annexe 1 du CEE)
# ======================================================================================
def word_count(text: str) -> int:
    """Words as the sheet's formula counts them: runs separated by spaces or line breaks."""
    return len([w for w in re.split(r"[ \r\n]+", text) if w])


def fiche_row(key: str) -> int:
    """Sheet row of field ``key`` of the fiche."""
    keys = [k for k, _ in annexes.FICHE_FIELDS]
    return annexes.FICHE_FIRST_ROW + keys.index(key)


def fiche_values(sheet_values: SheetValues) -> dict[str, str]:
    """The answers written in the fiche sheet, by field key (found by their label)."""
    values = sheet_values(structure.SHEET_FICHE) or []
    labels = {cellvalues.label_key(label): key for key, label in annexes.FICHE_FIELDS}
    out: dict[str, str] = {}
    for row in values:
        if len(row) < annexes.FICHE_VALUE_COL:
            continue
        key = labels.get(cellvalues.label_key(row[annexes.FICHE_LABEL_COL - 1]))
        value = row[annexes.FICHE_VALUE_COL - 1]
        if key is not None and value not in (None, ""):
            out[key] = str(value)
    return out


def fiche_defaults(c: Classeur) -> dict[str, str]:
    """What Classeur can fill in from the classeur itself."""
    anim = next(iter(rules.animators(c.members)), None)
    out = {
        "type": annexes.FICHE_TYPE_RESEAU,
        "titre": c.settings.titre,
        "objectifs": c.settings.but,
    }
    if anim is not None:
        out |= {
            "nom": anim.full_name,
            "courriel": anim.courriel,
            "lieu": anim.etablissement,
            "fonction": anim.fonction,
        }
    return {k: v for k, v in out.items() if v}


def check_fiche_values(values: dict[str, str], file: str | None = None) -> list[Problem]:
    text = values.get(annexes.FICHE_RESUME, "")
    n = word_count(text)
    limit = annexes.FICHE_RESUME_MAX_WORDS
    if n <= limit:
        return []
    label = dict(annexes.FICHE_FIELDS)[annexes.FICHE_RESUME]
    return [
        Problem(
            f"Le résumé du contenu compte {n} mots; le maximum est de {limit}.",
            sheet=structure.SHEET_FICHE,
            row=fiche_row(annexes.FICHE_RESUME),
            column=label,
            file=file,
            hint=f"Retranchez {french.plural(n - limit, 'mot')}.",
        )
    ]


def check_fiche(sheet_values: SheetValues, file: str | None = None) -> list[Problem]:
    """Problems of the fiche sheet (none when the classeur has no fiche)."""
    return check_fiche_values(fiche_values(sheet_values), file)


# ======================================================================================
# Plan de réseau (annexe 2 du CEE)
# ======================================================================================
def clock(text: str) -> dt.time:
    """« 8:45 » (as the plan's periods are written in ``layout.annexes``) as a time."""
    h, m = text.split(":")
    return dt.time(int(h), int(m))


def meeting_kind(m: Meeting) -> str | None:
    """« journée » or « après-midi » from the rencontre's hours (None when unknown)."""
    if m.debut is None or m.fin is None:
        return None
    minutes = (m.fin.hour * 60 + m.fin.minute) - (m.debut.hour * 60 + m.debut.minute)
    return annexes.JOURNEE if minutes >= 5 * 60 else annexes.APRES_MIDI


def choose_horaire(c: Classeur, horaire: str | None) -> str:
    """The schedule option: given, else the one saved, else the one the calendar shows."""
    if horaire:
        if horaire not in annexes.HORAIRES:
            raise ClasseurError(
                f"Horaire inconnu : « {horaire} ».",
                hint="Horaires permis : " + ", ".join(annexes.HORAIRES) + ".",
            )
        return horaire
    saved = c.settings.extra.get(annexes.PARAM_HORAIRE, "")
    if saved in annexes.HORAIRES:
        return saved
    kinds = tuple(meeting_kind(m) for m in sorted(c.meetings, key=lambda m: m.numero))
    for option, sessions in annexes.HORAIRE_SESSIONS.items():
        if kinds == sessions:
            return option
    return annexes.HORAIRE_4_AM


def period_label(start: str, end: str) -> str:
    """A period as the plan shows it (« 8 h 45 à 10 h 15 »): the key of the text typed there."""
    return f"{french.heure(clock(start))} à {french.heure(clock(end))}"


def plan_suggestions(sessions: tuple[str, ...]) -> list[list[str]]:
    """What the plan proposes for each work period of each rencontre of ``sessions``: the
    eight work periods of annexe 2 du CEE (two full days of four periods), item for item,
    in order, over the schedule's work periods (every option of the guide has eight: two
    days, one day and two afternoons, four afternoons), each period's items on their own
    lines."""
    days = (*PLAN_EXEMPLE_JOUR_1, *PLAN_EXEMPLE_JOUR_2)
    slots = [french.typography("\n".join(items)) for items in days]
    out: list[list[str]] = []
    for kind in sessions:
        work = sum(1 for _, _, label in annexes.PLAN_PERIODS[kind] if not label)
        out.append(slots[:work] + [""] * max(0, work - len(slots)))
        slots = slots[work:]
    return out


def plan_subtitle(c: Classeur) -> str:
    """The réseau's title, « Réseau d’entraide : » put before it unless it starts so."""
    title = c.settings.titre.strip()
    prefix = vocabulary.MODELE_LABELS[vocabulary.MODELE_RESEAU].split(" (")[0]
    starts = (
        cellvalues.label_key(title).casefold().startswith(cellvalues.label_key(prefix).casefold())
    )
    return title if starts else f"{prefix}\u00a0: {title}"


# Cell texts Classeur writes itself: not the teacher's (a suggestion follows its period),
# recognised whatever their typography (:func:`cellvalues.label_key`).
_NOT_TYPED = {
    cellvalues.label_key(text)
    for text in (
        annexes.PAUSE,
        annexes.DINER,
        annexes.PLAN_OFF,
        *("\n".join(items) for items in (*PLAN_EXEMPLE_JOUR_1, *PLAN_EXEMPLE_JOUR_2)),
        # what earlier versions proposed: still Classeur's, replaced on regeneration
        *annexes.PLAN_FIRST_DAY,
        *annexes.PLAN_MIDDLE_DAY,
        *annexes.PLAN_LAST_DAY,
    )
}


@dataclass(frozen=True)
class _PlanParts:
    """Where the plan is in its sheet: the period rows (a period in column A, under the
    days' header), the days that header names, and the « Notes retirées » rows (a day in
    column B, under its title) with the sheet row of the first one. Anything else in the
    sheet (a note under the plan, right of its days) is a free note, not the plan's."""

    grid: list[list[Any]]
    days: int
    retired: list[list[Any]]
    retired_row: int


def _plan_parts(values: list[list[Any]]) -> _PlanParts:
    header = values[annexes.PLAN_HEADER_ROW - 1] if len(values) >= annexes.PLAN_HEADER_ROW else []
    days = [v for v in header[annexes.PLAN_FIRST_DAY_COL - 1 :] if _DAY.match(cellvalues.shown(v))]
    rows = values[annexes.PLAN_HEADER_ROW :]
    periods = {
        _words(period_label(s, e)) for kind in annexes.PLAN_PERIODS.values() for s, e, _ in kind
    }
    grid = list(takewhile(lambda row: _words(_at(row, annexes.PLAN_PERIOD_COL)) in periods, rows))
    for k, row in enumerate(rows):
        if cellvalues.shown(_at(row, 1)) == annexes.PLAN_RETIRED_TITLE:
            retired = list(
                takewhile(lambda row: _DAY.fullmatch(cellvalues.shown(_at(row, 2))), rows[k + 1 :])
            )
            return _PlanParts(grid, len(days), retired, annexes.PLAN_HEADER_ROW + k + 2)
    return _PlanParts(grid, len(days), [], 0)


def _at(row: list[Any], column: int) -> Any:
    return row[column - 1] if len(row) >= column else None


def _words(v: Any) -> str:
    """A label's words, whatever the spaces between them (« 8 h 45 », non-breaking or not)."""
    return " ".join(cellvalues.shown(v).split())


def plan_typed(sheet_values: SheetValues) -> dict[tuple[str, int], str]:
    """Text written in the plan, by (period label, day number): in its periods and in its
    « Notes retirées » zone (days or periods a previous horaire had)."""
    parts = _plan_parts(sheet_values(structure.SHEET_PLAN) or [])
    out: dict[tuple[str, int], str] = {}
    first = annexes.PLAN_FIRST_DAY_COL - 1
    for row in parts.grid:
        period = row[annexes.PLAN_PERIOD_COL - 1]
        for j, value in enumerate(row[first : first + parts.days], start=1):
            if (
                isinstance(value, str)
                and value.strip()
                and cellvalues.label_key(value) not in _NOT_TYPED
            ):
                out[(period, j)] = value
    for row in parts.retired:
        period, day, text = [*row, None, None, None][:3]
        match = _DAY.fullmatch(cellvalues.shown(day))
        if not isinstance(period, str) or match is None or cellvalues.is_blank(text):
            continue
        key, text = (period, int(match.group(1))), cellvalues.text(text)
        out[key] = f"{out[key]}\n{text}" if out.get(key, text) != text else text
    return out


_DAY = re.compile(annexes.PLAN_DAY_PATTERN)


def plan_zone(sheet_values: SheetValues) -> Callable[[int, int], bool]:
    """The cells :func:`plan_typed` reads (every day of every period, the « Notes
    retirées » rows): the plan's own, not free notes."""
    parts = _plan_parts(sheet_values(structure.SHEET_PLAN) or [])
    first, last = annexes.PLAN_HEADER_ROW + 1, annexes.PLAN_HEADER_ROW + len(parts.grid)
    first_day = annexes.PLAN_FIRST_DAY_COL
    zone = range(parts.retired_row, parts.retired_row + len(parts.retired))

    def taken(r: int, c: int) -> bool:
        in_grid = first <= r <= last and first_day <= c < first_day + parts.days
        return in_grid or (r in zone and c <= 3)

    return taken


def plan_warnings(c: Classeur, option: str) -> list[str]:
    """Where the calendar (Rencontres) differs from the schedule option."""
    sessions = annexes.HORAIRE_SESSIONS[option]
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    out = []
    if len(meetings) != len(sessions):
        out.append(
            f"Attention : l'horaire « {option} » prévoit "
            f"{french.plural(len(sessions), 'rencontre')}, mais la feuille"
            f" « {structure.SHEET_RENCONTRES} » en compte {len(meetings)}."
        )
    for m, kind in zip(meetings, sessions, strict=False):
        actual = meeting_kind(m)
        if actual is not None and actual != kind:
            out.append(
                f"Attention : la rencontre {m.numero} est prévue {french.plage(m.debut, m.fin)}"
                f" ({actual}), mais l'horaire choisi prévoit une {kind}."
            )
    return out


# The answers of annexe 1 du CEE (« Exemple de présentation de réseau d'entraide »),
# used by the réseau demo.
EXEMPLE_FICHE = {
    "experience": "J’enseigne le programme d’univers social depuis 12 ans en 4e secondaire "
    "et j’ai participé à la rédaction de l’examen du MEQ.",
    "groupe": "1.2.09 Ens. Histoire géo et vie écono (3117)",
    "discipline": "Pédagogie – Univers social",
    "materiel": "Aucun",
    "competences": "Développement de la pratique professionnelle pédagogique",
    annexes.FICHE_RESUME: "Durant les rencontres, les enseignants mettront en commun leur "
    "expérience, leur expertise pédagogique, leur matériel et leur compétence pour développer "
    "des moyens concrets d’aider les élèves de 4e secondaire à réussir leur examen de 4e "
    "secondaire en histoire (MEQ).\n"
    "- Type de questions et analyse des documents\n"
    "- Production et partage de matériels\n"
    "- Aide à la question longue et à court développement\n"
    "- Matériel de préparation pour les élèves de l’immigration récente\n"
    "- Aide aux référents culturels\n"
    "- Développement de matériels préparatoires.",
    "prealables": "Aucun",
    "duree": "12 heures (quatre rencontres de 3 heures)",
    "disponibilites": "D’octobre à avril",
    "source": "Par les formations de l’IPE.",
}


def require_reseau(c: Classeur, document: str) -> None:
    """The fiche de proposition and the plan de réseau are the CEE's annexes 1 and 2, for
    réseaux d'entraide only: a CAR équipe's classeur is refused, in French."""
    if c.settings.modele == vocabulary.MODELE_RESEAU:
        return
    raise ClasseurError(
        f"{document} est un document des réseaux d'entraide du CEE; ce classeur est celui "
        "d'une équipe collaborative (projet CAR), qui n'en a pas besoin.",
        hint="Pour un réseau, créez un classeur avec « classeur nouveau FICHIER --modele reseau ».",
    )
