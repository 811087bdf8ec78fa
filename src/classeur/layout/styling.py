"""Named cell styles, colours, number formats and page setup, and each style's look for
the Excel binding."""

from __future__ import annotations

from dataclasses import dataclass

# Styles (named cell styles, so a teacher sees them in Excel's style gallery)
FONT_NAME = "Calibri"
COLOR_PRIMARY = "1F4E79"
COLOR_ACCENT = "DDEBF7"
COLOR_COMPUTED = "F2F2F2"
COLOR_WARNING = "FCE4D6"

STYLE_TITLE = "Classeur titre"
STYLE_SUBTITLE = "Classeur sous-titre"
STYLE_HEADER = "Classeur en-tête"
STYLE_LABEL = "Classeur étiquette"
STYLE_DATE = "Classeur date"
STYLE_TIME = "Classeur heure"
STYLE_PERCENT = "Classeur pourcentage"
STYLE_COMPUTED = "Classeur calcul"
STYLE_LINK = "Classeur lien"
STYLE_WRAP = "Classeur texte"

NUMBER_FORMAT_DATE = "yyyy-mm-dd"
NUMBER_FORMAT_TIME = 'h" h "mm'
NUMBER_FORMAT_PERCENT = "0 %"
# A date or time typed as text, once written back as a real one, keeps the look it was
# typed with (the teacher sees what they typed; the formulas see a date or a time).
NUMBER_FORMAT_TYPED_DATE = {
    "%Y-%m-%d": "yyyy-mm-dd",
    "%d/%m/%Y": "dd/mm/yyyy",
    "%d-%m-%Y": "dd-mm-yyyy",
    "%Y/%m/%d": "yyyy/mm/dd",
    "words": "[$-C0C]d mmmm yyyy",  # fr-CA month names: « 15 octobre 2026 »
}
NUMBER_FORMAT_TYPED_TIME = {
    ":": "h:mm",
    " h ": 'h" h "mm',
    "h": 'h"h"mm',
}

PAPER_LETTER = 1  # openpyxl / OOXML paper size code for US Letter


# Engine-neutral look of each named style, for the Excel binding (xlwings cannot apply
# named styles on every engine). Must agree with xlsxio.named_styles (a test checks).


@dataclass(frozen=True)
class Look:
    bold: bool = False
    italic: bool = False
    size: float = 11
    font_color: str | None = None  # hex RGB
    fill: str | None = None  # hex RGB
    number_format: str | None = None
    wrap: bool = False


STYLE_LOOKS: dict[str, Look] = {
    STYLE_TITLE: Look(bold=True, size=18, font_color=COLOR_PRIMARY),
    STYLE_SUBTITLE: Look(italic=True, font_color="595959"),
    STYLE_HEADER: Look(bold=True, font_color="FFFFFF", fill=COLOR_PRIMARY, wrap=True),
    STYLE_LABEL: Look(bold=True, font_color=COLOR_PRIMARY, wrap=True),
    STYLE_DATE: Look(number_format=NUMBER_FORMAT_DATE),
    STYLE_TIME: Look(number_format=NUMBER_FORMAT_TIME),
    STYLE_PERCENT: Look(number_format=NUMBER_FORMAT_PERCENT),
    STYLE_COMPUTED: Look(font_color="404040", fill=COLOR_COMPUTED),
    STYLE_LINK: Look(font_color="0563C1"),
    STYLE_WRAP: Look(wrap=True),
}
