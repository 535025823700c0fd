"""The checks rules.yaml can name; importing this package registers them all."""

from catalog.review.compliance.checks import notice, parties, records, rights, sales, transfers  # noqa: F401
