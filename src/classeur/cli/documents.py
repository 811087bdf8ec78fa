"""The commands that rebuild part of a classeur (rencontre tabs, grille results, réseau
sheets, bilan): each parses its arguments, calls ONE use case of :mod:`classeur.features`
on the classeur file and prints what it returns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from classeur.cli.french import CONTEXT, Count, Date, Progress, say
from classeur.cli.group import cli, echo_messages, refuse_existing, sortie_option
from classeur.layout import annexes, compilation


@cli.command("fiche", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@sortie_option
def fiche_cmd(fichier: Path, sortie: Path | None) -> None:
    """Réseau : crée ou met à jour la feuille « Fiche de proposition » (annexe 1 du CEE).

    Ce que vous y avez écrit est gardé; le résumé est limité à 150 mots.
    """
    from classeur import features
    from classeur.files import filebook

    with filebook.open_book(fichier, sortie) as book:
        lines = features.fiche(book)
    echo_messages(lines)


@cli.command("plan", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--horaire",
    type=click.Choice(list(annexes.HORAIRE_KEYS)),
    default=None,
    help="2-journees (8 h 45 à 15 h 45), journee-2-apres-midis ou 4-apres-midis "
    "(12 h 45 à 15 h 45). Par défaut : celui déjà choisi, sinon celui du calendrier.",
)
@sortie_option
def plan_cmd(fichier: Path, horaire: str | None, sortie: Path | None) -> None:
    """Réseau : crée ou met à jour la feuille « Plan de réseau » (annexe 2 du CEE),
    selon l'horaire choisi (pauses et dîner compris). Ce que vous y avez écrit est gardé."""
    from classeur import features
    from classeur.files import filebook

    option = annexes.HORAIRE_KEYS[horaire] if horaire else None
    with filebook.open_book(fichier, sortie) as book:
        lines = features.plan(book, option)
    echo_messages(lines)


@cli.command("bilan", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@sortie_option
def bilan_cmd(fichier: Path, sortie: Path | None) -> None:
    """Crée ou met à jour la feuille « Bilan » (annexe 5 du CEE) : membres, dates, but,
    travail accompli, réalisations, présences par membre et par rencontre, jours de
    libération (réseau) et progression de la grille avec un graphique. Ce que vous avez
    écrit dans le bilan est gardé."""
    import datetime as dt

    from classeur import features
    from classeur.files import filebook

    with filebook.open_book(fichier, sortie) as book:
        lines = features.bilan(book, dt.date.today())
    echo_messages(lines)


AUJOURDHUI = Date()


def _rencontre(
    feature: Callable[..., list[str]],
    fichier: Path,
    numero: int,
    aujourdhui: Any,
    sortie: Path | None,
) -> None:
    from classeur.files import filebook

    today = aujourdhui or dt.date.today()
    with filebook.open_book(fichier, sortie) as book:
        lines = feature(book, numero, today)
    echo_messages(lines)


def _rencontre_options(f: Any) -> Any:
    """The arguments shared by ordre-du-jour and compte-rendu."""
    f = sortie_option(f)
    f = click.option(
        "--aujourdhui",
        type=AUJOURDHUI,
        default=None,
        help="Date du jour (AAAA-MM-JJ); par défaut, la date de l'ordinateur.",
    )(f)
    f = click.option(
        "-r",
        "--rencontre",
        "numero",
        type=Count(min=1),
        required=True,
        help="Numéro de la rencontre (1, 2, …).",
    )(f)
    return click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))(f)


@cli.command("ordre-du-jour", context_settings=CONTEXT)
@_rencontre_options
def ordre_du_jour_cmd(fichier: Path, numero: int, aujourdhui: Any, sortie: Path | None) -> None:
    """Prépare ou met à jour l'ordre du jour de la rencontre N.

    Remplit la feuille de la rencontre (R1, R2, …) à partir du canevas, du calendrier et
    des actions ouvertes du Suivi, sans effacer ce qui y a été tapé, et écrit à côté du
    classeur l'ordre du jour en HTML (pour un courriel) et en texte.
    """
    from classeur import features

    _rencontre(features.ordre_du_jour, fichier, numero, aujourdhui, sortie)


