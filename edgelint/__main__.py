from edgelint.cli import main

main()
