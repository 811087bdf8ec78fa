"""The Word document (.docx) of a shared document, from the shipped template or a
teacher's own (docxtpl)."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from classeur.errors import ClasseurError
from classeur.layout import outputs
from classeur.text import french, partage, templates


# ======================================================================================
# Word
# ======================================================================================
def docx_context(doc: partage.Document) -> dict[str, Any]:
    """Variables of the Word templates: ``doc`` (label, classeur_title, annee, sections
    with title, subtitle and blocks of rows of text), ``aujourdhui``."""
    padded = replace(
        doc,
        sections=[
            replace(
                s,
                blocks=[
                    partage.Block([r + [""] * (b.width - len(r)) for r in b.rows]) for b in s.blocks
                ],
            )
            for s in doc.sections
        ],
    )
    return {"doc": padded, "aujourdhui": french.date_longue(dt.date.today())}


def write_docx(doc: partage.Document, target: Path, template: Path | None = None) -> Path:
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    source = template or templates.shipped(outputs.DOCX_TEMPLATE)
    try:
        tpl = DocxTemplate(str(source))
        tpl.render(docx_context(doc), jinja_env=templates.sandboxed(), autoescape=True)
    except TemplateError as exc:
        raise ClasseurError(
            f"Le modèle Word « {source.name} » contient une erreur : {exc}.",
            hint="Vérifiez les balises {{ … }} et {% … %} du modèle "
            "(variables permises : doc.label, doc.classeur_title, doc.annee, doc.sections).",
        ) from exc
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ClasseurError(
            f"Le modèle Word « {source.name} » n'est pas un document Word (.docx) valide.",
            hint="Enregistrez-le dans Word au format .docx.",
        ) from exc
    props = tpl.docx.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
    props.title = doc.label
    tpl.save(str(target))
    return target
