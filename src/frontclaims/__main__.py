"""`python -m frontclaims` runs the command line."""

from .cli import main

main(prog_name="frontclaims")
