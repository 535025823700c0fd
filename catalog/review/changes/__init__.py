"""Change tracking: what changed between two inventories, and what a revised notice drops."""

from catalog.review.changes.diff import diff_inventories, diff_views
from catalog.review.changes.drift import drift
from catalog.review.changes.models import DriftReport, InventoryDiff

__all__ = ["DriftReport", "InventoryDiff", "diff_inventories", "diff_views", "drift"]
