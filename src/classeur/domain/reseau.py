"""Réseau d'entraide documents (pure): the fiche de proposition (annexe 1) and the plan de
réseau (annexe 2), as sheets. What the teacher wrote in them is kept on regeneration.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from classeur.domain import rules
from classeur.domain.model import Classeur, Meeting
from classeur.errors import ClasseurError, Problem
from classeur.layout import a1, annexes, structure, styling, vocabulary
from classeur.sheets.sheetdoc import Cell, SheetDoc, Update
from classeur.text import french

SheetValues = Callable[[str], list[list[Any]] | None]


# ======================================================================================
# Fiche de proposition (annexe 1)
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
    labels = {label: key for key, label in annexes.FICHE_FIELDS}
    out: dict[str, str] = {}
    for row in values:
        if len(row) >= annexes.FICHE_VALUE_COL and row[annexes.FICHE_LABEL_COL - 1] in labels:
            value = row[annexes.FICHE_VALUE_COL - 1]
            if value not in (None, ""):
                out[labels[row[annexes.FICHE_LABEL_COL - 1]]] = str(value)
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


def fiche(c: Classeur, sheet_values: SheetValues, answers: dict[str, str] | None = None) -> Update:
    """The fiche de proposition sheet: typed answers kept, blanks filled from the classeur
    (or from ``answers``), with the résumé's word count as a live formula."""
    typed = fiche_values(sheet_values)
    values = {**fiche_defaults(c), **(answers or {}), **typed}
    doc = SheetDoc(
        structure.SHEET_FICHE,
        widths=dict(annexes.FICHE_WIDTHS),
        before=structure.SHEET_BILAN,
    )
    doc.add(Cell(annexes.FICHE_TITLE, style=styling.STYLE_TITLE, merge=2))
    doc.add(Cell(annexes.FICHE_SUBTITLE, style=styling.STYLE_SUBTITLE, merge=2))
    while len(doc.rows) < annexes.FICHE_FIRST_ROW - 1:
        doc.blank()
    for key, label in annexes.FICHE_FIELDS:
        doc.add(
            Cell(label, style=styling.STYLE_LABEL), Cell(values.get(key), style=styling.STYLE_WRAP)
        )
    resume = a1.cell_ref(fiche_row(annexes.FICHE_RESUME), annexes.FICHE_VALUE_COL)
    clean = f'TRIM(SUBSTITUTE(SUBSTITUTE({resume},CHAR(13)," "),CHAR(10)," "))'
    count_row = doc.add(
        Cell(annexes.FICHE_WORDS_LABEL, style=styling.STYLE_LABEL),
        Cell(
            f'=IF(LEN({clean})=0,0,LEN({clean})-LEN(SUBSTITUTE({clean}," ",""))+1)',
            formula=True,
            style=styling.STYLE_COMPUTED,
        ),
    )
    count = a1.cell_ref(count_row, annexes.FICHE_VALUE_COL)
    limit = annexes.FICHE_RESUME_MAX_WORDS
    doc.add(
        None,
        Cell(
            f'=IF({count}>{limit},"Trop long : {limit} mots maximum; retranchez "&({count}-{limit})'
            f'&" mot(s).","Le résumé respecte la limite de {limit} mots.")',
            formula=True,
            style=styling.STYLE_COMPUTED,
        ),
    )
    doc.fit_heights()
    update = Update(sheets=[doc])
    n = word_count(values.get(annexes.FICHE_RESUME, ""))
    update.messages.append(f"Fiche de proposition : résumé de {n} mot(s) sur {limit}.")
    update.messages += [str(p) for p in check_fiche_values(values)]
    return update


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
            hint=f"Retranchez {n - limit} mot(s).",
        )
    ]


def check_fiche(sheet_values: SheetValues, file: str | None = None) -> list[Problem]:
    """Problems of the fiche sheet (none when the classeur has no fiche)."""
    return check_fiche_values(fiche_values(sheet_values), file)


# ======================================================================================
# Plan de réseau (annexe 2)
# ======================================================================================
def _t(text: str) -> dt.time:
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


