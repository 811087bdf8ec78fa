"""The Excel add-in: file, VBA project and callback names, its xlwings settings sheet, and
where the ribbon writes side files when the classeur has no local folder."""

from __future__ import annotations

ADDIN_FILE = "classeur.xlam"
ADDIN_PROJECT_NAME = "Classeur"  # the VBA project's name, as the VBA editor shows it
ADDIN_VBA_MODULE = "Classeur"  # the module holding the single ribbon callback
ADDIN_CALLBACK = "ClasseurClick"
# xlwings reads the add-in's settings from the sheet "<PROJECT_NAME>.conf" of the add-in;
# PROJECT_NAME is the constant of the xlwings VBA module (lower case by convention).
ADDIN_XLWINGS_PROJECT = "classeur"
SHEET_ADDIN_CONF = f"{ADDIN_XLWINGS_PROJECT}.conf"
# Settings rows of that sheet (key in column A, value in column B), in order.
ADDIN_SETTING_INTERPRETER_WIN = "Interpreter_Win"
ADDIN_SETTING_INTERPRETER_MAC = "Interpreter_Mac"
ADDIN_SETTINGS: tuple[tuple[str, str | bool], ...] = (
    (ADDIN_SETTING_INTERPRETER_WIN, ""),
    (ADDIN_SETTING_INTERPRETER_MAC, ""),
    ("PYTHONPATH", ""),
    ("Conda Path", ""),
    ("Conda Env", ""),
    ("UDF Modules", ""),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
    # Never put the teacher's folder on sys.path: a stray .py file there must not run.
    ("ADD_WORKBOOK_TO_PYTHONPATH", False),
)
ADDIN_SETTINGS_COLUMN_WIDTHS = (26.0, 60.0)

# Side files (Update.files) written by the ribbon when the classeur has no local folder
# (OneDrive / SharePoint): ~/Documents/Classeur/<classeur name>/
SIDE_FILES_DOCUMENTS = "Documents"
SIDE_FILES_FOLDER = "Classeur"
