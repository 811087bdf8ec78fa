"""The rencontre tab (R1 … Rn) and the updates of its commands. Pure.

- :mod:`.sheet`: the tab as a sheet (:func:`build_tab`), section by section;
- :mod:`.updates`: :func:`ordre_du_jour`, :func:`compte_rendu`, :func:`documents` and
  :func:`saisir`, what the CLI and the ribbon run.

What the tab holds and what its agenda is come from :mod:`classeur.domain.rencontres`; the
documents from :mod:`classeur.text.rencontre`.
"""

from __future__ import annotations

from classeur.sheets.rencontre.sheet import build_tab
from classeur.sheets.rencontre.updates import compte_rendu, documents, ordre_du_jour, saisir

__all__ = ["build_tab", "compte_rendu", "documents", "ordre_du_jour", "saisir"]
