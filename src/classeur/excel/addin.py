"""Build and inspect the Excel add-in ``classeur.xlam``, on any OS, without Excel.

The add-in starts from the custom-add-in template shipped inside the installed (pinned)
xlwings package, so that its VBA matches the Python package. Building it:

- writes the callback module (``data/Classeur.bas``) as SOURCE ONLY, with pyOpenVBA:
  every module of the project is rewritten without compiled p-code and the project's
  performance cache is invalidated, so Excel compiles the source on first load (no stale
  p-code: no "VBA stomping");
- removes the template's sample ribbon module, points xlwings' ``PROJECT_NAME`` at this
  add-in, and names the VBA project;
- inserts the ribbon (``data/customUI.xml``) as a customUI part with its relationship;
- replaces the template's settings sheet by ``classeur.conf`` (interpreter settings).

The result is reproducible: same sources + same xlwings → same modules, ribbon and
settings (the zip entries are written in a fixed order with a fixed date). Installing it
is :mod:`classeur.excel.addin_install`'s job."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import shutil
import struct
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from classeur.errors import ClasseurError
from classeur.files.safewrite import write_atomic
from classeur.layout import excel_addin

TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
TEMPLATE_SAMPLE_MODULE = "RibbonMyAddin"
XLWINGS_MODULE = "xlwings"
_PROJECT_NAME_CONST = re.compile(r'^(Public Const PROJECT_NAME As String = )"[^"]*"', re.M)

CUSTOMUI_FILE = "customUI.xml"
VBA_FILE = f"{excel_addin.ADDIN_VBA_MODULE}.bas"
CUSTOMUI_PART = "customUI/customUI14.xml"
# customUI14 (Office 2010+) parts use the 2007 relationship type.
CUSTOMUI_REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# ======================================================================================
# Where things are
# ======================================================================================
def xlwings_dir() -> Path:
    """The installed xlwings package folder (found without importing xlwings)."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        raise ClasseurError(
            "Le paquet xlwings est introuvable.",
            hint="Installez-le : python -m pip install xlwings==0.37.8",
        )
    return Path(next(iter(spec.submodule_search_locations)))


def template_path() -> Path:
    """The custom add-in template shipped with the installed xlwings."""
    path = xlwings_dir() / TEMPLATE_NAME
    if not path.exists():
        raise ClasseurError(
            f"Le modèle de complément « {TEMPLATE_NAME} » est absent du paquet xlwings.",
            hint="Réinstallez xlwings : python -m pip install --force-reinstall xlwings==0.37.8",
        )
    return path


def xlwings_version() -> str:
    from importlib.metadata import version

    return version("xlwings")


def data_dir() -> Path:
    """The add-in's files shipped inside the package (ribbon XML, VBA module, built add-in),
    found from any install: repository, venv, system, ``--user``, pipx."""
    return Path(str(resources.files("classeur.excel").joinpath("data")))


def macros_dir() -> Path:
    folder = data_dir()
    if (folder / CUSTOMUI_FILE).exists() and (folder / VBA_FILE).exists():
        return folder
    raise ClasseurError(
        "Les sources du ruban sont introuvables dans l'installation de Classeur.",
        hint="Réinstallez Classeur : python -m pip install --force-reinstall classeur",
    )


def shipped_addin() -> Path | None:
    """The add-in built with the package, if any."""
    path = data_dir() / excel_addin.ADDIN_FILE
    return path if path.exists() else None


