#!/usr/bin/env bash
# Rebuilds every file in workbooks/ with the classeur command (never by hand).
# Run from the repository root: bash workbooks/build.sh
set -euo pipefail
cd "$(dirname "$0")"
classeur nouveau modele-car.xlsx --modele car --remplacer
classeur nouveau modele-reseau.xlsx --modele reseau --remplacer
classeur demo -o classeur-demo.xlsx
classeur demo --modele reseau -o reseau-demo.xlsx
classeur addin build -o .
