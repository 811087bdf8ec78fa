"""What a file that is not an .xlsx is (an encrypted Office file, an .xls, a Word
document, a CSV, a Web page…), told in French with what to do."""

from __future__ import annotations

from pathlib import Path

from classeur.errors import ClasseurError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

RESAVE_HINT = "Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) »."


def file_error(path: Path, what: str, hint: str) -> ClasseurError:
    return ClasseurError(f"Le fichier « {path.name} » {what}", hint=hint)


def check_ole(p: Path) -> None:
    """An OLE compound file: an encrypted .xlsx, an .xls, a .doc…"""
    import olefile

    try:
        with olefile.OleFileIO(str(p)) as ole:
            streams = {"/".join(s).casefold() for s in ole.listdir()}
    except Exception as exc:  # olefile raises many kinds on damaged files
        raise file_error(
            p,
            "est un ancien fichier Office endommagé.",
            RESAVE_HINT,
        ) from exc
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        raise file_error(
            p,
            "est protégé par un mot de passe (chiffré) : Classeur ne peut pas le lire.",
            "Dans Excel : Fichier > Informations > Protéger le classeur > Chiffrer avec "
            "mot de passe, effacez le mot de passe, enregistrez, puis recommencez.",
        )
    if "workbook" in streams or "book" in streams:
        # A genuine .xls is called a .xls; one named .xlsx was renamed.
        renamed = "" if p.suffix.lower() in (".xls", ".xlt") else ", renommé en .xlsx"
        raise file_error(
            p,
            f"est au format Excel 97-2003 (.xls){renamed} : Classeur ne lit que le format "
            "« Classeur Excel (.xlsx) ».",
            RESAVE_HINT,
        )
    if "worddocument" in streams:
        raise file_error(p, "est un document Word, pas un classeur Excel.", RESAVE_HINT)
    raise file_error(p, "est un ancien fichier Office, pas un classeur Excel (.xlsx).", RESAVE_HINT)


def not_a_zip(p: Path, head: bytes) -> None:
    sample = head[:4096]
    if b"\x00" not in sample:
        try:
            text = sample.decode("utf-8")
        except UnicodeDecodeError:
            text = sample.decode("cp1252", errors="replace")
        low = text.lower()
        if "<html" in low or "<!doctype html" in low:
            raise file_error(
                p,
                "est une page Web (HTML) renommée, pas un classeur Excel.",
                RESAVE_HINT,
            )
        if low.lstrip().startswith("<?xml"):
            raise file_error(
                p,
                "est un fichier XML (p. ex. « Feuille de calcul XML 2003 »), pas un "
                "classeur Excel (.xlsx).",
                RESAVE_HINT,
            )
        if any(sep in text for sep in (",", ";", "\t")):
            raise file_error(
                p,
                "est un fichier texte (CSV) renommé, pas un classeur Excel.",
                "Ouvrez-le dans Excel, vérifiez les colonnes, puis enregistrez-le au format "
                "« Classeur Excel (.xlsx) ».",
            )
        raise file_error(p, "est un fichier texte, pas un classeur Excel.", RESAVE_HINT)
    raise file_error(p, "n'est pas un classeur Excel (.xlsx).", RESAVE_HINT)
