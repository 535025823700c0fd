"""`python -m bench generate --size S|M|L -o DIR`: a synthetic inventory folder that every
command accepts through `--inventory` (policy text, quotes verbatim, the same shape as
Stefere's at a chosen size)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from catalog.dev.synthetic import SIZES, generate


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench generate", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("-o", "--output", type=Path, required=True, help="an empty or new folder")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    try:
        counts = generate(args.size, args.output, seed=args.seed)
    except FileExistsError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    sys.stdout.write(f"wrote a size-{args.size} inventory to {args.output}: {summary}\n")
    sys.stdout.write(f"try: datamap --inventory {args.output} validate\n")
    return 0
