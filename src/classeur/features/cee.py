"""The CEE's use cases: the dashboard of every network of a year (`classeur cee`) and its
demo year of 40 networks (`classeur demo --cee`). Unlike the team's use cases (the package's
``__init__``), they work on folders of classeurs, not on one Book, and only from the command
line (the CEE's tool is not a ribbon button). This module sequences the steps; the work is
done by ``domain.cee`` (pure), ``sheets.cee`` (sheet descriptions) and the file adapters."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from classeur.domain.cee.consolidate import Dashboard
from classeur.domain.cee.source import NetworkSource
from classeur.errors import ClasseurError
from classeur.layout import bilan_sheet, cee
from classeur.text import french as words

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class CeeResult:
    output: Path
    pdf: Path | None
    dashboard: Dashboard
    expected: dict[tuple[str, str], Any]  # the value of each formula cell, as computed
    lines: list[str] = field(default_factory=list)  # the summary, in French


def _workers(n_files: int) -> int:
    import os

    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    if n_files < cee.PARALLEL_MIN_FILES:
        return 1
    return max(1, min(cpus, cee.MAX_WORKERS))


def _quiet_worker() -> None:
    """A reading worker stops at once when asked: the command's own handlers (which clean
    its temporary folder and kill what it started) stay with the command."""
    import signal

    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def parallel_map(
    function: Callable[[T], R], items: Sequence[T], progress: SupportsWrite[str] | None, desc: str
) -> list[R]:
    """``function`` over ``items`` (in order), on every core when there are many, with a
    progress bar written to ``progress`` (the front-end's stream; none without it)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from tqdm import tqdm

    workers = _workers(len(items))
    with tqdm(
        total=len(items),
        desc=desc,
        unit=" fichier",
        disable=progress is None,
        file=progress,
        bar_format=words.PROGRESS_BAR,
    ) as bar:
        if workers == 1:
            out = []
            for item in items:
                out.append(function(item))
                bar.update()
            return out
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        chunk = max(1, min(8, len(items) // (workers * 4)))
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet_worker) as pool:
            out = []
            for result in pool.map(function, items, chunksize=chunk):
                out.append(result)
                bar.update()
            return out


def _choose_year(sources: list[NetworkSource], annee: str | None) -> str:
    if annee:
        return annee.strip()
    years = Counter(s.model.settings.annee_scolaire.strip() for s in sources)
    years.pop("", None)
    if not years:
        return ""
    best = max(years.values())
    return max(y for y, n in years.items() if n == best)


def _keep_year(sources: list[NetworkSource], year: str, lines: list[str]) -> list[NetworkSource]:
    kept = []
    for s in sources:
        own = s.model.settings.annee_scolaire.strip()
        if own and year and own != year:
            lines.append(cee.MSG_OTHER_YEAR.format(file=s.file, annee=own, voulue=year))
            continue
        if not own and year:
            lines.append(cee.MSG_NO_YEAR.format(file=s.file, annee=year))
        kept.append(s)
    return kept


def _skipped(why: str) -> str:
    return cee.MSG_SKIPPED.format(why=why[:1].lower() + why[1:])


def summary(dash: Dashboard, files: int, kept: int) -> list[str]:
    """The terminal's summary of the dashboard."""
    from classeur.domain.cee import deadlines

    nets = dash.networks
    figs = list(dash.figures.values())
    plans = Counter(f.plan.status for f in figs)
    no_bilan = sum(f.source.bilan is None and f.bilan.violated for f in figs)
    present = [f.source for f in figs if f.source.bilan is not None]
    complete = sum(not deadlines.bilan_missing_answers(src) for src in present)
    return [
        cee.MSG_READ.format(
            fichiers=words.plural(files, "fichier lu", "fichiers lus"),
            reseaux=words.plural(kept, "réseau", "réseaux"),
            ecartes=words.plural(files - kept, "écarté", "écartés"),
        ),
        cee.MSG_RULES.format(n=len(dash.violations), sheet=cee.SHEET_REGLES),
        cee.MSG_PLANS.format(
            a_temps=plans[deadlines.Status.ON_TIME],
            en_retard=plans[deadlines.Status.LATE],
            manquants=words.plural(plans[deadlines.Status.MISSING], "manquant"),
        ),
        cee.MSG_BILANS.format(
            complets=words.plural(complete, "complet"),
            incomplets=words.plural(len(present) - complete, "incomplet"),
            manquants=words.plural(no_bilan, "manquant"),
        ),
        cee.MSG_DAYS.format(
            utilises=words.days(float(nets["utilises"].sum()), "utilisé"),
            prevus=words.days(float(nets["prevus"].sum()), "prévu"),
            budget=words.days(float(nets["budget"].sum())),
        ),
        cee.MSG_OVERRUNS.format(n=int((nets["lib_etat"] == cee.LIB_DEPASSEMENT).sum())),
    ]


def tableau_cee(
    inputs: Iterable[Path],
    output: Path,
    *,
    annee: str | None = None,
    today: dt.date | None = None,
    pdf: bool = False,
    progress: SupportsWrite[str] | None = None,
) -> CeeResult:
    """Read every réseau classeur in ``inputs`` (folders or files), consolidate the year
    and write the dashboard to ``output`` (and its PDF). A file that cannot be read gets a
    French line in the summary; the others are still consolidated."""
    from classeur.domain.cee.consolidate import consolidate
    from classeur.files import dashboard as files
    from classeur.files.network_read import read_network_or_error
    from classeur.sheets.cee import dashboard_sheets

    inputs = list(inputs)
    for p in inputs:
        if not p.exists():
            raise ClasseurError(cee.MSG_MISSING.format(path=p), hint=cee.MSG_MISSING_HINT)
    found, empty = files.find_classeurs(inputs, exclude=output)
    lines = [_skipped(cee.MSG_EMPTY_FOLDER.format(folder=f)) for f in empty]
    if not found:
        where = ", ".join(f"«\u00a0{p}\u00a0»" for p in inputs)
        raise ClasseurError(cee.MSG_NOTHING.format(where=where))
    read = parallel_map(read_network_or_error, [str(p) for p in found], progress, cee.PROGRESS)
    lines += [_skipped(r) for r in read if isinstance(r, str)]
    sources = [r for r in read if isinstance(r, NetworkSource)]
    year = _choose_year(sources, annee)
    sources = _keep_year(sources, year, lines)
    if not sources:
        raise ClasseurError(cee.MSG_NO_NETWORK, hint="\n".join(lines) or None)
    dash = consolidate(sources, year, today or dt.date.today())
    links = {s.path: files.link_to(s.path, output) for s in sources}
    book = dashboard_sheets(dash, links, len(found))
    written = files.write_workbook(book.docs, output)
    pdf_path = files.write_pdf(written, written.with_suffix(".pdf")) if pdf else None
    lines += summary(dash, len(found), len(sources))
    lines.append(cee.MSG_SAVED.format(path=written))
    if pdf_path is not None:
        lines.append(cee.MSG_PDF.format(path=pdf_path))
    return CeeResult(written, pdf_path, dash, book.expected, lines)


def _with_answers(update: Any, answers: dict[str, str]) -> Any:
    """The Bilan sheet of ``update`` with the annexe 5 answers typed in (as a team would,
    in column B beside each label)."""
    for doc in update.sheets:
        for row in doc.rows:
            first = row[0] if row else None
            if first is not None and first.value in answers and len(row) >= 2:
                cell = row[bilan_sheet.BILAN_VALUE_COL - 1]
                if cell is not None:
                    cell.value = answers[first.value] or None
    return update


def _write_demo_network(item: tuple[Any, str]) -> str:
    """Write one network of the demo year into ``folder`` (a worker's task): what its
    team would have done with Classeur during the year, in order."""
    from classeur.domain import journal
    from classeur.domain.cee import demo
    from classeur.domain.rencontres import Saisie
    from classeur.files import filebook, xlsx_cells, xlsx_new
    from classeur.sheets import bilan, fiche, grille, plan, rencontre
    from classeur.sheets import journal as journal_sheet
    from classeur.text import partage

    net, folder = item
    path = Path(folder) / net.file
    edit = filebook.Edit(path, xlsx_new.build_workbook(net.model), net.model)
    if net.fiche is not None:
        edit.apply(fiche.fiche(edit.model, edit.sheet_values, net.fiche))
    if net.plan:
        edit.apply(plan.plan(edit.model, edit.sheet_values))
    for m in sorted(net.model.meetings, key=lambda m: m.numero):
        if m.numero in net.prepared:
            day = net.prepared[m.numero]
            edit.apply(rencontre.ordre_du_jour(edit.model, edit.sheet_values, m.numero, day))
        saisie = Saisie(presences=net.presences[m.numero])
        edit.apply(rencontre.saisir(edit.model, edit.sheet_values, m.numero, saisie, demo.TODAY))
    if net.bilan is not None:
        update = bilan.bilan(edit.model, edit.sheet_values, demo.TODAY)
        edit.apply(_with_answers(update, net.bilan))
    if net.compile:
        edit.apply(grille.compiler(edit.model, edit.sheet_values))
    emails = [m.courriel for m in net.model.members if m.courriel]
    for when, kind, numero in net.sent:
        document = partage.document_label(net.model, kind, numero)
        entry = journal.Entry(when, document, ["pdf"], emails, False, [f"{path.stem}.pdf"])
        edit.apply(journal_sheet.log(edit.sheet_values, entry))
    xlsx_cells.save_atomic(edit.wb, path)
    return str(net.file)


def demo_cee(
    folder: Path, *, replace: bool = False, progress: SupportsWrite[str] | None = None
) -> list[str]:
    """Write the demo year (40 réseau classeurs) into ``folder``; the summary lines. A
    demo classeur already there is replaced only when asked (``replace``), its previous
    version kept in the backups like any classeur rewritten by Classeur."""
    from classeur.domain.cee import demo

    year = demo.year()
    there = [net.file for net in year.networks if (folder / net.file).exists()]
    if there and not replace:
        raise ClasseurError(
            cee.MSG_DEMO_EXISTS.format(folder=folder, n=len(there)),
            hint=cee.MSG_DEMO_EXISTS_HINT,
        )
    folder.mkdir(parents=True, exist_ok=True)
    items = [(net, str(folder)) for net in year.networks]
    parallel_map(_write_demo_network, items, progress, cee.PROGRESS_DEMO)
    return [
        cee.MSG_DEMO.format(n=len(items), folder=folder, annee=demo.ANNEE),
        cee.MSG_DEMO_TRY.format(folder=folder, today=demo.TODAY.isoformat()),
    ]
