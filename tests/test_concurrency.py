"""One writer at a time: two commands started together on one classeur never lose each
other's work (either both results are in the file, or one refused in French), and a
file another program changed during a command is not replaced (both versions kept)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from classeur import features
from classeur.domain import demo
from classeur.errors import ClasseurError
from classeur.files import filebook, writelock, xlsx_new, xlsx_read
from classeur.layout import structure
from classeur.sheets import rencontre
from classeur.sheets.sheetdoc import Update
from tests.measure import env_for

TRIALS = 20


@pytest.fixture(scope="module")
def r1_typed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo classeur with rencontre 1's notes typed (its « Qui fait quoi? » actions
    not yet in Suivi): `compte-rendu -r 1` adds them, `compiler` adds the Résultats."""
    model = dataclasses.replace(demo.demo(), actions=[])
    path = xlsx_new.write_classeur(model, tmp_path_factory.mktemp("r1") / "equipe.xlsx")
    with filebook.open_book(path) as book:
        features.ordre_du_jour(book, 1, demo.odj_day("car", 1))
        model = book.model()
        typed = rencontre.saisir(
            model, book.sheet_values, 1, demo.saisies("car")[1], demo.DEMO_TODAY
        )
        book.apply(typed, model)
    return path


def _suivi_count(path: Path) -> int:
    return len(xlsx_read.read_classeur(path).actions)


def _start(argv: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "classeur", *argv],
        cwd=cwd,
        env=env_for(cwd),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_writing_commands_at_once_lose_nothing(r1_typed: Path, tmp_path: Path) -> None:
    before = _suivi_count(r1_typed)
    outcomes = []
    for trial in range(TRIALS):
        work = tmp_path / f"essai-{trial}"
        work.mkdir()
        f = shutil.copy2(r1_typed, work / "equipe.xlsx")
        # Started together: each reads the file, then replaces it.
        a = _start(["compiler", str(f)], work)
        b = _start(["compte-rendu", str(f), "-r", "1", "--aujourdhui", "2026-11-25"], work)
        runs = {"compiler": a, "compte-rendu": b}
        done = {name: (p.wait(), *p.communicate()) for name, p in runs.items()}
        for name, (code, out, err) in done.items():
            assert code in (0, 1), (trial, name, code, out, err)
            assert "Traceback" not in out + err and "Erreur inattendue" not in err, err
            if code == 1:
                assert err.startswith("Erreur\u00a0: "), err  # a French refusal
        wb = load_workbook(f)
        compiled = structure.SHEET_RESULTATS in wb.sheetnames
        reported = _suivi_count(f) > before
        assert compiled == (done["compiler"][0] == 0), (trial, done)
        assert reported == (done["compte-rendu"][0] == 0), (trial, done)
        outcomes.append((done["compiler"][0], done["compte-rendu"][0]))
    # The second command waits for the first, then works on the new version.
    assert outcomes.count((0, 0)) == TRIALS, outcomes


def test_a_file_changed_meanwhile_is_not_replaced(demo_path: Path) -> None:
    """Another program (Excel saving, a sync client) replaces the file while a command
    works on it: the command does not overwrite it; its result is kept beside it."""

    def meanwhile(edit: filebook.Edit) -> Update:
        model = demo.demo()
        changed = dataclasses.replace(
            model, settings=dataclasses.replace(model.settings, titre="Titre enregistré par Excel")
        )
        other = xlsx_new.write_classeur(changed, demo_path.with_name("autre.xlsx"))
        other.replace(demo_path)  # not through Classeur: no lock taken
        return Update(settings={structure.PARAM_TITRE: "Titre de la commande"})

    with pytest.raises(ClasseurError) as info:
        filebook.update_classeur(demo_path, meanwhile)
    theirs = demo_path.read_bytes()
    assert "a été modifié par un autre programme" in str(info.value)
    kept = [p for p in demo_path.parent.glob("demo (version Classeur *).xlsx")]
    assert len(kept) == 1, sorted(p.name for p in demo_path.parent.iterdir())
    assert kept[0].name in str(info.value)
    assert xlsx_read.read_classeur(kept[0]).settings.titre == "Titre de la commande"
    assert xlsx_read.read_classeur(demo_path).settings.titre == "Titre enregistré par Excel"
    assert demo_path.read_bytes() == theirs


