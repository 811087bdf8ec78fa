"""The Word document (.docx) of a shared document, from the shipped template or a
teacher's own (docxtpl)."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from classeur.domain import links
from classeur.errors import ClasseurError
from classeur.layout import outputs
from classeur.text import french, partage, templates


# ======================================================================================
# Word
# ======================================================================================
def docx_context(doc: partage.Document) -> dict[str, Any]:
    """Variables of the Word templates: ``doc`` (label, classeur_title, annee, sections
    with title, subtitle and blocks of rows of text), ``aujourdhui``; in Québec
    typography (text.french)."""
    typeset = doc.map_text(french.typography)
    padded = replace(
        typeset,
        sections=[
            replace(
                s,
                blocks=[
                    partage.Block([r + [""] * (b.width - len(r)) for r in b.rows]) for b in s.blocks
                ],
            )
            for s in typeset.sections
        ],
    )
    return {"doc": padded, "aujourdhui": french.date_longue(dt.date.today())}


DOCX_MAX_CHARS = 20_000_000  # characters of one rendered part (document, header…)


def write_docx(doc: partage.Document, target: Path, template: Path | None = None) -> Path:
    """The Word file of ``doc`` at ``target``, from the shipped template or a teacher's.

    A teacher's template is a file from anywhere: it passes the same archive checks as a
    workbook (bombs, lying headers, DOCTYPEs), then is rendered in a child process bounded
    in CPU time, memory and output (:mod:`classeur.files.bounded`)."""
    payload = (str(template or templates.shipped(outputs.DOCX_TEMPLATE)), docx_context(doc))
    args = (*payload, str(target), doc.label)
    if template is None:  # shipped with Classeur: rendered here
        return Path(render_child(args))
    from classeur.files import bounded, filecheck

    filecheck.check_docx(template)
    return Path(bounded.run_bounded("classeur.files.export.word:render_child", args))


def render_child(args: tuple[str, dict[str, Any], str, str]) -> str:
    """Render the Word template ``source`` with ``context`` into ``target`` (runs in the
    bounded child for a teacher's template); a French ClasseurError saying where in the
    template it was refused."""
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    from classeur.files.bounded import CpuLimit

    source, context, target, title = args
    name = Path(source).name
    env = templates.bounded_sandbox(autoescape=True, max_chars=DOCX_MAX_CHARS)
    sources: dict[str, str] = {}
    compile_ = env.from_string

    def from_string(text: str, *more: Any, **named: Any) -> Any:
        sources["<template>"] = text  # where a refusal happened is said from it
        return compile_(text, *more, **named)

    env.from_string = from_string
    try:
        tpl = DocxTemplate(source)
        env.filters["lien"] = _link_filter(tpl)
        tpl.render(context, jinja_env=env, autoescape=True)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as exc:
        raise ClasseurError(
            f"Le modèle Word « {name} » n'est pas un document Word (.docx) valide.",
            hint="Enregistrez-le dans Word au format .docx.",
        ) from exc
    except Exception as exc:  # what the template did, said in French
        where = templates.where_in_template(exc.__traceback__, sources, numbered=False)
        said = TimeoutError() if isinstance(exc, CpuLimit) else exc
        message, hint = templates.template_error(said, where, numbered=False)
        raise ClasseurError(f"Modèle Word « {name} » : {message}", hint=hint) from None
    _anonymous(tpl, title)
    tpl.save(target)
    return target


def _link_filter(tpl: Any) -> Any:
    """The ``lien`` filter: ``{{r cell|lien }}`` writes a cell's text, as a real Word
    link when a teacher made it one (:class:`~classeur.domain.links.Link`: Insertion ›
    Lien, ``=HYPERLINK(…)``). Plain ``{{ cell }}`` (a teacher's own template) keeps
    writing the text alone."""
    from docxtpl import RichText

    def lien(value: Any) -> Any:
        if isinstance(value, links.Link):
            url_id = tpl.build_url_id(value.target)
            return RichText(str(value), url_id=url_id, color=LINK_COLOR, underline=True)
        return RichText("" if value is None else str(value))

    return lien


LINK_COLOR = "0563C1"  # Word's colour for links (its « Lien hypertexte » style)


def _anonymous(tpl: Any, title: str) -> None:
    """No author, comments or keywords of whoever made the template: only its title."""
    props = tpl.docx.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
    props.title = title
