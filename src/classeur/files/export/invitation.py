"""The calendar invitation (.ics) joined to a rencontre's ordre du jour e-mail.

Built with ``icalendar`` (RFC 5545): the rencontre's date, start and end in Québec's time
zone (America/Toronto, which Montréal's zone links to), the place or the meeting link,
the members as attendees and the animation as organizer, so that a member adds it to
Outlook in one click.

Updates: the event's UID is the same for a given classeur and rencontre, so a re-export
after the date changed replaces the event instead of adding one. SEQUENCE must grow at
each revision (RFC 5545, 3.8.7.4); it is the number of seconds since 2026-01-01 when the
invitation is made: it grows with every export from any computer of the team and needs no
state that a lost or edited journal des envois could reset (a calendar only compares it
with the one it has).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from classeur.domain.model import Classeur, Meeting, Member
from classeur.layout import vocabulary
from classeur.text import french

TIMEZONE = "America/Toronto"
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
_LINK = re.compile(r"https?://\S+")


def uid(c: Classeur, numero: int) -> str:
    """The same for a classeur's rencontre, whatever its date: a re-export updates it."""
    name = f"{c.settings.modele}|{c.settings.titre.strip()}|{c.settings.annee_scolaire}|{numero}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, 'classeur:' + name)}@classeur"


def sequence(now: dt.datetime) -> int:
    """Grows with every export (seconds since 2026-01-01, UTC)."""
    when = now if now.tzinfo else now.replace(tzinfo=ZoneInfo(TIMEZONE))
    return max(0, int((when - _EPOCH).total_seconds()))


def invitation(c: Classeur, numero: int, summary: str, now: dt.datetime) -> bytes | None:
    """The .ics of rencontre ``numero``, or None when it has no date."""
    import icalendar

    m = c.meeting(numero)
    if m is None or m.date is None:
        return None
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Classeur//Rencontres//FR")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    event = icalendar.Event()
    event.add("uid", uid(c, numero))
    event.add("sequence", sequence(now))
    event.add("dtstamp", now.astimezone(dt.UTC) if now.tzinfo else now.replace(tzinfo=dt.UTC))
    event.add("summary", summary)
    _when(event, m)
    _where(event, m)
    organizer = _organizer(c.members)
    if organizer is not None:
        event.add("organizer", _address(organizer), parameters={"CN": _name(organizer)})
    for member in c.members:
        if member.courriel.strip() and member is not organizer:
            event.add(
                "attendee",
                _address(member),
                parameters={
                    "CN": _name(member),
                    "ROLE": "REQ-PARTICIPANT",
                    "PARTSTAT": "NEEDS-ACTION",
                    "RSVP": "TRUE",
                },
            )
    cal.add_component(event)
    # The zone's rules around the rencontre's year only (not 1970–2038), without
    # icalendar's English comment on the range.
    cal.add_missing_timezones(
        first_date=dt.date(m.date.year - 1, 1, 1), last_date=dt.date(m.date.year + 2, 1, 1)
    )
    for zone in cal.walk("VTIMEZONE"):
        zone.pop("COMMENT", None)
    return cal.to_ical()


def _when(event: Any, m: Meeting) -> None:
    assert m.date is not None
    zone = ZoneInfo(TIMEZONE)
    if m.debut is None:  # a day without hours: an all-day event
        event.add("dtstart", m.date)
        return
    event.add("dtstart", dt.datetime.combine(m.date, m.debut, zone))
    if m.fin is not None and m.fin > m.debut:
        event.add("dtend", dt.datetime.combine(m.date, m.fin, zone))


def _where(event: Any, m: Meeting) -> None:
    place = m.lieu.strip()
    link = _LINK.search(place)
    if link:
        event.add("url", link.group(0))
    where = place or (m.mode if m.mode == vocabulary.MODE_VISIO else "")
    if where:
        event.add("location", where)
    when = french.plage(m.debut, m.fin)
    text = f"Rencontre {m.numero} : {french.date_longue(m.date)}{', ' + when if when else ''}."
    text += (f"\n{where}" if where else "") + "\nL’ordre du jour est joint au courriel."
    event.add("description", french.typography(text))


def _organizer(members: list[Member]) -> Member | None:
    return next(
        (m for m in members if m.role.strip() == vocabulary.ROLE_ANIMATION and m.courriel.strip()),
        None,
    )


def _name(member: Member) -> str:
    """The name as people read it: spaces typed before, after or twice are not part of it."""
    return " ".join(member.full_name.split())


def _address(member: Member) -> str:
    return f"mailto:{member.courriel.strip()}"
