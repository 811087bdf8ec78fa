"""The CEE's commands: the dashboard of every réseau of a year (`classeur cee`). It parses
its arguments, calls the use case and prints its French lines; heavy libraries are
imported inside (`classeur --help` stays fast)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from classeur.cli.french import CONTEXT, Progress, say
from classeur.cli.group import cli, refuse_existing
from classeur.layout import cee


@cli.command("cee", context_settings=CONTEXT)
@click.argument("dossiers", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--sortie",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path(cee.DEFAULT_OUTPUT),
    show_default=True,
    help="Classeur du tableau de bord à écrire.",
)
@click.option(
    "--annee",
    default=None,
    help="Année scolaire, p. ex. 2026-2027 (par défaut : celle de la plupart des réseaux).",
)
@click.option(
    "--aujourdhui",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date des échéances, AAAA-MM-JJ (par défaut : aujourd'hui).",
)
@click.option("--pdf", is_flag=True, help="Écrire aussi le PDF du tableau de bord (LibreOffice).")
@click.option("--remplacer", is_flag=True, help="Remplacer le tableau de bord s'il existe déjà.")
def cee_cmd(
    dossiers: tuple[Path, ...],
    sortie: Path,
    annee: str | None,
    aujourdhui: datetime | None,
    pdf: bool,
    remplacer: bool,
) -> None:
    """Tableau de bord du CEE : tous les réseaux d'entraide de l'année en un classeur.

    Lit chaque classeur de réseau (.xlsx) des dossiers donnés (les fichiers reçus des
    personnes qui animent), vérifie les règles du guide du CEE d'un réseau à l'autre et
    écrit les feuilles Réseaux, Participants, Règles, Libérations, Analyse des propositions
    et Graphiques. Un fichier illisible est signalé et n'empêche pas les autres d'être
    comptés. Les élèves (grille) ne sont jamais lus.
    """
    from classeur.features import cee as features_cee

    refuse_existing(sortie, remplacer)
    if pdf:
        refuse_existing(sortie.with_suffix(".pdf"), remplacer)
    result = features_cee.tableau_cee(
        dossiers,
        sortie,
        annee=annee,
        today=aujourdhui.date() if aujourdhui else None,
        pdf=pdf,
        progress=Progress(),
    )
    for line in result.lines:
        say(line)
