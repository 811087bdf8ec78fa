"""The grille de compilation (pure): statistics (:mod:`.stats`), the palier rule and the
suggested paliers (:mod:`.paliers`), merging the teachers' copies (:mod:`.fusion`).

The sheets that show them are in ``classeur.sheets`` (``resultats``, ``paliers``, ``grille``)
and the French sentences about the results in ``classeur.text.resultats``.
"""
