"""The checks rules.yaml can name, by name. A new check module is added to the list below."""

from catalog.review.compliance.checks import (
    notice,
    parties,
    records,
    rights,
    sales,
    systems,
    transfers,
)
from catalog.review.compliance.registry import collect

CHECKS = collect(notice, parties, records, rights, sales, systems, transfers)
