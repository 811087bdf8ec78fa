"""The bilan (annexe 5 du CEE), the fiche de proposition (annexe 1) and the plan de réseau
(annexe 2) as designed documents, every element of the annex in its wording and order,
filled from the model and from what the team typed (read by ``domain``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.bilan import figures, is_present, typed_answers
from classeur.domain.model import Classeur
from classeur.domain.reseau import (
    choose_horaire,
    fiche_defaults,
    fiche_values,
    period_label,
    plan_subtitle,
    plan_suggestions,
    plan_typed,
)
from classeur.layout import annexes, bilan_sheet, structure, vocabulary
from classeur.text import bilan as bilan_text
from classeur.text import french
from classeur.text.documents.model import Checklist, Document, Heading, Table, para

SheetValues = Callable[[str], list[list[Any]] | None]

# Annexe 5 du CEE, row by row (its wording; « Principale réalisation » as the annex
# writes it). A CAR équipe is not a réseau: its but is the équipe's, and it asks for no
# continuation.
BILAN_TITLE = structure.BILAN_TITLE
BILAN_ROWS = (
    (bilan_sheet.BILAN_BUT, "2. But du réseau"),
    (bilan_sheet.BILAN_RESUME, "3. Résumé du travail accompli"),
    (bilan_sheet.BILAN_REALISATIONS, "4. Principale réalisation et atteinte des objectifs"),
    (bilan_sheet.BILAN_QUESTIONS, "5. Questions et commentaires"),
    (bilan_sheet.BILAN_CONTINUATION, "6. Demande de continuation du réseau"),
)
BILAN_ROWS_CAR = {bilan_sheet.BILAN_BUT: "2. But de l’équipe"}
BILAN_DATES = "1. Date des rencontres"
BILAN_WEIGHTS = (2.4, 6.1)
PLAN_WEIGHT_PERIOD = 1.5
PLAN_WEIGHT_DAY = 3.0


def bilan(c: Classeur, sheet_values: SheetValues, today: dt.date) -> Document:
    """Annexe 5 du CEE: title, year, members (☑ present at least once), then its rows with
    what the team typed in the Bilan sheet, else Classeur's default text."""
    reseau = c.settings.modele == vocabulary.MODELE_RESEAU
    f = figures(c, sheet_values)
    texts = bilan_text.answers(
        c, f, sheet_values, today, typed_answers(sheet_values(structure.SHEET_BILAN))
    )
    doc = Document(BILAN_TITLE, c.settings.titre, header=f"{c.settings.titre} – {BILAN_TITLE}")
    doc.add(
        para(f"{bilan_sheet.BILAN_LABEL_TITRE[c.settings.modele]} : {c.settings.titre}"),
        para(f"{bilan_sheet.BILAN_LABEL_ANNEE} : {c.settings.annee_scolaire}"),
        Heading(bilan_sheet.BILAN_SECTION_MEMBRES),
        Checklist(
            tuple(
                (any(is_present(p.of(m)) for p in f.presences.values()), bilan_text.member_line(m))
                for m in c.members
            )
        ),
    )
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    dates = "\n".join(french.date_longue(m.date) for m in meetings if m.date) or "—"
    rows = [(BILAN_DATES, dates)]
    for key, label in BILAN_ROWS:
        if not reseau and key == bilan_sheet.BILAN_CONTINUATION:
            continue
        shown = label if reseau else BILAN_ROWS_CAR.get(key, label)
        rows.append((shown, cellvalues.shown(texts[key])))
    doc.add(Table(("", bilan_sheet.BILAN_SECTION_NOTES), tuple(rows), BILAN_WEIGHTS, True))
    return doc


def fiche(c: Classeur, sheet_values: SheetValues) -> Document:
    """Annexe 1 du CEE: each question followed by its answer, then the CEE's mission."""
    values = {**fiche_defaults(c), **fiche_values(sheet_values)}
    doc = Document(annexes.FICHE_TITLE, c.settings.titre, header=annexes.FICHE_TITLE)
    for key, label in annexes.FICHE_FIELDS:
        doc.add(Heading(label, level=2))
        for line in (values.get(key) or "—").split("\n"):
            if line.strip():
                doc.add(para(line.strip()))
    doc.add(
        Heading(annexes.FICHE_MISSION_LABEL, level=2),
        para(annexes.FICHE_MISSION_TEXT),
        para(annexes.FICHE_MERCI),
    )
    return doc


def plan(c: Classeur, sheet_values: SheetValues) -> Document:
    """Annexe 2 du CEE: the réseau's title, then one column per rencontre and one row per
    period (Pause and Dîner between); a work period holds what the team typed, else the
    annex's items for it."""
    option = choose_horaire(c, None)
    sessions = annexes.HORAIRE_SESSIONS[option]
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    typed = plan_typed(sheet_values)
    suggested = plan_suggestions(sessions)
    doc = Document(
        annexes.PLAN_TITLE,
        c.settings.titre,
        (plan_subtitle(c), f"{annexes.PLAN_HORAIRE_LABEL} : {option}"),
        header=f"{c.settings.titre} – {annexes.PLAN_TITLE}",
        landscape=len(sessions) > 2,
    )
    header = [annexes.PLAN_PERIOD_HEADER]
    for i, kind in enumerate(sessions):
        m = meetings[i] if i < len(meetings) else None
        when = f" – {french.date_longue(m.date)}" if m is not None and m.date else ""
        header.append(f"Jour {i + 1}{when} ({kind})")
    rows_kind = annexes.JOURNEE if annexes.JOURNEE in sessions else annexes.APRES_MIDI
    work = [0] * len(sessions)
    rows = []
    for start, end, label in annexes.PLAN_PERIODS[rows_kind]:
        period = period_label(start, end)
        row = [period]
        for i, kind in enumerate(sessions):
            if not any((s, e) == (start, end) for s, e, _ in annexes.PLAN_PERIODS[kind]):
                row.append(annexes.PLAN_OFF)
            elif label:
                row.append(label)
            else:
                k, work[i] = work[i], work[i] + 1
                row.append(typed.get((period, i + 1)) or suggested[i][k])
        rows.append(tuple(row))
    weights = (PLAN_WEIGHT_PERIOD,) + (PLAN_WEIGHT_DAY,) * len(sessions)
    doc.add(Table(tuple(header), tuple(rows), weights, bold_first_column=True))
    return doc
