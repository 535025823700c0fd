"""Regulator-facing exports: records as CSV, XLSX, Markdown and HTML; JSON-LD in W3C DPV terms;
the provenance appendix; and the regulator pack that bundles them with the diagrams."""
