"""`python -m catalog` runs the datamap CLI."""

from catalog.cli import main

main()
