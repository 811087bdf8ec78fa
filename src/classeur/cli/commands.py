"""The `classeur` commands: each parses its arguments, calls ONE use case of
:mod:`classeur.features` and prints what it returns. Heavy libraries (openpyxl, pandas,
jinja2) are imported inside the commands, so that `classeur --help` starts fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from classeur import __version__
from classeur.cli.french import CONTEXT, FrenchGroup
from classeur.layout import annexes, compilation, outputs

if TYPE_CHECKING:
    from classeur.errors import Problem


@click.group(cls=FrenchGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", message="classeur %(version)s")
def cli() -> None:
    """Classeur : ordres du jour, comptes rendus, grille de compilation et bilan
    des équipes collaboratives et des réseaux d'entraide, dans Excel.

    Chaque commande travaille sur un fichier .xlsx, sans Excel.
    """


MODELE_CHOICE = click.Choice(["car", "reseau"])


def sortie_option(fn: Any) -> Any:
    """``-o/--sortie NOUVEAU.xlsx`` for every command that rewrites a classeur.

    Pass the value to ``filebook.open_book(path, sortie)``: the result
    goes to a new file and the original stays untouched (needed when the classeur holds
    images or shapes that a rewrite would lose).
    """
    return click.option(
        "-o",
        "--sortie",
        "sortie",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Écrire le résultat dans ce nouveau fichier au lieu de modifier le classeur "
        "(l'original reste intact).",
    )(fn)


def echo_messages(messages: list[str]) -> None:
    """Print a feature's French messages (Update.messages), one per line."""
    for line in messages:
        click.echo(line)


@cli.command("nouveau", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--modele",
    "-m",
    type=MODELE_CHOICE,
    required=True,
    help="car : équipe collaborative (rencontres R1 à R5); reseau : réseau d'entraide du CEE.",
)
@click.option("--titre", "-t", help="Titre de l'équipe ou du réseau.")
@click.option("--annee", help="Année scolaire, p. ex. 2026-2027.", default="")
@click.option("--remplacer", is_flag=True, help="Remplacer le fichier s'il existe déjà.")
def nouveau(fichier: Path, modele: str, titre: str | None, annee: str, remplacer: bool) -> None:
    """Crée un classeur vierge, prêt à remplir dans Excel."""
    from classeur import features

    _refuse_existing(fichier, remplacer)
    click.echo(f"Classeur créé : {features.nouveau(fichier, modele, titre, annee)}")


@cli.command("demo", context_settings=CONTEXT)
@click.option(
    "-o",
    "--sortie",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Fichier à écrire (par défaut : classeur-demo.xlsx).",
)
@click.option(
    "--modele",
    "-m",
    type=MODELE_CHOICE,
    default="car",
    show_default=True,
    help="Type de classeur de démonstration.",
)
def demo_cmd(sortie: Path | None, modele: str) -> None:
    """Écrit un classeur de démonstration complet et affiche son chemin."""
    from classeur import features

    target = sortie or Path("classeur-demo.xlsx" if modele == "car" else "reseau-demo.xlsx")
    click.echo(str(features.demo(target, modele).resolve()))


