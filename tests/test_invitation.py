"""The ordre du jour's e-mail carries the rencontre's calendar invitation (.ics): read back
with icalendar, it has the rencontre's date, times, place and attendees; a re-export after
the date changed is an update of the same event (same UID, higher SEQUENCE)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
from email import policy
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from classeur.domain import demo
from classeur.domain.model import Classeur
from classeur.files import xlsx_new
from classeur.layout import outputs, vocabulary
from tests import exporting
from tests.conftest import needs_libreoffice

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]

TORONTO = ZoneInfo("America/Toronto")


def _calendar(eml: Path) -> icalendar.Calendar | None:
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    parts = [p for p in msg.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) <= 1
    if not parts:
        return None
    assert parts[0].get_param("method") == "REQUEST"
    assert parts[0].get_filename().endswith(".ics")
    return icalendar.Calendar.from_ical(parts[0].get_payload(decode=True))


def _export(c: Classeur, folder: Path, numero: int, today: dt.date, now: dt.datetime) -> Path:
    path = folder / "equipe.xlsx"
    xlsx_new.write_classeur(c, path)
    out = folder / f"out-{now:%d%H%M%S}"
    out.mkdir()
    result = exporting.export(
        path, outputs.DOC_RENCONTRE, numero, ["eml"], today=today, now=now, outdir=out
    )
    return next(p for p in result.files if p.suffix == ".eml")


def _event(cal: icalendar.Calendar) -> icalendar.Event:
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


def test_the_agenda_email_invites_the_members(tmp_path: Path) -> None:
    c = demo.demo()
    m = c.meetings[1]
    assert m.date and m.debut and m.fin
    before = m.date - dt.timedelta(days=7)
    cal = _calendar(_export(c, tmp_path, m.numero, before, dt.datetime(2026, 10, 1, 8, 0)))
    assert cal is not None and str(cal["method"]) == "REQUEST"
    event = _event(cal)
    assert event.decoded("dtstart") == dt.datetime.combine(m.date, m.debut, TORONTO)
    assert event.decoded("dtend") == dt.datetime.combine(m.date, m.fin, TORONTO)
    attendees = event.get("attendee")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    organizer = next(x for x in c.members if x.role == vocabulary.ROLE_ANIMATION and x.courriel)
    assert str(event["organizer"]) == f"mailto:{organizer.courriel}"
    assert event["organizer"].params["CN"] == organizer.full_name
    expected = {f"mailto:{x.courriel}" for x in c.members if x.courriel and x is not organizer}
    assert {str(a) for a in attendees} == expected
    assert {a.params["CN"] for a in attendees} == {
        x.full_name for x in c.members if x.courriel and x is not organizer
    }
    if m.lieu:
        assert str(event["location"]) == m.lieu
    assert f"Rencontre {m.numero}" in str(event["summary"])
    assert cal.walk("VTIMEZONE") and str(cal.walk("VTIMEZONE")[0]["tzid"]) == "America/Toronto"


def test_a_new_date_updates_the_same_event(tmp_path: Path) -> None:
    c = demo.demo()
    m = c.meetings[2]
    assert m.date
    today = m.date - dt.timedelta(days=20)
    first = _event(_calendar(_export(c, tmp_path, m.numero, today, dt.datetime(2026, 10, 1, 8))))
    moved = m.date + dt.timedelta(days=2)
    c.meetings[2] = dataclasses.replace(m, date=moved)
    again = _calendar(_export(c, tmp_path, m.numero, today, dt.datetime(2026, 10, 2, 9)))
    second = _event(again)
    assert str(second["uid"]) == str(first["uid"])
    assert int(second["sequence"]) > int(first["sequence"])
    assert second.decoded("dtstart").date() == moved


def test_minutes_carry_no_invitation(tmp_path: Path) -> None:
    c = demo.demo()
    m = c.meetings[0]
    assert m.date
    after = m.date + dt.timedelta(days=1)
    assert _calendar(_export(c, tmp_path, m.numero, after, dt.datetime(2026, 12, 1, 8))) is None
