from classeur.cli import main

main()