# ======================================================================================
# Sources
# ======================================================================================
def read_sources(folder: Path | None = None) -> tuple[str, str]:
    """(customUI XML, VBA module source) from the package's ``data/`` folder."""
    folder = folder or macros_dir()
    customui = (folder / CUSTOMUI_FILE).read_text(encoding="utf-8")
    vba = (folder / VBA_FILE).read_text(encoding="utf-8")
    return customui, _crlf(vba)


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def ribbon_ids(customui: str) -> list[str]:
    """Ids of the ribbon buttons that call the Classeur callback."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(customui.encode("utf-8"))
    ids = []
    for el in root.iter():
        if el.get("onAction") is not None:
            ids.append(el.get("id", ""))
    return ids


# ======================================================================================
# Building
# ======================================================================================
@dataclass
class AddinContents:
    """What an add-in means: its VBA modules, its ribbon and its settings."""

    project_name: str
    modules: dict[str, str]  # name -> source (CRLF, as stored)
    customui: str | None
    settings: dict[str, str | bool]
    sheets: list[str]


def settings_for(
    interpreter_win: str = "", interpreter_mac: str = ""
) -> tuple[tuple[str, str | bool], ...]:
    values = {
        excel_addin.ADDIN_SETTING_INTERPRETER_WIN: interpreter_win,
        excel_addin.ADDIN_SETTING_INTERPRETER_MAC: interpreter_mac,
    }
    return tuple((k, values.get(k, v)) for k, v in excel_addin.ADDIN_SETTINGS)


def build(
    output: str | os.PathLike[str],
    *,
    sources: Path | None = None,
    interpreter_win: str = "",
    interpreter_mac: str = "",
) -> Path:
    """Build the add-in into ``output``: a folder (created when missing, as ``pip wheel -w``
    does) or a path ending in .xlam. Only a path that is an existing file (not an .xlam)
    is refused."""
    target = Path(output)
    if target.suffix.lower() != ".xlam":
        if target.exists() and not target.is_dir():
            raise ClasseurError(
                f"« {target} » est un fichier, pas un dossier.",
                hint="Choisissez un dossier (il est créé s'il n'existe pas) ou un nom de "
                "fichier finissant par .xlam.",
            )
        target = target / excel_addin.ADDIN_FILE
    customui, vba_source = read_sources(sources)
    vba_bin = _build_vba_project(template_path(), vba_source)
    data = _assemble(
        template_path().read_bytes(),
        vba_bin,
        customui,
        settings_for(interpreter_win, interpreter_mac),
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClasseurError(
            f"Impossible de créer le dossier « {target.parent} ».",
            hint="Vérifiez que vous pouvez enregistrer des fichiers à cet endroit.",
        ) from exc
    _write_atomic(target, data)
    return target


def with_settings(
    source: Path, target: Path, *, interpreter_win: str = "", interpreter_mac: str = ""
) -> Path:
    """Copy the add-in ``source`` to ``target`` with new interpreter settings."""
    with zipfile.ZipFile(source) as z:
        entries = {i.filename: z.read(i.filename) for i in z.infolist()}
    sheet_part = _settings_sheet_part(entries)
    entries[sheet_part] = _settings_sheet_xml(settings_for(interpreter_win, interpreter_mac))
    _write_atomic(target, _zip(entries))
    return target


def _build_vba_project(template: Path, callback_source: str) -> bytes:
    """The template's vbaProject.bin with our module, every module as source only."""
    from pyopenvba import ExcelFile

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / excel_addin.ADDIN_FILE
        shutil.copyfile(template, work)
        with ExcelFile(work) as wb:
            project = wb.vba_project()
            project.delete_module(TEMPLATE_SAMPLE_MODULE)
            xlwings_src = wb.get_module(XLWINGS_MODULE)
            new_src, n = _PROJECT_NAME_CONST.subn(
                rf'\1"{excel_addin.ADDIN_XLWINGS_PROJECT}"', xlwings_src
            )
            if n != 1:
                raise ClasseurError(
                    "Le module xlwings du modèle n'a pas la forme attendue.",
                    hint="Vérifiez la version d'xlwings (0.37.8).",
                )
            # Rewrite every module: source only, no compiled p-code left anywhere.
            for name in wb.module_names():
                wb.set_module(name, new_src if name == XLWINGS_MODULE else wb.get_module(name))
            project.add_module(excel_addin.ADDIN_VBA_MODULE, callback_source)
            wb.save()
        with zipfile.ZipFile(work) as z:
            vba_bin = z.read("xl/vbaProject.bin")
    return _rename_project(vba_bin, excel_addin.ADDIN_PROJECT_NAME)


def _rename_project(vba_bin: bytes, name: str) -> bytes:
    """Set the VBA project name (dir stream PROJECTNAME record and PROJECT stream)."""
    from pyopenvba.cfb import CFB
    from pyopenvba.vba import compress, decompress

    cfb = CFB.from_bytes(vba_bin)
    project_text = cfb.get_stream("PROJECT").decode("cp1252")
    project_text = re.sub(r'(?m)^Name="[^"]*"', f'Name="{name}"', project_text)
    cfb.write_stream("PROJECT", project_text.encode("cp1252"))
    raw = decompress(cfb.get_stream_in_storage("VBA", "dir"))
    pos = 0
    while pos + 6 <= len(raw):
        rid, size = struct.unpack_from("<HI", raw, pos)
        if rid == 0x0004:  # PROJECTNAME
            encoded = name.encode("cp1252")
            raw = (
                raw[:pos] + struct.pack("<HI", rid, len(encoded)) + encoded + raw[pos + 6 + size :]
            )
            break
        pos += 6 + size
    else:  # pragma: no cover - the template always names its project
        raise ClasseurError("Le projet VBA du modèle n'a pas de nom.")
    cfb.write_stream_in_storage("VBA", "dir", compress(raw))
    return cfb.to_bytes()


def _settings_sheet_part(entries: Mapping[str, bytes]) -> str:
    sheets = sorted(n for n in entries if n.startswith("xl/worksheets/sheet"))
    if len(sheets) != 1:
        raise ClasseurError("Le modèle de complément doit contenir une seule feuille.")
    return sheets[0]


