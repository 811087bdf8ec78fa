"""One error root. Messages are French, say where (sheet, row, column) and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in a classeur: where it is, what is wrong, how to fix it."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    hint: str | None = None
    file: str | None = None

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(f"Fichier « {self.file} »")
        if self.sheet:
            parts.append(f"feuille « {self.sheet} »")
        if self.row is not None:
            parts.append(f"ligne {self.row}")
        if self.column:
            parts.append(f"colonne « {self.column} »")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    def __str__(self) -> str:
        where = self.where()
        text = f"{where} : {self.message}" if where else self.message
        if self.hint:
            text += f" {self.hint}"
        return text


class ClasseurError(Exception):
    """Root of every error a teacher may see. ``str()`` is the French message."""

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        hint: str | None = None,
        file: str | None = None,
    ) -> None:
        self.problem = Problem(message, sheet, row, column, hint, file)
        super().__init__(str(self.problem))

    @property
    def problems(self) -> list[Problem]:
        return [self.problem]


class ClasseurProblems(ClasseurError):
    """Several problems at once (reading validates everything before giving up)."""

    def __init__(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        first = self._problems[0] if self._problems else Problem("Problème inconnu.")
        Exception.__init__(self, "\n".join(str(p) for p in self._problems))
        self.problem = first

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)
