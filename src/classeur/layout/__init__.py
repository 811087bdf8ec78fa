"""The workbook's vocabulary, in ONE place: sheet and table names, column headers, labels,
words of the validation lists, styles and A1 helpers. Headers are French (what a teacher
sees); keys are English identifiers (what the code uses). Nothing else in the package
spells a sheet name, a header or a cell address. This package imports nothing else of
Classeur: every layer may use it.
"""