def _period_label(start: str, end: str) -> str:
    return f"{french.heure(_t(start))} à {french.heure(_t(end))}"


def _suggestions(index: int, count: int, kind: str) -> list[str]:
    source = (
        annexes.PLAN_FIRST_DAY
        if index == 0
        else annexes.PLAN_LAST_DAY
        if index == count - 1
        else annexes.PLAN_MIDDLE_DAY
    )
    return list(source) if kind == annexes.JOURNEE else [source[0], source[-1]]


# Cell texts Classeur writes itself: not the teacher's (a suggestion follows its period).
_NOT_TYPED = {
    annexes.PAUSE,
    annexes.DINER,
    annexes.PLAN_OFF,
    *annexes.PLAN_FIRST_DAY,
    *annexes.PLAN_MIDDLE_DAY,
    *annexes.PLAN_LAST_DAY,
}


def plan_typed(sheet_values: SheetValues) -> dict[tuple[str, int], str]:
    """Text written in the plan, by (period label, day number)."""
    values = sheet_values(structure.SHEET_PLAN) or []
    out: dict[tuple[str, int], str] = {}
    for row in values[annexes.PLAN_HEADER_ROW :]:
        if not row or not isinstance(row[annexes.PLAN_PERIOD_COL - 1], str):
            continue
        period = row[annexes.PLAN_PERIOD_COL - 1]
        for j, value in enumerate(row[annexes.PLAN_FIRST_DAY_COL - 1 :], start=1):
            if isinstance(value, str) and value.strip() and value not in _NOT_TYPED:
                out[(period, j)] = value
    return out


def plan(c: Classeur, sheet_values: SheetValues, horaire: str | None = None) -> Update:
    """The plan de réseau sheet for the chosen schedule option (seed 004, annexe 2)."""
    option = choose_horaire(c, horaire)
    sessions = annexes.HORAIRE_SESSIONS[option]
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    typed = plan_typed(sheet_values)
    rows_kind = annexes.JOURNEE if annexes.JOURNEE in sessions else annexes.APRES_MIDI
    periods = annexes.PLAN_PERIODS[rows_kind]
    first_col = annexes.PLAN_FIRST_DAY_COL
    doc = SheetDoc(
        structure.SHEET_PLAN,
        widths={
            **annexes.PLAN_WIDTHS,
            **{first_col + i: annexes.PLAN_DAY_WIDTH for i in range(len(sessions))},
        },
        landscape=len(sessions) > 2,
        title_rows=(annexes.PLAN_HEADER_ROW, annexes.PLAN_HEADER_ROW),
        before=structure.SHEET_BILAN,
    )
    span = 1 + len(sessions)
    doc.add(Cell(annexes.PLAN_TITLE, style=styling.STYLE_TITLE, merge=span))
    doc.add(Cell(plan_subtitle(c), style=styling.STYLE_SUBTITLE, merge=span))
    hours = ", ".join(
        f"{k} {french.plage(_t(annexes.PLAN_PERIODS[k][0][0]), _t(annexes.PLAN_PERIODS[k][-1][1]))}"
        for k in dict.fromkeys(sessions)
    )
    doc.add(
        Cell(annexes.PLAN_HORAIRE_LABEL, style=styling.STYLE_LABEL),
        Cell(f"{option} ({hours})", merge=len(sessions)),
    )
    date_ref = structure.ref(structure.RENCONTRES, "date")
    doc.add(
        Cell(annexes.PLAN_DEADLINE_LABEL, style=styling.STYLE_LABEL),
        Cell(
            f'=IF(COUNT({date_ref})=0,"",MIN({date_ref})-{vocabulary.ODJ_DAYS_BEFORE})',
            formula=True,
            style=styling.STYLE_COMPUTED,
            number_format=styling.NUMBER_FORMAT_DATE,
        ),
    )
    header = [Cell(annexes.PLAN_PERIOD_HEADER, style=styling.STYLE_HEADER)]
    for i, kind in enumerate(sessions):
        m = meetings[i] if i < len(meetings) else None
        when = f" – {french.date_longue(m.date)}" if m is not None and m.date else ""
        header.append(Cell(f"Jour {i + 1}{when} ({kind})", style=styling.STYLE_HEADER))
    doc.add(*header)
    assert len(doc.rows) == annexes.PLAN_HEADER_ROW
    work_index = [0] * len(sessions)
    for start, end, label in periods:
        period = _period_label(start, end)
        cells: list[Cell | None] = [Cell(period, style=styling.STYLE_LABEL)]
        for i, kind in enumerate(sessions):
            inside = any((s, e) == (start, end) for s, e, _ in annexes.PLAN_PERIODS[kind])
            if not inside:
                cells.append(Cell(annexes.PLAN_OFF, fill=styling.COLOR_COMPUTED))
            elif label:
                cells.append(Cell(label, bold=True, fill=styling.COLOR_ACCENT))
            else:
                suggestions = _suggestions(i, len(sessions), kind)
                k = work_index[i]
                work_index[i] += 1
                text = typed.get((period, i + 1)) or (
                    suggestions[k] if k < len(suggestions) else ""
                )
                cells.append(Cell(text, style=styling.STYLE_WRAP))
        doc.add(*cells)
    doc.fit_heights()
    update = Update(sheets=[doc], settings={annexes.PARAM_HORAIRE: option})
    update.messages.append(f"Plan de réseau : {option}, {len(sessions)} rencontre(s).")
    update.messages += plan_warnings(c, option)
    return update


