from classeur.cli import run

run()
