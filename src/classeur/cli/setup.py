"""The commands that create, check and share a classeur, and install the ribbon: each
parses its arguments, calls ONE use case of :mod:`classeur.features` and prints what it
returns. Heavy libraries are imported inside the commands (`classeur --help` stays fast).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from classeur.cli.french import CONTEXT, Count, Progress, say
from classeur.cli.group import MODELE_CHOICE, cli, echo_messages, refuse_existing
from classeur.layout import outputs
from classeur.text import french

if TYPE_CHECKING:
    from classeur.errors import Problem


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

    refuse_existing(fichier, remplacer)
    say("Classeur créé : « {} »", features.nouveau(fichier, modele, titre, annee))


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
@click.option(
    "--remplacer",
    is_flag=True,
    help="Remplacer le fichier s'il existe déjà (l'ancienne version est gardée dans les "
    "copies de sécurité).",
)
@click.option(
    "--cee",
    "dossier_cee",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Écrit plutôt dans ce dossier une année de 40 réseaux d'entraide, pour essayer "
    "« classeur cee ».",
)
def demo_cmd(sortie: Path | None, modele: str, remplacer: bool, dossier_cee: Path | None) -> None:
    """Écrit un classeur de démonstration complet et affiche son chemin."""
    from classeur import features

    if dossier_cee is not None:
        from classeur.features import cee as features_cee

        for line in features_cee.demo_cee(dossier_cee, replace=remplacer, progress=Progress()):
            say(line)
        return

    target = sortie or Path("classeur-demo.xlsx" if modele == "car" else "reseau-demo.xlsx")
    # A demo written over a team's classeur would leave it only in the backups.
    refuse_existing(target, remplacer)
    say("{}", features.demo(target, modele).resolve())


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
        _echo_problems("{} :", found.problems, f.name, ok="✓ {} : aucun problème")
        for note in found.warnings:
            say(f"  ⚠ {note}")
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
@click.option(
    "--remplacer", is_flag=True, help="Remplacer le complément s'il existe déjà à cet endroit."
)
def addin_build(output: Path, remplacer: bool) -> None:
    """Construit le complément classeur.xlam (sans Excel) à partir des sources du ruban."""
    from classeur.excel import addin
    from classeur.layout import excel_addin

    xlam = output if output.suffix.lower() == ".xlam" else output / excel_addin.ADDIN_FILE
    refuse_existing(xlam, remplacer)
    say("{}", addin.build(output))


@addin_group.command("install", context_settings=CONTEXT)
@click.option(
    "--complement",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Installer ce fichier classeur.xlam (p. ex. la copie signée par votre centre de "
    "services) plutôt que celui livré avec Classeur.",
)
def addin_install(complement: Path | None) -> None:
    """Installe le ruban Classeur dans Excel (Windows ou macOS), pour ce Python."""
    from classeur.excel import addin_install

    plan = addin_install.install(source=complement)
    say("Ruban Classeur installé : « {} »", plan.addin)
    say("Python utilisé par le ruban : « {} »", plan.interpreter_win or plan.interpreter_mac)
    echo_messages(plan.notes)
    say("Quittez Excel complètement puis rouvrez-le : l'onglet « Classeur » apparaît.")


@addin_group.command("status", context_settings=CONTEXT)
def addin_status() -> None:
    """Indique si le ruban Classeur est installé, et avec quel Python."""
    from classeur.excel import addin_install

    for line in addin_install.status():
        say(line)


@cli.command("exporter", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-r", "--rencontre", "numero", type=Count(min=1), help="Numéro de la rencontre à exporter."
)
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
    "--pseudonymiser/--noms-reels",
    default=None,
    help="Remplacer le nom de chaque élève par un code stable (la clé reste à côté du "
    "classeur), ou garder les vrais noms. Par défaut : codes pour la grille, noms ailleurs.",
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
    pseudonymiser: bool | None,
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
    from classeur.text import partage

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
        say("Fichier écrit : « {} »", path)
    echo_messages(done.messages)
    if done.key is not None:
        say(partage.pseudonym_note(done.key.name))
    say("Envoi inscrit dans le journal des envois du classeur.")


def _echo_problems(what: str, problems: list[Problem], *names: str, ok: str | None = None) -> None:
    """``what`` and ``ok`` are typeset, the file's ``names`` filling their ``{}`` as they are."""
    if not problems:
        if ok:
            say(ok, *names)
        return
    say(f"✗ {what} {french.plural(len(problems), 'problème')}", *names)
    for p in problems:
        say(f"  - {p}")