def plan_subtitle(c: Classeur) -> str:
    title = c.settings.titre.strip()
    prefix = vocabulary.MODELE_LABELS[vocabulary.MODELE_RESEAU].split(" (")[0]
    return title if title.casefold().startswith(prefix.casefold()) else f"{prefix} : {title}"


def plan_warnings(c: Classeur, option: str) -> list[str]:
    """Where the calendar (Rencontres) differs from the schedule option."""
    sessions = annexes.HORAIRE_SESSIONS[option]
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    out = []
    if len(meetings) != len(sessions):
        out.append(
            f"Attention : l'horaire « {option} » prévoit {len(sessions)} rencontre(s), mais la "
            f"feuille « {structure.SHEET_RENCONTRES} » en compte {len(meetings)}."
        )
    for m, kind in zip(meetings, sessions, strict=False):
        actual = meeting_kind(m)
        if actual is not None and actual != kind:
            out.append(
                f"Attention : la rencontre {m.numero} est prévue {french.plage(m.debut, m.fin)}"
                f" ({actual}), mais l'horaire choisi prévoit une {kind}."
            )
    return out


# Example answers of annexe 1 (seed 004), used by the réseau demo.
EXEMPLE_FICHE = {
    "experience": "J'enseigne le programme d'univers social depuis 12 ans en 4e secondaire "
    "et j'ai participé à la rédaction de l'examen du MEQ.",
    "groupe": "1.2.09 Ens. Histoire géo et vie écono (3117)",
    "discipline": "Pédagogie – Univers social",
    "materiel": "Aucun",
    "competences": "Développement de la pratique professionnelle pédagogique",
    annexes.FICHE_RESUME: "Durant les rencontres, les enseignants mettront en commun leur "
    "expérience, leur expertise pédagogique, leur matériel et leur compétence pour développer "
    "des moyens concrets d'aider les élèves de 4e secondaire à réussir leur examen de 4e "
    "secondaire en histoire (MEQ).\n"
    "- Type de questions et analyse des documents\n"
    "- Production et partage de matériels\n"
    "- Aide à la question longue et à court développement\n"
    "- Matériel de préparation pour les élèves de l'immigration récente\n"
    "- Aide aux référents culturels\n"
    "- Développement de matériels préparatoires.",
    "prealables": "Aucun",
    "duree": "12 heures (quatre rencontres de 3 heures)",
    "disponibilites": "D'octobre à avril",
    "source": "Par les formations de l'IPE.",
}
