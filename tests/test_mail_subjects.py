"""Every .eml subject reads back exactly as built (``policy.default``), for titles with
accents, « – », apostrophes, non-breaking spaces and line breaks."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from classeur.files.export import mail
from classeur.layout import outputs
from classeur.text import partage

TITLES = st.text(
    st.one_of(
        st.sampled_from(list("éèàçÉÀÔœ–—’'«»·:;,.?!()&<>\"/ \t\n\r\u00a0\u202f")),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    ),
    max_size=120,
).filter(lambda t: "=?" not in t)  # see subject_reads_back: an encoded word typed literally


def _read_back(doc: partage.Document, folder: Path) -> email.message.EmailMessage:
    target = mail.write_eml(doc, ["a@exemple.qc.ca"], [], folder / "x.eml", ("<p>x</p>", "x"))
    return email.message_from_bytes(target.read_bytes(), policy=policy.default)


@given(title=TITLES)
def test_subject_reads_back_exactly(tmp_path_factory, title: str) -> None:
    doc = partage.Document(
        outputs.DOC_ODJ, "Ordre du jour de la rencontre 4 du mardi 20 avril 2027", title, ""
    )
    built = partage.subject(doc)
    assert "\n" not in built and "\r" not in built
    msg = _read_back(doc, tmp_path_factory.mktemp("eml"))
    assert msg["Subject"] == built
    # nothing of the title lost but its line breaks and repeated spaces (typography only
    # changes spaces and the apostrophe)
    expected = f"{doc.label} – {title}" if title.split() else doc.label
    assert _letters(built) == _letters(expected)


def _letters(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return "".join(text.split())


def test_the_subject_of_the_issue(tmp_path: Path) -> None:
    doc = partage.Document(
        outputs.DOC_ODJ,
        "Ordre du jour de la rencontre 4 du mardi 20 avril 2027",
        "Histoire 4e secondaire :\npréparer l'épreuve  ministérielle",
        "",
    )
    msg = _read_back(doc, tmp_path)
    assert msg["Subject"] == (
        "Ordre du jour de la rencontre 4 du mardi 20 avril 2027 – Histoire 4e secondaire"
        "\u00a0: préparer l\u2019épreuve ministérielle"
    )