@cli.command("verifier", context_settings=CONTEXT)
@click.argument(
    "fichiers", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
def verifier(fichiers: tuple[Path, ...]) -> None:
    """Vérifie un ou plusieurs classeurs et signale chaque problème trouvé.

    Avec plusieurs réseaux, vérifie aussi qu'une personne ne participe qu'à un réseau
    par année et n'en anime qu'un.
    """
    from classeur import features
    from classeur.files import filebook

    readable = []
    total = 0
    for f in fichiers:
        found = features.verifier(filebook.FileSource(f))
        if found.model is not None:
            readable.append((f.name, found.model))
        total += len(found.problems)
        _echo_problems(f"{f.name} :", found.problems, ok=f"✓ {f.name} : aucun problème")
        for note in found.warnings:
            click.echo(f"  ⚠ {note}")
    across = features.verifier_reseaux(readable)
    if across:
        _echo_problems("Entre les réseaux :", across)
    total += len(across)
    sys.exit(1 if total else 0)


@cli.group("addin", context_settings=CONTEXT)
def addin_group() -> None:
    """Le ruban Classeur dans Excel (complément classeur.xlam)."""


@addin_group.command("build", context_settings=CONTEXT)
@click.option(
    "-o",
    "--sortie",
    "output",
    type=click.Path(path_type=Path),
    default=Path("."),
    show_default=True,
    help="Dossier (ou fichier .xlam) où écrire le complément.",
)
def addin_build(output: Path) -> None:
    """Construit le complément classeur.xlam (sans Excel) à partir des sources du ruban."""
    from classeur.excel import addin

    click.echo(str(addin.build(output)))


@addin_group.command("install", context_settings=CONTEXT)
def addin_install() -> None:
    """Installe le ruban Classeur dans Excel (Windows ou macOS), pour ce Python."""
    from classeur.excel import addin_install

    plan = addin_install.install()
    click.echo(f"Ruban Classeur installé : {plan.addin}")
    click.echo("Quittez Excel complètement puis rouvrez-le : l'onglet « Classeur » apparaît.")


@addin_group.command("status", context_settings=CONTEXT)
def addin_status() -> None:
    """Indique si le ruban Classeur est installé, et avec quel Python."""
    from classeur.excel import addin_install

    for line in addin_install.status():
        click.echo(line)


@cli.command("exporter", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-r", "--rencontre", "numero", type=int, help="Numéro de la rencontre à exporter.")
@click.option(
    "-d",
    "--document",
    type=click.Choice(outputs.DOCUMENTS),
    default=None,
    help="Document à exporter (par défaut : la rencontre si -r est donné, sinon le bilan).",
)
@click.option(
    "-f",
    "--format",
    "formats",
    default="pdf,docx,xlsx,eml",
    show_default=True,
    help="Formats, séparés par des virgules : pdf, docx, xlsx, eml.",
)
@click.option(
    "--pseudonymiser",
    is_flag=True,
    help="Remplacer le nom de chaque élève par un code stable (la clé reste à côté du classeur).",
)
@click.option(
    "-o",
    "--sortie",
    "dossier",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dossier où écrire les fichiers (par défaut : celui du classeur).",
)
@click.option(
    "--a",
    "destinataires",
    default=None,
    help="Adresses courriel des destinataires, séparées par des virgules "
    "(par défaut : les membres de l'équipe).",
)
@click.option(
    "--modele-word",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Votre propre modèle Word (.docx) avec des balises {{ … }}.",
)
@click.option("--remplacer", is_flag=True, help="Remplacer les fichiers déjà exportés.")
def exporter(
    fichier: Path,
    numero: int | None,
    document: str | None,
    formats: str,
    pseudonymiser: bool,
    dossier: Path | None,
    destinataires: str | None,
    modele_word: Path | None,
    remplacer: bool,
) -> None:
    """Exporte un document du classeur en PDF, Word, Excel (sans macros) et brouillon de
    courriel, et l'inscrit dans le journal des envois."""
    from classeur import features
    from classeur.files import filebook
    from classeur.files.export import bundle

    request = features.ExportRequest(
        kind=document or ("rencontre" if numero is not None else "bilan"),
        numero=numero,
        formats=bundle.parse_formats(formats),
        pseudonymise=pseudonymiser,
        outdir=dossier,
        to=destinataires,
        word_template=modele_word,
        replace_existing=remplacer,
    )
    done = features.exporter(filebook.FileSource(fichier), request)
    for path in done.files:
        click.echo(f"Fichier écrit : {path}")
    echo_messages(done.messages)
    if done.key is not None:
        click.echo(features.pseudonym_note(done.key))
    click.echo("Envoi inscrit dans le journal des envois du classeur.")


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


AUJOURDHUI = click.DateTime(formats=["%Y-%m-%d"])


def _rencontre(
    feature: Callable[..., list[str]],
    fichier: Path,
    numero: int,
    aujourdhui: Any,
    sortie: Path | None,
) -> None:
    from classeur.files import filebook

    today = aujourdhui.date() if aujourdhui else dt.date.today()
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
        type=click.IntRange(min=1),
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
        _refuse_existing(sortie, remplacer)
    with filebook.open_book(fichier, sortie) as book:
        lines = features.compiler(book)
    echo_messages(lines)
    click.echo(f"Classeur enregistré : {sortie or fichier}")


@cli.command("fusionner", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--remplacer-conflits",
    is_flag=True,
    help="Quand une valeur diffère, prendre celle de la copie (par défaut : garder celle "
    "du classeur et signaler le conflit).",
)
@sortie_option
def fusionner(
    fichier: Path, sources: tuple[Path, ...], remplacer_conflits: bool, sortie: Path | None
) -> None:
    """Fusionne dans FICHIER la grille des copies remplies par chaque enseignant·e.

    Les élèves sont reconnus par enseignant·e, groupe et nom. Une case vide d'une copie
    n'efface rien; une valeur différente de celle du classeur est un conflit : il est
    signalé et rien n'est remplacé, sauf avec --remplacer-conflits.
    """
    from tqdm import tqdm

    from classeur import features
    from classeur.files import filebook

    def each(copies: Sequence[Path]) -> Iterable[Path]:
        quiet = len(copies) < compilation.FUSION_PROGRESS_MIN_FILES
        return tqdm(copies, desc="Lecture des copies", unit=" fichier", disable=quiet)

    features.refuse_the_classeur_itself(fichier, sources)
    with filebook.open_book(fichier, sortie) as book:
        lines = features.fusionner(book, sources, remplacer_conflits, each)
    echo_messages(lines)
    click.echo(f"Classeur enregistré : {sortie or fichier}")


def _refuse_existing(path: Path, replace: bool) -> None:
    from classeur.errors import ClasseurError

    if path.exists() and not replace:
        raise ClasseurError(
            f"Le fichier « {path} » existe déjà; il n'a pas été modifié.",
            hint="Choisissez un autre nom ou ajoutez --remplacer.",
        )


def _echo_problems(what: str, problems: list[Problem], ok: str | None = None) -> None:
    if not problems:
        if ok:
            click.echo(ok)
        return
    click.echo(f"✗ {what} {len(problems)} problème(s)")
    for p in problems:
        click.echo(f"  - {p}")
