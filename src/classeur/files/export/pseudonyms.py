"""The pseudonym key: ONLY in a file beside the classeur (never exported), read or created
private to its owner; the classeur's pseudonymizer."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from classeur.domain.model import Classeur
from classeur.domain.pseudo import Pseudonymizer, shared_full_names
from classeur.errors import ClasseurError
from classeur.layout import outputs, structure


# ======================================================================================
# Pseudonym key: ONLY in a file beside the classeur
# ======================================================================================
def key_path(classeur: str | os.PathLike[str]) -> Path:
    p = Path(classeur)
    return p.with_name(p.stem + outputs.PSEUDO_KEY_SUFFIX)


_KEY_HEADER = (
    "# Clé des codes d’élèves de Classeur. Gardez ce fichier sur votre ordinateur\u00a0: "
    "sans lui,\n# personne ne peut retrouver qui se cache derrière un code. Ne l’envoyez "
    "jamais.\n"
)


def load_or_create_key(key_file: str | os.PathLike[str]) -> bytes:
    """The secret key kept in ``key_file``; created (readable by its owner only) on first
    use."""
    path = Path(key_file)
    if path.exists():
        _keep_private(path)
        lines = [
            ln.strip()
            for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")
        ]
        try:
            key = bytes.fromhex(lines[0]) if lines else b""
        except ValueError:
            key = b""
        if len(key) < 16:
            raise ClasseurError(
                f"Le fichier de clé « {path.name} » est illisible.",
                hint="Restaurez-le depuis une copie; sinon supprimez-le (les codes "
                "des élèves changeront).",
            )
        return key
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(_KEY_HEADER + key.hex() + "\n")
    return key


def _keep_private(path: Path) -> None:
    """A key readable by others (copied, restored from a backup) is made private again
    (0600). POSIX only: on Windows, the folder's access rules decide (a user's own
    folders are private to that user)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # someone else's file: left as it is
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)


def student_names(c: Classeur) -> list[str]:
    return sorted({e.eleve for e in c.grid if e.eleve.strip()})


def pseudonymizer(
    classeur: str | os.PathLike[str], c: Classeur, key_file: Path | None = None
) -> Pseudonymizer:
    """The classeur's pseudonymizer: the Grille's students, the Équipe's members in clear.
    The key is in ``key_file``, beside the classeur unless told otherwise.

    Refused (fail closed) when a member of the team has a student's full name: in free
    text (a presence list, notes) nobody can tell which of the two is named, and a code
    standing for both would tie the member, whose name and address stay in clear in
    Équipe, to the student's results."""
    members = [m.full_name for m in c.members]
    shared = shared_full_names(student_names(c), members)
    if shared:
        who = ", ".join(f"« {n} »" for n in shared)
        raise ClasseurError(
            f"L'exportation pseudonymisée a été annulée : {who} est à la fois un membre "
            f"de l'équipe (feuille « {structure.SHEET_EQUIPE} ») et un élève de la "
            f"feuille « {structure.SHEET_GRILLE} ». Dans le texte, on ne pourrait pas "
            "savoir lequel des deux est nommé, et le code de l'élève relierait ses résultats "
            "à cette personne, nommée en clair avec son adresse.",
            hint="Distinguez l'élève dans la Grille (par exemple avec l'initiale de son "
            "deuxième prénom : « Jean-François B. L'Heureux ») puis exportez de nouveau; "
            "pour un usage interne, exportez sans --pseudonymiser.",
        )
    key = load_or_create_key(key_file or key_path(classeur))
    return Pseudonymizer(student_names(c), key, members)
