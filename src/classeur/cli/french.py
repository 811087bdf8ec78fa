"""click in French: help pages, usage errors and click's own words translated, so that no
English from click reaches a teacher.

click marks every message it prints with gettext; ``use_french()`` binds the French
catalogue shipped in ``cli/locale`` (``classeur.po``, compiled to ``classeur.mo``) and asks
gettext for French whatever the computer's language (Classeur speaks only French). The
placeholders of the help (PATH, INTEGER, TEXT) are click's type names, not messages:
``FrenchCommand`` gives every option a French one (FICHIER, DOSSIER, NOMBRE, TEXTE, DATE).
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import os
import re
import sys
from importlib import resources
from typing import Any, NoReturn

import click

from classeur.text import french as french_text

DOMAIN = "classeur"
NBSP = "\u00a0"


def use_french() -> None:
    """click's messages in French: its gettext calls read the shipped catalogue."""
    gettext.bindtextdomain(DOMAIN, str(resources.files("classeur.cli") / "locale"))
    gettext.textdomain(DOMAIN)
    # gettext picks the language from LANGUAGE first: French, whatever the system says.
    os.environ["LANGUAGE"] = "fr_CA:fr"


class Date(click.ParamType):
    """A date on the command line, read by the workbook's own date parser (« 2026-10-15 »,
    « 15/10/2026 », « 1er octobre 2026 »…), refused in French."""

    name = "date"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        from classeur.domain import cellvalues

        if isinstance(value, dt.date):
            return value
        try:
            parsed = cellvalues.parse_date(value)
        except cellvalues.Invalid:
            parsed = None
        if parsed is None:
            self.fail(
                f"« {value} » n’est pas une date; écrivez-la AAAA-MM-JJ, p. ex. « 2026-10-15 »."
            )
        return parsed


class Count(click.IntRange):
    """A whole number from ``min`` (a rencontre's number…), its range said in French."""

    name = "nombre"

    def _describe_range(self) -> str:
        if self.max is None:
            return f"{self.min} ou plus"
        if self.min is None:
            return f"{self.max} ou moins"
        return f"de {self.min} à {self.max}"


def _metavar(kind: click.ParamType) -> str | None:
    """The French placeholder of an option's value in the help."""
    if isinstance(kind, click.Path):
        if kind.file_okay and not kind.dir_okay:
            return "FICHIER"
        return "DOSSIER" if kind.dir_okay and not kind.file_okay else "CHEMIN"
    if isinstance(kind, click.Choice):
        return None  # click lists the choices themselves
    names = {"integer": "NOMBRE", "nombre": "NOMBRE", "float": "NOMBRE", "date": "DATE"}
    return names.get(kind.name, "TEXTE")


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


_HELP_FR = (
    ("Show this message and exit.", "Affiche cette aide et quitte."),
    ("Show the version and exit.", "Affiche la version et quitte."),
    ("required", "obligatoire"),
    ("default: ", "par défaut\u00a0: "),
)
# click's headings (translated by the catalogue or not), with the colon of French typography
_HEADINGS_FR = {
    heading: f"{french}\u00a0:"
    for english, french in (
        ("Options", "Options"),
        ("Commands", "Commandes"),
        ("Arguments", "Arguments"),
    )
    for heading in (english, french)
}


typeset = french_text.typeset


def say(message: object = "", *values: object, err: bool = False) -> None:
    """Print one line for the teacher: every line the command prints comes here (or, for
    its help and progress bars, through :func:`typeset` too). ``values`` (paths, names a
    teacher typed) fill the message's ``{}`` after it is typeset: shown as they are
    (:func:`classeur.text.french.message`, as the ribbon's message boxes)."""
    click.echo(french_text.message(str(message), *values), err=err)


class Progress(io.TextIOBase):
    """The stream a progress bar (tqdm) writes to: the terminal's error stream, through
    :func:`typeset`, so that its words follow the same rules as every other line."""

    def write(self, text: str) -> int:
        click.echo(typeset(text), nl=False, err=True)
        return len(text)

    def flush(self) -> None:
        sys.stderr.flush()

    def fileno(self) -> int:
        return sys.stderr.fileno()

    def isatty(self) -> bool:
        return sys.stderr.isatty()


class FrenchFormatter(click.HelpFormatter):
    """Help pages in French: click's own words (usage, headings, extras) translated, and
    every text typeset before click wraps it: a non-breaking space only holds « : » or « »
    to their word if it is there when the line is cut."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Utilisation\u00a0: ")

    def write_heading(self, heading: str) -> None:
        # click appends ":" itself; the French heading carries its own " :".
        shown = _HEADINGS_FR.get(heading, heading + NBSP + ":")
        self.write(f"{'':>{self.current_indent}}{shown}\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        translated = []
        for term, text in rows:
            for en, fr in _HELP_FR:
                text = text.replace(en, fr)
            translated.append((typeset(term), typeset(text)))
        super().write_dl(translated, col_max, col_spacing)

    def write_text(self, text: str) -> None:
        super().write_text(typeset(text))


class FrenchContext(click.Context):
    formatter_class = FrenchFormatter


class FrenchCommand(click.Command):
    context_class = FrenchContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
                param.metavar = _metavar(param.type)


class FrenchGroup(click.Group):
    """A group whose help, usage errors and unexpected failures are in French."""

    context_class = FrenchContext
    command_class = FrenchCommand
    group_class = type  # subgroups are FrenchGroups too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "COMMANDE [ARGUMENTS]…")
        super().__init__(*args, **kwargs)

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:  # type: ignore[override]
        use_french()
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            say("Opération annulée.", err=True)
            sys.exit(130)
        except click.UsageError as exc:
            _usage_error(exc)
        except click.ClickException as exc:
            say(f"Erreur : {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except SystemExit:
            raise
        except Exception as exc:  # the last line of defence: never a traceback
            fail(exc)


def _usage_error(exc: click.UsageError) -> NoReturn:
    if exc.ctx is not None:
        say(exc.ctx.get_usage(), err=True)
    say(f"Erreur : {_french_quotes(exc.format_message())}", err=True)
    say("Tapez « classeur --help » pour l’aide.", err=True)
    sys.exit(2)


_QUOTED = re.compile(r"'([^'\n]+)'")


def _french_quotes(message: str) -> str:
    """click quotes options and choices 'like this' itself (outside its messages):
    French quotes « like this »."""
    return _QUOTED.sub("«\u00a0\\1\u00a0»", message)


def fail(exc: BaseException) -> NoReturn:
    """The last line of defence: a French message and an exit code, never a traceback."""
    from classeur.cli import crashlog
    from classeur.errors import ClasseurError

    if isinstance(exc, ClasseurError):
        say(f"Erreur : {exc}", err=True)
        sys.exit(1)
    if isinstance(exc, KeyboardInterrupt):
        say("Opération interrompue.", err=True)
        sys.exit(130)
    if isinstance(exc, MemoryError):
        say("Erreur : mémoire insuffisante pour traiter ce fichier.", err=True)
        sys.exit(1)
    say(crashlog.unexpected(exc), err=True)
    sys.exit(1)
