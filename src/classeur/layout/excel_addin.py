"""The Excel add-in: file, VBA project and callback names, its xlwings settings sheet, and
where the ribbon writes side files when the classeur has no local folder."""

from __future__ import annotations

ADDIN_FILE = "classeur.xlam"
ADDIN_PROJECT_NAME = "Classeur"  # the VBA project's name, as the VBA editor shows it
ADDIN_VBA_MODULE = "Classeur"  # the module holding the single ribbon callback
# The ribbon's single VBA callback and the Python function it runs. Neither name may look
# like an event handler or an auto-run macro (« …_Click », « Auto_Open »…): mail filters
# and antivirus heuristics (oletools' mraptor among them) flag such add-ins as suspicious.
ADDIN_CALLBACK = "ClasseurButton"
ADDIN_PYTHON_ENTRY = "classeur.excel.ribbon.button_pressed"
# xlwings reads the add-in's settings from the sheet "<PROJECT_NAME>.conf" of the add-in;
# PROJECT_NAME is the constant of the xlwings VBA module (lower case by convention).
ADDIN_XLWINGS_PROJECT = "classeur"
SHEET_ADDIN_CONF = f"{ADDIN_XLWINGS_PROJECT}.conf"
# Settings rows of that sheet (key in column A, value in column B), in order.
ADDIN_SETTING_INTERPRETER_WIN = "Interpreter_Win"
ADDIN_SETTING_INTERPRETER_MAC = "Interpreter_Mac"
# Every setting that xlwings' RunPython reads (GetConfig in its VBA module) is pinned here:
# xlwings looks for a key in this sheet BEFORE a « classeur.conf » file lying beside the
# active workbook, so a file received with a classeur cannot set any of them.
ADDIN_SETTINGS: tuple[tuple[str, str | bool], ...] = (
    (ADDIN_SETTING_INTERPRETER_WIN, ""),
    (ADDIN_SETTING_INTERPRETER_MAC, ""),
    ("INTERPRETER", ""),  # xlwings' legacy fallback: never used, never read elsewhere
    ("PYTHONPATH", ""),
    ("Conda Path", ""),
    ("Conda Env", ""),
    ("UDF Modules", ""),
    ("Debug UDFs", False),
    # RunPython in a new process at each click (see README, « Performances »).
    ("Use UDF Server", False),
    ("Show Console", False),
    # Never put the teacher's folder on sys.path: a stray .py file there must not run.
    ("ADD_WORKBOOK_TO_PYTHONPATH", False),
    ("ONEDRIVE_CONSUMER_WIN", ""),
    ("ONEDRIVE_COMMERCIAL_WIN", ""),
    ("SHAREPOINT_WIN", ""),
    ("ONEDRIVE_CONSUMER_MAC", ""),
    ("ONEDRIVE_COMMERCIAL_MAC", ""),
    ("SHAREPOINT_MAC", ""),
    ("LICENSE_KEY", ""),  # no xlwings PRO feature: no embedded code can ever run
    ("TEMP DIR", "%TEMP%"),  # Windows' own temporary folder (xlwings' default)
    ("SHOW_ERROR_POPUPS", "True"),  # compared by xlwings with the text "False"
)
# A workbook sheet whose name ends like this is read by xlwings as settings (« classeur.conf »
# by this add-in, « xlwings.conf » by xlwings' own, « <nom>.conf » by any other) or as
# Python code to run (« .py », xlwings PRO's embedded code). A received workbook must not
# carry one: the ribbon refuses such a workbook before starting Python, and
# `classeur verifier` reports the sheet.
XLWINGS_SHEET_SUFFIXES = (".conf", ".py")
ADDIN_SETTINGS_COLUMN_WIDTHS = (26.0, 60.0)

# Side files (Update.files, exports, the pseudonym key) written by the ribbon when the
# classeur has no local file: <the Documents folder>/Classeur/<classeur name>/
SIDE_FILES_FOLDER = "Classeur"