@cli.command("compte-rendu", context_settings=CONTEXT)
@_rencontre_options
def compte_rendu_cmd(fichier: Path, numero: int, aujourdhui: Any, sortie: Path | None) -> None:
    """Rédige le compte rendu de la rencontre N à partir de sa feuille.

    Reprend les présences, les notes et décisions, et ajoute au Suivi les actions de
    « Qui fait quoi? » (une seule fois); écrit le compte rendu en HTML et en texte.
    """
    from classeur import features

    _rencontre(features.compte_rendu, fichier, numero, aujourdhui, sortie)


@cli.command("compiler", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--sortie",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Écrire le résultat dans ce fichier (par défaut : modifier FICHIER).",
)
@click.option("--remplacer", is_flag=True, help="Remplacer le fichier de sortie s'il existe.")
def compiler(fichier: Path, sortie: Path | None, remplacer: bool) -> None:
    """Compile la grille : feuille Résultats (formules et graphique) et feuille Paliers.

    Les nombres de la feuille Résultats sont des formules liées à la Grille : ils restent à
    jour dans Excel, même sans Classeur. Les notes saisies dans la feuille Paliers sont
    conservées.
    """
    from classeur import features
    from classeur.files import filebook

    if sortie is not None:
        refuse_existing(sortie, remplacer)
    with filebook.open_book(fichier, sortie) as book:
        lines = features.compiler(book)
    echo_messages(lines)
    say("Classeur enregistré : « {} »", sortie or fichier)


@cli.command("fusionner", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--remplacer-conflits",
    is_flag=True,
    help="Quand une valeur diffère, prendre celle de la copie (par défaut : garder celle "
    "du classeur et signaler le conflit).",
)
@click.option(
    "--noms-distincts",
    is_flag=True,
    help="Confirmer que les noms d'une copie qui ressemblent à ceux du classeur (p. ex. "
    "« Jose Nunes » et « José Núñez ») sont des personnes différentes : les ajouter.",
)
@sortie_option
def fusionner(
    fichier: Path,
    sources: tuple[Path, ...],
    remplacer_conflits: bool,
    noms_distincts: bool,
    sortie: Path | None,
) -> None:
    """Fusionne dans FICHIER la grille des copies remplies par chaque enseignant·e.

    Les élèves sont reconnus par enseignant·e, groupe et nom, sans tenir compte des
    majuscules, des accents ni des espaces en trop. Un nom d'une copie qui ressemble à un
    nom du classeur sans être écrit pareil arrête la fusion : corrigez-le, ou confirmez
    avec --noms-distincts qu'il s'agit d'une autre personne. Un élève retiré du classeur
    n'est pas rajouté par une copie : il est signalé. Une case vide d'une copie
    n'efface rien; une valeur différente de celle du classeur est un conflit : il est
    signalé et rien n'est remplacé, sauf avec --remplacer-conflits.
    """
    from tqdm import tqdm

    from classeur import features
    from classeur.files import filebook, grille_copies
    from classeur.text import french

    def each(copies: Sequence[Path]) -> Iterable[Path]:
        quiet = len(copies) < compilation.FUSION_PROGRESS_MIN_FILES
        return tqdm(
            copies,
            desc="Lecture des copies",
            unit=" fichier",
            disable=quiet,
            file=Progress(),
            bar_format=french.PROGRESS_BAR,
        )

    grille_copies.refuse_the_classeur_itself(fichier, sources)
    with filebook.open_book(fichier, sortie) as book:
        lines = features.fusionner(
            book, sources, remplacer_conflits, each, noms_distincts=noms_distincts
        )
    echo_messages(lines)
    say("Classeur enregistré : « {} »", sortie or fichier)
