"""Réseau d'entraide documents (pure): the fiche de proposition (annexe 1) and the plan de
réseau (annexe 2), as sheets. What the teacher wrote in them is kept on regeneration.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from classeur import layout
from classeur.domain import rules
from classeur.domain.model import Classeur, Meeting
from classeur.errors import ClasseurError, Problem
from classeur.sheets.sheetdoc import Cell, SheetDoc, Update
from classeur.text import render

SheetValues = Callable[[str], list[list[Any]] | None]


# ======================================================================================
# Fiche de proposition (annexe 1)
# ======================================================================================
def word_count(text: str) -> int:
    """Words as the sheet's formula counts them: runs separated by spaces or line breaks."""
    return len([w for w in re.split(r"[ \r\n]+", text) if w])


def fiche_row(key: str) -> int:
    """Sheet row of field ``key`` of the fiche."""
    keys = [k for k, _ in layout.FICHE_FIELDS]
    return layout.FICHE_FIRST_ROW + keys.index(key)


def fiche_values(sheet_values: SheetValues) -> dict[str, str]:
    """The answers written in the fiche sheet, by field key (found by their label)."""
    values = sheet_values(layout.SHEET_FICHE) or []
    labels = {label: key for key, label in layout.FICHE_FIELDS}
    out: dict[str, str] = {}
    for row in values:
        if len(row) >= layout.FICHE_VALUE_COL and row[layout.FICHE_LABEL_COL - 1] in labels:
            value = row[layout.FICHE_VALUE_COL - 1]
            if value not in (None, ""):
                out[labels[row[layout.FICHE_LABEL_COL - 1]]] = str(value)
    return out


def fiche_defaults(c: Classeur) -> dict[str, str]:
    """What Classeur can fill in from the classeur itself."""
    anim = next(iter(rules.animators(c.members)), None)
    out = {
        "type": layout.FICHE_TYPE_RESEAU,
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
        layout.SHEET_FICHE,
        widths=dict(layout.FICHE_WIDTHS),
        before=layout.SHEET_BILAN,
    )
    doc.add(Cell(layout.FICHE_TITLE, style=layout.STYLE_TITLE, merge=2))
    doc.add(Cell(layout.FICHE_SUBTITLE, style=layout.STYLE_SUBTITLE, merge=2))
    while len(doc.rows) < layout.FICHE_FIRST_ROW - 1:
        doc.blank()
    for key, label in layout.FICHE_FIELDS:
        doc.add(
            Cell(label, style=layout.STYLE_LABEL), Cell(values.get(key), style=layout.STYLE_WRAP)
        )
    resume = layout.cell_ref(fiche_row(layout.FICHE_RESUME), layout.FICHE_VALUE_COL)
    clean = f'TRIM(SUBSTITUTE(SUBSTITUTE({resume},CHAR(13)," "),CHAR(10)," "))'
    count_row = doc.add(
        Cell(layout.FICHE_WORDS_LABEL, style=layout.STYLE_LABEL),
        Cell(
            f'=IF(LEN({clean})=0,0,LEN({clean})-LEN(SUBSTITUTE({clean}," ",""))+1)',
            formula=True,
            style=layout.STYLE_COMPUTED,
        ),
    )
    count = layout.cell_ref(count_row, layout.FICHE_VALUE_COL)
    limit = layout.FICHE_RESUME_MAX_WORDS
    doc.add(
        None,
        Cell(
            f'=IF({count}>{limit},"Trop long : {limit} mots maximum; retranchez "&({count}-{limit})'
            f'&" mot(s).","Le résumé respecte la limite de {limit} mots.")',
            formula=True,
            style=layout.STYLE_COMPUTED,
        ),
    )
    doc.fit_heights()
    update = Update(sheets=[doc])
    n = word_count(values.get(layout.FICHE_RESUME, ""))
    update.messages.append(f"Fiche de proposition : résumé de {n} mot(s) sur {limit}.")
    update.messages += [str(p) for p in check_fiche_values(values)]
    return update


