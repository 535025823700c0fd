"""Benchmarks: `python -m bench --size S|M|L` (or `make bench SIZE=M`). Each figure is a ratio
measured side by side in the same run, and is reported against its target."""
