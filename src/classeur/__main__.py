from classeur.cli.main import run

run()
