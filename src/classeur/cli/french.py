"""click in French: help pages, usage errors and click's own words translated, so that no
English from click reaches a teacher."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click

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
            fail(exc)


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


def fail(exc: BaseException) -> NoReturn:
    """The last line of defence: a French message and an exit code, never a traceback."""
    from classeur.cli import crashlog
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
    click.echo(crashlog.unexpected(exc), err=True)
    sys.exit(1)
