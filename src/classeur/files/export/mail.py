"""The e-mail draft (.eml) of a shared document, with its attachments."""

from __future__ import annotations

import mimetypes
from email import policy
from email.message import EmailMessage
from pathlib import Path

from classeur.layout import outputs
from classeur.text import partage, templates


# ======================================================================================
# Email draft
# ======================================================================================
def write_eml(
    doc: partage.Document,
    to: list[str],
    attachments: list[Path],
    target: Path,
    body: tuple[str, str] | None = None,
    invitation: tuple[str, bytes] | None = None,
) -> Path:
    """An email draft; ``body`` is (HTML, text) when the document has its own rendering
    (the rencontres' ordre du jour and compte rendu), else the generic one is used;
    ``invitation``: (file name, .ics) of the rencontre, joined as a calendar request."""
    if body is None:
        env = templates.environment()
        context = partage.email_context(doc, [a.name for a in attachments])
        body = (
            env.get_template(outputs.EMAIL_HTML_TEMPLATE).render(**context),
            env.get_template(outputs.EMAIL_TEXT_TEMPLATE).render(**context),
        )
    html_body, text_body = body
    msg = EmailMessage()
    # One line (partage.subject); folded by policy.SMTP, which reads back exactly with
    # policy.default (accents, « – », non-breaking spaces: tests/test_mail_subjects.py).
    msg["Subject"] = partage.subject(doc)
    if to:
        msg["To"] = ", ".join(templates.header_safe(a) for a in to)
    msg["X-Unsent"] = "1"  # Outlook opens it as a new message, ready to send
    msg.set_content(text_body)
    msg.add_alternative(html_body, subtype="html")
    for path in attachments:
        ctype, _ = mimetypes.guess_type(path.name)
        maintype, subtype = (ctype or "application/octet-stream").split("/", 1)
        msg.add_attachment(
            path.read_bytes(),
            maintype=maintype,
            subtype=subtype,
            filename=templates.header_safe(path.name),
        )
    if invitation is not None:
        name, ics = invitation
        # text/calendar with METHOD:REQUEST: Outlook and other clients offer to add it.
        msg.add_attachment(
            ics, maintype="text", subtype="calendar", filename=name, params={"method": "REQUEST"}
        )
    target.write_bytes(msg.as_bytes(policy=policy.SMTP))
    return target
