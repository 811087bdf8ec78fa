"""Zip bombs whose headers lie (bzip2, Deflate64, deflate): refused by every command that
reads a classeur before any parser inflates them, in under 2 s of CPU and 200 MB of
memory (measured by the kernel, not the wall clock: see tests/measure.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from classeur.domain import demo
from classeur.errors import ClasseurError
from classeur.files import archive, filecheck, xlsx_new
from classeur.layout import structure
from tests import bombs, clirun
from tests.hostile import sheet_part
from tests.measure import measured
from tests.typography import plain

BUILDERS = {
    "bzip2": bombs.bzip2_bomb,
    "Deflate64": bombs.deflate64_bomb,
}
MAX_CPU_SECONDS = 2
MAX_PEAK_MB = 200


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return xlsx_new.write_classeur(demo.demo(), tmp_path_factory.mktemp("base") / "demo.xlsx")


def _reading_commands() -> list[tuple[tuple[str, ...], object]]:
    out = []
    for path, cmd in clirun.discover():
        probe = clirun.argv_for(path, cmd, Path("x.xlsx"), Path("."), probe=True)
        if probe.uses_input:
            out.append((path, cmd))
    return out


COMMANDS = _reading_commands()


def test_the_bombs_really_are_bombs(base: Path, tmp_path: Path) -> None:
    """What the bombs hold is far more than they declare (else the test proves nothing)."""
    part = sheet_part(base, structure.SHEET_EQUIPE)
    p = bombs.bzip2_bomb(base, tmp_path / "b.xlsx", part)
    with zipfile.ZipFile(p) as zf:
        info = zf.getinfo(part)
        import bz2

        with p.open("rb") as fh:
            fh.seek(info.header_offset + 30 + len(part))
            real = len(bz2.decompress(fh.read(info.compress_size)))
    assert real > 50 * info.file_size
    data = bombs._deflate64_run(100)
    assert len(data) < 2 * 1024 * 1024
    import zlib

    assert len(zlib.decompress(data, -15)) > 90 * 1024 * 1024


@pytest.mark.parametrize("method", list(BUILDERS))
@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_refuses_a_lying_bomb_cheaply(
    base: Path, tmp_path: Path, method: str, path: tuple[str, ...], cmd: object
) -> None:
    infile = BUILDERS[method](
        base, tmp_path / "bombe.xlsx", sheet_part(base, structure.SHEET_EQUIPE)
    )
    before = infile.read_bytes()
    inv = clirun.argv_for(path, cmd, infile, tmp_path)  # type: ignore[arg-type]
    run = measured(inv.argv, tmp_path)
    refused = run.returncode == 1 and ("Erreur :" in plain(run.text) or "✗" in run.text)
    assert refused or clirun.left_out(run.returncode, run.text, infile.name), run.text
    assert method in run.text and "Traceback" not in run.text, run.text
    assert run.cpu_seconds < MAX_CPU_SECONDS, (run.cpu_seconds, inv.argv)
    assert run.peak_mb < MAX_PEAK_MB, (run.peak_mb, inv.argv)
    assert infile.read_bytes() == before


def test_every_part_is_inflated_under_the_cap(base: Path, tmp_path: Path) -> None:
    """A deflate part that declares its size truly but is larger than a part may be is
    refused as a bomb, and the check never holds more than the cap."""
    part = sheet_part(base, structure.SHEET_EQUIPE)
    entries = bombs.stored_entries(base)
    import zlib

    big = b"<x/>" * (archive.MAX_PART_UNCOMPRESSED // 4 + 1)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    entry = bombs.Entry(part, 8, c.compress(big) + c.flush(), len(big), zlib.crc32(big))
    p = bombs.write_raw_zip(
        tmp_path / "gros.xlsx", [entry if e.name == part else e for e in entries]
    )
    with pytest.raises(ClasseurError, match="bombe ZIP"):
        filecheck.check_file(p)


def test_a_local_header_that_disagrees_is_refused(base: Path, tmp_path: Path) -> None:
    data = bytearray(base.read_bytes())
    with zipfile.ZipFile(base) as zf:
        info = zf.getinfo(sheet_part(base, structure.SHEET_EQUIPE))
    name_at = info.header_offset + 30
    data[name_at] = ord("X")  # the local header names another part
    p = tmp_path / "deux-noms.xlsx"
    p.write_bytes(bytes(data))
    with pytest.raises(ClasseurError, match="ne concordent pas"):
        filecheck.check_file(p)