def test_a_held_lock_makes_a_command_wait_then_refuse_in_french(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock another process holds: the command waits, then refuses, nothing written."""
    before = demo_path.read_bytes()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, filelock; l = filelock.FileLock(sys.argv[1]); l.acquire(); "
            "print('pris', flush=True); time.sleep(600)",
            str(writelock.lock_path(demo_path)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "pris"
        monkeypatch.setattr(writelock, "WAIT_SECONDS", 0.5)
        told: list[str] = []
        monkeypatch.setattr(writelock, "notify", told.append)
        with (
            pytest.raises(ClasseurError, match="Une autre commande Classeur"),
            writelock.holding(demo_path, wait=0.5),
        ):
            pass
        assert told and "en attente" in told[0]
        assert demo_path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    with writelock.holding(demo_path, wait=0):  # released with its holder
        pass


def test_a_ribbon_click_holds_the_same_lock(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A click on a book saved on this computer takes the classeur's lock (its side files
    and exports are never written while a command rewrites the file): held elsewhere, the
    click waits a little, then says so in French."""
    from classeur.excel import clicks
    from classeur.excel.book import XlBook

    class SavedBook(XlBook):  # Excel's book whose file is demo_path (its fullname)
        def local_path(self) -> Path:
            return demo_path

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, filelock; l = filelock.FileLock(sys.argv[1]); l.acquire(); "
            "print('pris', flush=True); time.sleep(600)",
            str(writelock.lock_path(demo_path)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "pris"
        monkeypatch.setattr(clicks, "CLICK_LOCK_WAIT_SECONDS", 0.3)
        with (
            pytest.raises(ClasseurError, match="Une autre commande Classeur"),
            clicks._one_writer(SavedBook(None)),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()
    with clicks._one_writer(SavedBook(None)):  # free again: the click proceeds
        assert writelock.lock_path(demo_path).exists()


_COUNTING = """
import sys
from pathlib import Path
from classeur.files import writelock
target = Path(sys.argv[1])
counter = target.with_name("compteur")
for _ in range(int(sys.argv[2])):
    with writelock.holding(target):
        counter.write_text(str(int(counter.read_text()) + 1))
"""


def test_the_lock_file_is_removed_and_still_one_writer_at_a_time(tmp_path: Path) -> None:
    """Its last holder removes the lock file as it lets go, while others wait on it: still
    one writer at a time (every increment of a shared counter kept), and nothing left."""
    target = tmp_path / "equipe.xlsx"
    (tmp_path / "compteur").write_text("0")
    writers, rounds = 4, 150
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _COUNTING, str(target), str(rounds)],
            env=env_for(tmp_path),
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(writers)
    ]
    for run in runs:
        _, err = run.communicate()
        assert run.returncode == 0, err
    assert (tmp_path / "compteur").read_text() == str(writers * rounds)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["compteur"]


def test_a_nested_hold_keeps_the_lock_file_until_the_outermost_ends(demo_path: Path) -> None:
    lock = writelock.lock_path(demo_path)
    with writelock.holding(demo_path):
        with writelock.holding(demo_path):
            assert lock.exists()
        assert lock.exists()  # still held by the outer command
    assert not lock.exists()


def test_a_lock_file_left_by_a_killed_command_is_removed_by_the_next_one(
    demo_path: Path,
) -> None:
    """SIGKILL leaves the lock file (not the lock: the kernel drops it): the next command,
    whatever it is, removes it; one a live command holds is left alone."""
    lock = writelock.lock_path(demo_path)
    holding = (
        "import sys, time; from pathlib import Path; from classeur.files import writelock\n"
        "with writelock.holding(Path(sys.argv[1])):\n"
        "    print('pris', flush=True); time.sleep(600)\n"
    )
    for killed in (True, False):
        holder = subprocess.Popen(
            [sys.executable, "-c", holding, str(demo_path)],
            env=env_for(demo_path.parent),
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "pris"
            if killed:
                holder.kill()
                holder.wait()
            assert lock.exists()
            after = _start(["verifier", str(demo_path)], demo_path.parent)
            out, err = after.communicate()
            assert after.returncode == 0, err
            assert lock.exists() != killed, (killed, out, err)
        finally:
            holder.kill()
            holder.wait()


def test_a_lock_taken_on_a_file_just_removed_is_taken_again(tmp_path: Path) -> None:
    """The holder before us removed the file we were waiting on, just as we locked it:
    that file is no lock any more (a newcomer creates another at the path), so the lock
    is taken again on the file the path names; whatever filelock checks itself."""
    from filelock import FileLock

    target = tmp_path / "equipe.xlsx"
    lock = writelock._lock_for(target)
    locked: list[int] = []

    def removed_once(fd: int) -> None:
        lock._held_through(fd)
        locked.append(fd)
        if len(locked) == 1:  # the predecessor's removal, between our lock and our check
            os.unlink(lock.path)

    lock.lock = FileLock(lock.path, thread_local=False, on_acquired=removed_once)
    with writelock.holding(target):
        st = os.stat(lock.path)  # a file at the path, and the one held
        assert len(locked) == 2 and (st.st_dev, st.st_ino) == lock.held
    assert not os.path.exists(lock.path)