def check_fiche_values(values: dict[str, str], file: str | None = None) -> list[Problem]:
    text = values.get(layout.FICHE_RESUME, "")
    n = word_count(text)
    limit = layout.FICHE_RESUME_MAX_WORDS
    if n <= limit:
        return []
    label = dict(layout.FICHE_FIELDS)[layout.FICHE_RESUME]
    return [
        Problem(
            f"Le résumé du contenu compte {n} mots; le maximum est de {limit}.",
            sheet=layout.SHEET_FICHE,
            row=fiche_row(layout.FICHE_RESUME),
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
    return layout.JOURNEE if minutes >= 5 * 60 else layout.APRES_MIDI


def choose_horaire(c: Classeur, horaire: str | None) -> str:
    """The schedule option: given, else the one saved, else the one the calendar shows."""
    if horaire:
        if horaire not in layout.HORAIRES:
            raise ClasseurError(
                f"Horaire inconnu : « {horaire} ».",
                hint="Horaires permis : " + ", ".join(layout.HORAIRES) + ".",
            )
        return horaire
    saved = c.settings.extra.get(layout.PARAM_HORAIRE, "")
    if saved in layout.HORAIRES:
        return saved
    kinds = tuple(meeting_kind(m) for m in sorted(c.meetings, key=lambda m: m.numero))
    for option, sessions in layout.HORAIRE_SESSIONS.items():
        if kinds == sessions:
            return option
    return layout.HORAIRE_4_AM


def _period_label(start: str, end: str) -> str:
    return f"{render.heure(_t(start))} à {render.heure(_t(end))}"


def _suggestions(index: int, count: int, kind: str) -> list[str]:
    source = (
        layout.PLAN_FIRST_DAY
        if index == 0
        else layout.PLAN_LAST_DAY
        if index == count - 1
        else layout.PLAN_MIDDLE_DAY
    )
    return list(source) if kind == layout.JOURNEE else [source[0], source[-1]]


# Cell texts Classeur writes itself: not the teacher's (a suggestion follows its period).
_NOT_TYPED = {
    layout.PAUSE,
    layout.DINER,
    layout.PLAN_OFF,
    *layout.PLAN_FIRST_DAY,
    *layout.PLAN_MIDDLE_DAY,
    *layout.PLAN_LAST_DAY,
}


def plan_typed(sheet_values: SheetValues) -> dict[tuple[str, int], str]:
    """Text written in the plan, by (period label, day number)."""
    values = sheet_values(layout.SHEET_PLAN) or []
    out: dict[tuple[str, int], str] = {}
    for row in values[layout.PLAN_HEADER_ROW :]:
        if not row or not isinstance(row[layout.PLAN_PERIOD_COL - 1], str):
            continue
        period = row[layout.PLAN_PERIOD_COL - 1]
        for j, value in enumerate(row[layout.PLAN_FIRST_DAY_COL - 1 :], start=1):
            if isinstance(value, str) and value.strip() and value not in _NOT_TYPED:
                out[(period, j)] = value
    return out


def plan(c: Classeur, sheet_values: SheetValues, horaire: str | None = None) -> Update:
    """The plan de réseau sheet for the chosen schedule option (seed 004, annexe 2)."""
    option = choose_horaire(c, horaire)
    sessions = layout.HORAIRE_SESSIONS[option]
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    typed = plan_typed(sheet_values)
    rows_kind = layout.JOURNEE if layout.JOURNEE in sessions else layout.APRES_MIDI
    periods = layout.PLAN_PERIODS[rows_kind]
    first_col = layout.PLAN_FIRST_DAY_COL
    doc = SheetDoc(
        layout.SHEET_PLAN,
        widths={
            **layout.PLAN_WIDTHS,
            **{first_col + i: layout.PLAN_DAY_WIDTH for i in range(len(sessions))},
        },
        landscape=len(sessions) > 2,
        title_rows=(layout.PLAN_HEADER_ROW, layout.PLAN_HEADER_ROW),
        before=layout.SHEET_BILAN,
    )
    span = 1 + len(sessions)
    doc.add(Cell(layout.PLAN_TITLE, style=layout.STYLE_TITLE, merge=span))
    doc.add(Cell(plan_subtitle(c), style=layout.STYLE_SUBTITLE, merge=span))
    hours = ", ".join(
        f"{k} {render.plage(_t(layout.PLAN_PERIODS[k][0][0]), _t(layout.PLAN_PERIODS[k][-1][1]))}"
        for k in dict.fromkeys(sessions)
    )
    doc.add(
        Cell(layout.PLAN_HORAIRE_LABEL, style=layout.STYLE_LABEL),
        Cell(f"{option} ({hours})", merge=len(sessions)),
    )
    date_ref = layout.ref(layout.RENCONTRES, "date")
    doc.add(
        Cell(layout.PLAN_DEADLINE_LABEL, style=layout.STYLE_LABEL),
        Cell(
            f'=IF(COUNT({date_ref})=0,"",MIN({date_ref})-{layout.ODJ_DAYS_BEFORE})',
            formula=True,
            style=layout.STYLE_COMPUTED,
            number_format=layout.NUMBER_FORMAT_DATE,
        ),
    )
    header = [Cell(layout.PLAN_PERIOD_HEADER, style=layout.STYLE_HEADER)]
    for i, kind in enumerate(sessions):
        m = meetings[i] if i < len(meetings) else None
        when = f" – {render.date_longue(m.date)}" if m is not None and m.date else ""
        header.append(Cell(f"Jour {i + 1}{when} ({kind})", style=layout.STYLE_HEADER))
    doc.add(*header)
    assert len(doc.rows) == layout.PLAN_HEADER_ROW
    work_index = [0] * len(sessions)
    for start, end, label in periods:
        period = _period_label(start, end)
        cells: list[Cell | None] = [Cell(period, style=layout.STYLE_LABEL)]
        for i, kind in enumerate(sessions):
            inside = any((s, e) == (start, end) for s, e, _ in layout.PLAN_PERIODS[kind])
            if not inside:
                cells.append(Cell(layout.PLAN_OFF, fill=layout.COLOR_COMPUTED))
            elif label:
                cells.append(Cell(label, bold=True, fill=layout.COLOR_ACCENT))
            else:
                suggestions = _suggestions(i, len(sessions), kind)
                k = work_index[i]
                work_index[i] += 1
                text = typed.get((period, i + 1)) or (
                    suggestions[k] if k < len(suggestions) else ""
                )
                cells.append(Cell(text, style=layout.STYLE_WRAP))
        doc.add(*cells)
    doc.fit_heights()
    update = Update(sheets=[doc], settings={layout.PARAM_HORAIRE: option})
    update.messages.append(f"Plan de réseau : {option}, {len(sessions)} rencontre(s).")
    update.messages += plan_warnings(c, option)
    return update


def plan_subtitle(c: Classeur) -> str:
    title = c.settings.titre.strip()
    prefix = layout.MODELE_LABELS[layout.MODELE_RESEAU].split(" (")[0]
    return title if title.casefold().startswith(prefix.casefold()) else f"{prefix} : {title}"


def plan_warnings(c: Classeur, option: str) -> list[str]:
    """Where the calendar (Rencontres) differs from the schedule option."""
    sessions = layout.HORAIRE_SESSIONS[option]
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    out = []
    if len(meetings) != len(sessions):
        out.append(
            f"Attention : l'horaire « {option} » prévoit {len(sessions)} rencontre(s), mais la "
            f"feuille « {layout.SHEET_RENCONTRES} » en compte {len(meetings)}."
        )
    for m, kind in zip(meetings, sessions, strict=False):
        actual = meeting_kind(m)
        if actual is not None and actual != kind:
            out.append(
                f"Attention : la rencontre {m.numero} est prévue {render.plage(m.debut, m.fin)}"
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
    layout.FICHE_RESUME: "Durant les rencontres, les enseignants mettront en commun leur "
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
