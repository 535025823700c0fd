"""The checks rules.yaml can name, by name. A new check module is added to the list below."""

from catalog.review.compliance.checks import (
    activity_records,
    notice,
    parties,
    reconciliation,
    rights,
    sales,
    transfers,
)
from catalog.review.compliance.registry import collect

CHECKS = collect(notice, parties, activity_records, rights, sales, reconciliation, transfers)
