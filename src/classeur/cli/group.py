"""The ``classeur`` command group and what its commands share: the output option, the
way messages are printed, the refusal to replace an existing file."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import click

from classeur import __version__
from classeur.cli.french import CONTEXT, FrenchGroup, say


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version``: printed like every other line (click's own option prints by itself)."""
    del param
    if value and not ctx.resilient_parsing:
        say("classeur {}", __version__)
        ctx.exit()


@click.group(cls=FrenchGroup, context_settings=CONTEXT)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Affiche la version et quitte.",
)
def cli() -> None:
    """Classeur : ordres du jour, comptes rendus, grille de compilation et bilan
    des équipes collaboratives et des réseaux d'entraide, dans Excel.

    Chaque commande travaille sur un fichier .xlsx, sans Excel.
    """


MODELE_CHOICE = click.Choice(["car", "reseau"])


def sortie_option(fn: Any) -> Any:
    """``-o/--sortie NOUVEAU.xlsx`` (and ``--remplacer``) for every command that rewrites
    a classeur.

    Pass the value to ``filebook.open_book(path, sortie)``: the result
    goes to a new file and the original stays untouched (needed when the classeur holds
    images or shapes that a rewrite would lose). A ``sortie`` that exists already (other
    than the classeur itself) is refused unless ``--remplacer`` is given: a new file
    never replaces someone's file without being told to (and then the replaced version
    goes to the backups like any rewrite).
    """

    @functools.wraps(fn)
    def run(*args: Any, sortie: Path | None, remplacer: bool, **kwargs: Any) -> Any:
        fichier = kwargs.get("fichier")
        if sortie is not None and not (fichier is not None and _same(Path(fichier), sortie)):
            refuse_existing(sortie, remplacer)
        return fn(*args, sortie=sortie, **kwargs)

    run = click.option(
        "--remplacer",
        is_flag=True,
        help="Avec -o : remplacer le fichier de sortie s'il existe déjà "
        "(l'ancienne version est gardée dans les copies de sécurité).",
    )(run)
    return click.option(
        "-o",
        "--sortie",
        "sortie",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Écrire le résultat dans ce nouveau fichier au lieu de modifier le classeur "
        "(l'original reste intact).",
    )(run)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def echo_messages(messages: list[str]) -> None:
    """Print a feature's French messages (Update.messages), one per line."""
    for line in messages:
        say(line)


def refuse_existing(path: Path, replace: bool) -> None:
    from classeur.errors import ClasseurError

    if path.exists() and not replace:
        raise ClasseurError(
            f"Le fichier « {path} » existe déjà; il n'a pas été modifié.",
            hint="Choisissez un autre nom, ou ajoutez --remplacer pour le remplacer "
            "(l'ancienne version est alors gardée dans ses copies de sécurité).",
        )
