"""`python -m catalog` runs the datamap CLI."""

from .cli import main

main()