def _cell(ref: str, value: str | bool) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if value == "":
        return ""
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def _settings_sheet_xml(settings: tuple[tuple[str, str | bool], ...]) -> bytes:
    key_col, value_col = "A", "B"
    rows = []
    for r, (key, value) in enumerate(settings, start=1):
        rows.append(
            f'<row r="{r}">{_cell(f"{key_col}{r}", key)}{_cell(f"{value_col}{r}", value)}</row>'
        )
    widths = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
        for i, w in enumerate(excel_addin.ADDIN_SETTINGS_COLUMN_WIDTHS, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{_NS_MAIN}"><sheetPr codeName="Sheet2"/>'
        f"<cols>{widths}</cols><sheetData>{''.join(rows)}</sheetData></worksheet>"
    ).encode()


def _assemble(
    template: bytes,
    vba_bin: bytes,
    customui: str,
    settings: tuple[tuple[str, str | bool], ...],
) -> bytes:
    with zipfile.ZipFile(io.BytesIO(template)) as z:
        entries = {i.filename: z.read(i.filename) for i in z.infolist()}
    # Ribbon: drop the template's sample ribbon, add ours (customUI14 namespace).
    for name in [n for n in entries if n.startswith("customUI/")]:
        del entries[name]
    entries[CUSTOMUI_PART] = customui.encode("utf-8")
    rels = entries["_rels/.rels"].decode("utf-8")
    rels = re.sub(r"<Relationship [^>]*ui/extensibility[^>]*/>", "", rels)
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdClasseurUI" Type="{CUSTOMUI_REL_TYPE}" '
        f'Target="{CUSTOMUI_PART}"/></Relationships>',
    )
    entries["_rels/.rels"] = rels.encode("utf-8")
    entries["xl/vbaProject.bin"] = vba_bin
    # Settings sheet: renamed for this add-in, with its interpreter settings.
    entries[_settings_sheet_part(entries)] = _settings_sheet_xml(settings)
    wbxml = entries["xl/workbook.xml"].decode("utf-8")
    wbxml = re.sub(
        r'<sheet name="[^"]*"', f'<sheet name="{escape(excel_addin.SHEET_ADDIN_CONF)}"', wbxml
    )
    # No absolute path of the template author's machine in our add-in.
    wbxml = re.sub(r"<mc:AlternateContent.*?</mc:AlternateContent>", "", wbxml, flags=re.S)
    entries["xl/workbook.xml"] = wbxml.encode("utf-8")
    entries.pop("xl/sharedStrings.xml", None)
    wbrels = entries["xl/_rels/workbook.xml.rels"].decode("utf-8")
    wbrels = re.sub(r"<Relationship [^>]*sharedStrings[^>]*/>", "", wbrels)
    entries["xl/_rels/workbook.xml.rels"] = wbrels.encode("utf-8")
    types = entries["[Content_Types].xml"].decode("utf-8")
    types = re.sub(r"<Override PartName=\"/xl/sharedStrings.xml\"[^>]*/>", "", types)
    entries["[Content_Types].xml"] = types.encode("utf-8")
    return _zip(entries)


def _zip(entries: Mapping[str, bytes]) -> bytes:
    """A deterministic zip: content types first, then every part in name order."""
    buf = io.BytesIO()
    order = ["[Content_Types].xml", *sorted(n for n in entries if n != "[Content_Types].xml")]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, entries[name])
    return buf.getvalue()


def _write_atomic(target: Path, data: bytes) -> None:
    # The add-in is rebuilt from its sources: no backup of the previous build.
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomic(target, write, backup=False)


# ======================================================================================
# Inspecting
# ======================================================================================
def inspect(path: str | os.PathLike[str]) -> AddinContents:
    """Read what an add-in means (modules, ribbon, settings), for tests and `status`."""
    from pyopenvba import ExcelFile

    p = Path(path)
    with zipfile.ZipFile(p) as z:
        names = z.namelist()
        customui = z.read(CUSTOMUI_PART).decode("utf-8") if CUSTOMUI_PART in names else None
        wbxml = z.read("xl/workbook.xml").decode("utf-8")
        sheet_xml = z.read(_settings_sheet_part({n: b"" for n in names})).decode("utf-8")
    sheets = re.findall(r'<sheet name="([^"]*)"', wbxml)
    with ExcelFile(p) as wb:
        modules = {name: wb.get_module(name) for name in wb.module_names()}
        project_name = wb.vba_project().name
    return AddinContents(project_name, modules, customui, _parse_settings(sheet_xml), sheets)


def _parse_settings(sheet_xml: str) -> dict[str, str | bool]:
    import xml.etree.ElementTree as ET

    ns = {"m": _NS_MAIN}
    root = ET.fromstring(sheet_xml)
    out: dict[str, str | bool] = {}
    for row in root.iterfind(".//m:sheetData/m:row", ns):
        values: list[str | bool] = []
        for c in row.iterfind("m:c", ns):
            if c.get("t") == "b":
                values.append(c.findtext("m:v", "0", ns) == "1")
            else:
                values.append("".join(t.text or "" for t in c.iterfind(".//m:t", ns)))
        if values:
            key = values[0]
            out[str(key)] = values[1] if len(values) > 1 else ""
    return out
