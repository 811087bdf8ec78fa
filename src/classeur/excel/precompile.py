"""Precompile (``.pyc``) every module a ribbon click can import, for the Python running
this module: ``python -m classeur.excel.precompile`` (run by ``classeur addin install``
with the very interpreter the add-in will start).

xlwings' RunPython starts Python with ``-B``: a click never WRITES bytecode, so a module
without an up-to-date ``.pyc`` is compiled again at every click (≈ 180 ms for Classeur's
own modules in an editable install or after ``pip install --no-compile``). Existing
``.pyc`` files are still read under ``-B``: writing them once, at install, is enough.

What a click can import: Classeur's own package, and every distribution Classeur
requires (recursively; test extras excluded), as installed for this interpreter. The
standard library is compiled by Python's own installers. Prints one line: the number of
files checked and of ``.pyc`` that could not be written (a read-only system folder); exits
with 1 when Classeur itself cannot be imported (this interpreter could not run a click).
"""

from __future__ import annotations

import compileall
import importlib
import py_compile
import re
import sys
from importlib import metadata
from pathlib import Path

_NAME = re.compile(r"[A-Za-z0-9._-]+")
_EXTRA = re.compile(r";.*\bextra\s*==")


def _required(dist: metadata.Distribution) -> list[str]:
    names = []
    for requirement in dist.requires or []:
        if _EXTRA.search(requirement):
            continue  # an optional extra (the test tools): never imported by a click
        match = _NAME.match(requirement)
        if match:
            names.append(match.group(0))
    return names


def distributions(root: str = "classeur") -> list[metadata.Distribution]:
    """``root`` and everything it requires, as installed for this interpreter."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # not for this platform (e.g. pywin32 off Windows)
        seen[key] = dist
        todo += _required(dist)
    return list(seen.values())


def click_files() -> list[Path]:
    """Every Python source file a click can import, for this interpreter."""
    files: set[Path] = set()
    for dist in distributions():
        for item in dist.files or []:
            if item.suffix == ".py":
                files.add(Path(str(dist.locate_file(item))))
    # An editable install lists no source file: its package folder is added as it is.
    package = Path(str(importlib.import_module("classeur").__path__[0]))
    files |= set(package.rglob("*.py"))
    return sorted(f for f in files if f.is_file())


def main() -> int:
    try:
        importlib.import_module("classeur.excel.ribbon")  # what every click imports first
    except Exception as exc:  # this interpreter could not run a click
        print(f"import impossible : {exc!r}")
        return 1
    files = click_files()
    unwritable = [f for f in files if not compileall.compile_file(f, quiet=2) and not _compiles(f)]
    print(f"{len(files)} {len(unwritable)}")
    return 0


def _compiles(path: Path) -> bool:
    """Whether ``path`` could be compiled after all: a file that is not valid Python for
    this interpreter (never imported, e.g. olefile's Python 2 module) does not count;
    only a ``.pyc`` that cannot be written does."""
    try:
        py_compile.compile(str(path), doraise=True)
    except py_compile.PyCompileError:
        return True
    except OSError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
