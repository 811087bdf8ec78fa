"""The `classeur` command: parses arguments, calls the core, prints French errors.

Heavy libraries (openpyxl, pandas, jinja2) are imported inside the commands, so that
`classeur --help` starts fast.
"""

from __future__ import annotations

import gc
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

import click

from classeur import __version__
from classeur.layout import annexes, compilation, outputs

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


_HELP_FR = (
    ("Show this message and exit.", "Affiche cette aide et quitte."),
    ("Show the version and exit.", "Affiche la version et quitte."),
    ("required", "obligatoire"),
    ("default: ", "par défaut : "),
)
_HEADINGS_FR = {"Options": "Options :", "Commands": "Commandes :", "Arguments": "Arguments :"}


class FrenchFormatter(click.HelpFormatter):
    """Help pages in French: click's own words (usage, headings, extras) translated."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Utilisation : ")

    def write_heading(self, heading: str) -> None:
        # click appends ":" itself; the French heading carries its own " :".
        self.write(f"{'':>{self.current_indent}}{_HEADINGS_FR.get(heading, heading + ':')}\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        translated = []
        for term, text in rows:
            for en, fr in _HELP_FR:
                text = text.replace(en, fr)
            translated.append((term, text))
        super().write_dl(translated, col_max, col_spacing)


class FrenchContext(click.Context):
    formatter_class = FrenchFormatter


class FrenchCommand(click.Command):
    context_class = FrenchContext


class FrenchGroup(click.Group):
    """A group whose help, usage errors and unexpected failures are in French."""

    context_class = FrenchContext
    command_class = FrenchCommand
    group_class = type  # subgroups are FrenchGroups too

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:  # type: ignore[override]
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Opération annulée.", err=True)
            sys.exit(130)
        except click.UsageError as exc:
            _usage_error(exc)
        except click.ClickException as exc:
            click.echo(f"Erreur : {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except SystemExit:
            raise
        except Exception as exc:  # the last line of defence: never a traceback
            _fail(exc)


def _usage_error(exc: click.UsageError) -> NoReturn:
    if exc.ctx is not None:
        click.echo(exc.ctx.get_usage().replace("Usage:", "Utilisation :", 1), err=True)
    click.echo(f"Erreur : {_french_usage(exc.format_message())}", err=True)
    click.echo("Tapez « classeur --help » pour l'aide.", err=True)
    sys.exit(2)


_USAGE_FR = (
    ("No such command", "Commande inconnue"),
    ("Missing argument", "Argument manquant"),
    ("Missing option", "Option manquante"),
    ("No such option", "Option inconnue"),
    ("Invalid value for", "Valeur invalide pour"),
    ("is not one of", "n'est pas l'une des valeurs"),
    ("does not exist", "n'existe pas"),
    ("Got unexpected extra argument", "Argument en trop"),
    ("Got unexpected extra arguments", "Arguments en trop"),
    ("requires an argument", "demande une valeur"),
    ("is a directory", "est un dossier"),
    ("is a file", "est un fichier"),
    ("is not readable", "ne peut pas être lu"),
    ("is not writable", "ne peut pas être écrit"),
    ("File ", "Le fichier "),
    ("Directory ", "Le dossier "),
    ("Path ", "Le chemin "),
    ("Option", "L'option"),
)


def _french_usage(message: str) -> str:
    for en, fr in _USAGE_FR:
        message = message.replace(en, fr)
    return message


def _fail(exc: BaseException) -> NoReturn:
    from classeur.errors import ClasseurError

    if isinstance(exc, ClasseurError):
        click.echo(f"Erreur : {exc}", err=True)
        sys.exit(1)
    if isinstance(exc, KeyboardInterrupt):
        click.echo("Opération interrompue.", err=True)
        sys.exit(130)
    if isinstance(exc, MemoryError):
        click.echo("Erreur : mémoire insuffisante pour traiter ce fichier.", err=True)
        sys.exit(1)
    log = _write_crash_log(exc)
    click.echo(
        "Erreur inattendue : Classeur n'a pas pu terminer l'opération. "
        "Vos fichiers n'ont pas été modifiés."
        + (
            f" Les détails techniques sont dans « {log} »; joignez ce fichier "
            "à votre demande d'aide."
            if log
            else ""
        ),
        err=True,
    )
    sys.exit(1)


def _write_crash_log(exc: BaseException) -> Path | None:
    import tempfile

    try:
        fd, name = tempfile.mkstemp(prefix="classeur-erreur-", suffix=".txt")
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)))
        return Path(name)
    except OSError:
        return None


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

    Pass the value to ``workbook.update_classeur(path, make, output=sortie)``: the result
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
    from classeur.domain import demo
    from classeur.files import xlsx_new

    _refuse_existing(fichier, remplacer)
    path = xlsx_new.write_classeur(demo.blank(modele, titre, annee), fichier)
    click.echo(f"Classeur créé : {path}")


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
    from classeur.domain import demo
    from classeur.files import filebook, xlsx_new

    target = sortie or Path("classeur-demo.xlsx" if modele == "car" else "reseau-demo.xlsx")
    model = demo.demo(modele)
    path = xlsx_new.write_classeur(model, target)
    if modele == "reseau":
        # Partage: the réseau's fiche de proposition (annexe 1) and plan de réseau (annexe 2).
        from classeur.domain import reseau

        filebook.update_classeur(
            path, lambda e: reseau.fiche(e.model, e.sheet_values, reseau.EXEMPLE_FICHE)
        )
        filebook.update_classeur(path, lambda e: reseau.plan(e.model, e.sheet_values))
    _demo_rencontres(path, modele)
    # Partage: the year-end bilan (annexe 5), as of the demo's "today".
    from classeur.domain import bilan

    filebook.update_classeur(path, lambda e: bilan.bilan(e.model, e.sheet_values, demo.DEMO_TODAY))

    # Grille de compilation: results, chart and paliers (no date involved).
    from classeur.domain import grille

    filebook.update_classeur(path, lambda e: grille.compiler(e.model, e.sheet_values))
    click.echo(str(path.resolve()))


def _demo_rencontres(path: Path, modele: str) -> None:
    """Agendas of every rencontre; typed notes and comptes rendus of those already held."""
    from classeur.domain import demo, grille, rencontres
    from classeur.files import filebook, xlsx_read

    saisies = demo.saisies(modele)
    results = grille.phrases_pour_rencontre  # the grille's numbers in « Résultats attendus »
    with filebook.edit_classeur(path) as edit:
        for m in sorted(edit.model.meetings, key=lambda m: m.numero):
            n = m.numero
            steps = [
                lambda e, n=n: rencontres.ordre_du_jour(
                    e.model, e.sheet_values, n, demo.odj_day(modele, n), results
                )
            ]
            if n in saisies and m.date is not None and m.date < demo.DEMO_TODAY:
                steps += [
                    lambda e, n=n: rencontres.saisir(
                        e.model, e.sheet_values, n, saisies[n], demo.DEMO_TODAY
                    ),
                    lambda e, n=n: rencontres.compte_rendu(
                        e.model, e.sheet_values, n, demo.DEMO_TODAY, results
                    ),
                ]
            for step in steps:
                update = step(edit)
                edit.apply(update)
                if update.tables:
                    edit.model = xlsx_read.read_classeur_from(edit.wb)


@cli.command("verifier", context_settings=CONTEXT)
@click.argument(
    "fichiers", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
def verifier(fichiers: tuple[Path, ...]) -> None:
    """Vérifie un ou plusieurs classeurs et signale chaque problème trouvé.

    Avec plusieurs réseaux, vérifie aussi qu'une personne ne participe qu'à un réseau
    par année et n'en anime qu'un.
    """
    from classeur.domain import rules, verification
    from classeur.errors import ClasseurError
    from classeur.files import xlsx_read

    readable = []
    total = 0
    for f in fichiers:
        try:
            c, problems = xlsx_read.inspect_classeur(f)
        except ClasseurError as exc:
            c, problems = None, exc.problems
        if c is not None:
            problems = problems + verification.check(c, xlsx_read.sheet_values_of(f), f.name)
            readable.append((f.name, c))
        total += len(problems)
        if problems:
            click.echo(f"✗ {f.name} : {len(problems)} problème(s)")
            for p in problems:
                click.echo(f"  - {p}")
        else:
            click.echo(f"✓ {f.name} : aucun problème")
        for note in xlsx_read.file_warnings(f) if c is not None else []:
            click.echo(f"  ⚠ {note}")
    across = rules.check_across_networks(readable) if len(readable) > 1 else []
    if across:
        click.echo(f"✗ Entre les réseaux : {len(across)} problème(s)")
        for p in across:
            click.echo(f"  - {p}")
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
    """Construit le complément classeur.xlam (sans Excel) à partir du dossier macros/."""
    from classeur.excel import addin

    click.echo(str(addin.build(output)))


@addin_group.command("install", context_settings=CONTEXT)
def addin_install() -> None:
    """Installe le ruban Classeur dans Excel (Windows ou macOS), pour ce Python."""
    from classeur.excel import addin

    plan = addin.install()
    click.echo(f"Ruban Classeur installé : {plan.addin}")
    click.echo("Quittez Excel complètement puis rouvrez-le : l'onglet « Classeur » apparaît.")


@addin_group.command("status", context_settings=CONTEXT)
def addin_status() -> None:
    """Indique si le ruban Classeur est installé, et avec quel Python."""
    from classeur.excel import addin

    for line in addin.status():
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
    from classeur.files.export import bundle, pseudonyms

    kind = document or ("rencontre" if numero is not None else "bilan")
    result = bundle.export(
        fichier,
        kind,
        numero,
        bundle.parse_formats(formats),
        pseudonymise=pseudonymiser,
        outdir=dossier,
        to=destinataires,
        word_template=modele_word,
        replace_existing=remplacer,
    )
    for path in result.files:
        click.echo(f"Fichier écrit : {path}")
    for message in result.messages:
        click.echo(message)
    if pseudonymiser:
        click.echo(
            f"Noms des élèves remplacés par des codes; la clé reste dans "
            f"« {pseudonyms.key_path(fichier).name} » (ne l'envoyez pas)."
        )
    click.echo("Envoi inscrit dans le journal des envois du classeur.")


@cli.command("fiche", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@sortie_option
def fiche_cmd(fichier: Path, sortie: Path | None) -> None:
    """Réseau : crée ou met à jour la feuille « Fiche de proposition » (annexe 1 du CEE).

    Ce que vous y avez écrit est gardé; le résumé est limité à 150 mots.
    """
    from classeur.domain import reseau
    from classeur.files import filebook

    update = filebook.update_classeur(
        fichier, lambda edit: reseau.fiche(edit.model, edit.sheet_values), sortie
    )
    for message in update.messages:
        click.echo(message)


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
    from classeur.domain import reseau
    from classeur.files import filebook

    option = annexes.HORAIRE_KEYS[horaire] if horaire else None
    update = filebook.update_classeur(
        fichier, lambda edit: reseau.plan(edit.model, edit.sheet_values, option), sortie
    )
    for message in update.messages:
        click.echo(message)


@cli.command("bilan", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@sortie_option
def bilan_cmd(fichier: Path, sortie: Path | None) -> None:
    """Crée ou met à jour la feuille « Bilan » (annexe 5 du CEE) : membres, dates, but,
    travail accompli, réalisations, présences par membre et par rencontre, jours de
    libération (réseau) et progression de la grille avec un graphique. Ce que vous avez
    écrit dans le bilan est gardé."""
    import datetime as dt

    from classeur.domain import bilan
    from classeur.files import filebook

    update = filebook.update_classeur(
        fichier,
        lambda edit: bilan.bilan(edit.model, edit.sheet_values, dt.date.today()),
        sortie,
    )
    for message in update.messages:
        click.echo(message)


AUJOURDHUI = click.DateTime(formats=["%Y-%m-%d"])


def _rencontre_cmd(
    kind: str, fichier: Path, numero: int, aujourdhui: Any, sortie: Path | None = None
) -> None:
    import datetime as dt

    from classeur.domain import grille, rencontres
    from classeur.files import filebook

    today = aujourdhui.date() if aujourdhui else dt.date.today()
    feature = rencontres.ordre_du_jour if kind == "odj" else rencontres.compte_rendu
    # « Résultats attendus » carries the grille's numbers for the bloc under analysis.
    update = filebook.update_classeur(
        fichier,
        lambda e: feature(
            e.model, e.sheet_values, numero, today, results=grille.phrases_pour_rencontre
        ),
        sortie,
    )
    for line in update.messages:
        click.echo(line)
    for name in update.files:
        click.echo(f"Fichier écrit : {filebook.side_file_path(sortie or fichier, name)}")


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
    _rencontre_cmd("odj", fichier, numero, aujourdhui, sortie)


@cli.command("compte-rendu", context_settings=CONTEXT)
@_rencontre_options
def compte_rendu_cmd(fichier: Path, numero: int, aujourdhui: Any, sortie: Path | None) -> None:
    """Rédige le compte rendu de la rencontre N à partir de sa feuille.

    Reprend les présences, les notes et décisions, et ajoute au Suivi les actions de
    « Qui fait quoi? » (une seule fois); écrit le compte rendu en HTML et en texte.
    """
    _rencontre_cmd("cr", fichier, numero, aujourdhui, sortie)


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
    from classeur.domain import grille
    from classeur.files import filebook

    if sortie is not None:
        _refuse_existing(sortie, remplacer)
    update = filebook.update_classeur(
        fichier, lambda e: grille.compiler(e.model, e.sheet_values), sortie
    )
    for line in update.messages:
        click.echo(line)
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

    from classeur.domain import grille
    from classeur.errors import ClasseurError
    from classeur.files import filebook, grille_copies

    target = fichier.resolve()
    for src in sources:
        if src.resolve() == target:
            raise ClasseurError(
                f"Le fichier « {src} » est à la fois le classeur et une copie à fusionner.",
                hint="Donnez d'abord le classeur de l'équipe, puis les copies des enseignants.",
            )

    def make(edit: filebook.Edit) -> object:
        quiet = len(sources) < compilation.FUSION_PROGRESS_MIN_FILES
        read = [
            grille_copies.read_grille_source(src)
            for src in tqdm(sources, desc="Lecture des copies", unit=" fichier", disable=quiet)
        ]
        return grille.fusionner(edit.model, read, remplacer=remplacer_conflits).update

    update = filebook.update_classeur(fichier, make, sortie)
    for line in update.messages:
        click.echo(line)
    click.echo(f"Classeur enregistré : {sortie or fichier}")


def _refuse_existing(path: Path, replace: bool) -> None:
    from classeur.errors import ClasseurError

    if path.exists() and not replace:
        raise ClasseurError(
            f"Le fichier « {path} » existe déjà; il n'a pas été modifié.",
            hint="Choisissez un autre nom ou ajoutez --remplacer.",
        )


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="classeur")


def run() -> None:
    """The ``classeur`` program (console script and ``python -m classeur``)."""
    try:
        main()
    finally:
        # The command is done. A rewritten school grille leaves about a million openpyxl
        # objects linked in cycles (cell <-> sheet), which the interpreter's last
        # collection would walk and free (0.2 s) just before the process ends anyway:
        # keep them out of it. Output is flushed and exit handlers run as usual.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
