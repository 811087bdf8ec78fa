#!/usr/bin/env bash
# Rebuilds every file in workbooks/ with the classeur command (never by hand). The add-in
# shipped in the package is rebuilt with: classeur addin build -o src/classeur/excel/data --remplacer
# Run from the repository root: bash workbooks/build.sh
set -euo pipefail
cd "$(dirname "$0")"
# With PYTHON set (the tests do), `PYTHON -m classeur`: the code on that interpreter's path,
# whether or not the `classeur` command is installed at that moment.
if [ -n "${PYTHON:-}" ]; then classeur() { "$PYTHON" -m classeur "$@"; }; fi
classeur nouveau modele-car.xlsx --modele car --remplacer
classeur nouveau modele-reseau.xlsx --modele reseau --remplacer
classeur demo -o classeur-demo.xlsx --remplacer
classeur demo --modele reseau -o reseau-demo.xlsx --remplacer
