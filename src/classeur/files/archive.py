"""The zip container of an Office file (.xlsx, .docx), checked so that it cannot lie.

A zip states each part's size twice (central directory, local header) and a parser may
believe either, or neither: Python's ``zipfile`` stops at the declared size, the Rust
reader behind python-calamine inflates until the stream ends, and ``zipfile`` inflates a
bzip2 or LZMA part in one call however large it grows (an 85 KB bzip2 part declaring
2 MB expanded to 2.2 GB in memory). So nothing declared is trusted here:

- only the two methods Excel and Word write are accepted (stored, deflate); bzip2, LZMA,
  Deflate64, Zstandard… are refused before a byte is decompressed;
- every part is inflated by this module, in bounded chunks, from its own compressed
  bytes, with a hard cap on the bytes produced (per part and in total): a bomb costs at
  most the cap, whatever its header says;
- a part whose real size or checksum differs from the declared ones, whose local header
  disagrees with the central directory (name, method), that shares its bytes with
  another part, or whose name appears twice, is refused: each is a way to show one
  reader something other than what another reader sees.

Only the standard library is used (no parser): the checks run before any parser does.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from classeur.errors import ClasseurError

# A real classeur is a few hundred KB (a school's grille, a few MB); these bounds leave a
# wide margin while keeping openpyxl well under 1 GB of memory.
MAX_FILE_BYTES = 100 * 1024 * 1024  # on disk
MAX_TOTAL_UNCOMPRESSED = 150 * 1024 * 1024  # all parts, as really inflated
MAX_PART_UNCOMPRESSED = 40 * 1024 * 1024  # one XML part: a sheet, the shared strings…
_XML = (".xml", ".rels", ".vml")  # what parsers turn into objects (bounded per part)


def part_limit(name: str) -> int:
    """What one part may really hold: an XML part is parsed (bounded on its own), an
    image or any other binary part is only carried (bounded by the total)."""
    return MAX_PART_UNCOMPRESSED if name.lower().endswith(_XML) else MAX_TOTAL_UNCOMPRESSED


MAX_PARTS = 10_000
CHUNK = 256 * 1024  # what one inflate step may produce: the memory a bomb can take

# What Excel and Word write. Everything else is refused, by name when it has one.
ACCEPTED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
METHOD_NAMES = {
    1: "Shrink",
    6: "Implode",
    9: "Deflate64",
    12: "bzip2",
    14: "LZMA",
    19: "IBM LZ77",
    93: "Zstandard",
    95: "XZ",
    96: "JPEG",
    97: "WavPack",
    98: "PPMd",
    99: "AES",
}

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_MAGIC = b"PK\x03\x04"

FileError = Callable[[str, str], ClasseurError]  # (what, hint) -> the error to raise

BOMB_HINT = (
    "Si ce fichier vient d'une source sûre, ouvrez-le dans Excel (ou Word), supprimez les "
    "données inutiles et enregistrez-le de nouveau. Sinon, supprimez-le."
)
RESAVE_HINT = "Ouvrez-le dans Excel (ou Word) et enregistrez-le de nouveau."


def bomb(error: FileError, part: str) -> ClasseurError:
    return error(
        "deviendrait démesuré une fois décompressé (possible « bombe ZIP », partie "
        f"« {part} »); il n'a pas été ouvert.",
        BOMB_HINT,
    )


def check_directory(zf: zipfile.ZipFile, error: FileError) -> None:
    """What the central directory says, checked without decompressing anything:
    encryption, compression methods, duplicate names, declared sizes, shared bytes."""
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise error(f"contient {len(infos)} parties (limite : {MAX_PARTS}).", BOMB_HINT)
    seen: set[str] = set()
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise error(
                "est protégé par un mot de passe (archive chiffrée).",
                "Retirez le mot de passe, enregistrez, puis recommencez.",
            )
        if info.compress_type not in ACCEPTED_METHODS:
            method = METHOD_NAMES.get(info.compress_type, f"n° {info.compress_type}")
            raise error(
                f"est compressé d'une façon qu'Excel et Word n'utilisent jamais ({method}, "
                f"partie « {info.filename} »); il n'a pas été ouvert par prudence.",
                BOMB_HINT,
            )
        key = info.filename.casefold()
        if key in seen:
            raise error(
                f"contient deux fois la partie « {info.filename} »; il n'a pas été ouvert "
                "par prudence.",
                RESAVE_HINT,
            )
        seen.add(key)
        total += info.file_size
        if info.file_size > part_limit(info.filename) or total > MAX_TOTAL_UNCOMPRESSED:
            raise bomb(error, info.filename)
    _check_no_overlap(infos, error)


def _check_no_overlap(infos: list[zipfile.ZipInfo], error: FileError) -> None:
    """Parts whose bytes overlap: the « overlapping files » bomb, where thousands of
    entries inflate the same compressed bytes."""
    spans = sorted((i.header_offset, i) for i in infos)
    end = 0
    for start, info in spans:
        if start < end:
            raise error(
                f"contient des parties qui se chevauchent (« {info.filename} »); il n'a pas "
                "été ouvert par prudence.",
                BOMB_HINT,
            )
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        name_len = len(info.filename.encode(encoding, "replace"))
        end = start + _LOCAL_HEADER.size + name_len + info.compress_size


def _data_offset(fh: BinaryIO, info: zipfile.ZipInfo, error: FileError) -> int:
    """Where the compressed bytes of ``info`` start; its local header checked against
    the central directory (a reader that trusts one must not see another file)."""
    fh.seek(info.header_offset)
    raw = fh.read(_LOCAL_HEADER.size)
    if len(raw) < _LOCAL_HEADER.size:
        raise error("est incomplet (tronqué) : sa fin manque.", RESAVE_HINT)
    magic, _, _, flags, method, _, _, _, _, _, name_len, extra_len = _LOCAL_HEADER.unpack(raw)
    name = fh.read(name_len).decode("utf-8" if flags & 0x800 else "cp437", "replace")
    if magic != _LOCAL_MAGIC or method != info.compress_type or name != info.filename:
        raise error(
            f"a une partie dont les deux descriptions ne concordent pas (« {info.filename} »); "
            "il n'a pas été ouvert par prudence.",
            RESAVE_HINT,
        )
    return info.header_offset + _LOCAL_HEADER.size + name_len + extra_len


def _chunks(
    fh: BinaryIO, info: zipfile.ZipInfo, start: int, limit: int, error: FileError
) -> Iterator[bytes]:
    """The inflated bytes of ``info``, CHUNK by CHUNK; refused past ``limit`` bytes."""
    fh.seek(start)
    left = info.compress_size
    produced = 0
    inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    pending = b""
    while True:
        if not pending:
            if left <= 0:
                break
            pending = fh.read(min(CHUNK, left))
            if not pending:
                raise error("est incomplet (tronqué) : sa fin manque.", RESAVE_HINT)
            left -= len(pending)
        if inflate is None:
            out, pending = pending, b""
        else:
            out = inflate.decompress(pending, CHUNK)
            pending = inflate.unconsumed_tail
            if inflate.eof:
                pending = b""
                left = 0
        produced += len(out)
        if produced > info.file_size:  # more than declared: the header lies
            raise _lying(error, info)
        if produced > limit:
            raise bomb(error, info.filename)
        if out:
            yield out
    if inflate is not None and not inflate.eof:
        raise error(f"est endommagé (partie « {info.filename} » incomplète).", RESAVE_HINT)


def read_part(
    path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, error: FileError, limit: int
) -> bytes:
    """The bytes of part ``info``, inflated here under ``limit``; its real size and
    checksum must be the declared ones."""
    with path.open("rb") as fh:
        start = _data_offset(fh, info, error)
        data = b"".join(_chunks(fh, info, start, min(limit, part_limit(info.filename)), error))
    _check_declared(info, len(data), zlib.crc32(data), error)
    return data


def _lying(error: FileError, info: zipfile.ZipInfo) -> ClasseurError:
    return error(
        f"déclare pour la partie « {info.filename} » une taille ou une somme de contrôle "
        "qui ne sont pas les vraies; il n'a pas été ouvert par prudence.",
        BOMB_HINT,
    )


def _check_declared(info: zipfile.ZipInfo, size: int, crc: int, error: FileError) -> None:
    if size != info.file_size or crc != info.CRC:
        raise _lying(error, info)


PartCheck = Callable[[zipfile.ZipInfo, bytes], None]


def verify_parts(
    path: Path,
    zf: zipfile.ZipFile,
    error: FileError,
    wanted: Callable[[str], bool],
    check: PartCheck,
) -> None:
    """Inflate EVERY part here (bounded), so that its real size and checksum are known;
    ``check(info, data)`` receives the whole bytes of the parts ``wanted(name)`` asks
    for, the others are only counted. The total really produced is bounded too."""
    total = 0
    with path.open("rb") as fh:
        for info in zf.infolist():
            if info.is_dir():
                continue
            start = _data_offset(fh, info, error)
            limit = min(part_limit(info.filename), MAX_TOTAL_UNCOMPRESSED - total)
            keep = wanted(info.filename)
            size, crc, kept = 0, 0, []
            for chunk in _chunks(fh, info, start, limit, error):
                size += len(chunk)
                crc = zlib.crc32(chunk, crc)
                if keep:
                    kept.append(chunk)
            _check_declared(info, size, crc, error)
            total += size
            if keep:
                check(info, b"".join(kept))
