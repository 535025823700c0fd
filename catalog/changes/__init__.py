"""Change tracking: what changed between two inventories, and what a revised notice drops."""

from .diff import diff_inventories, diff_views
from .drift import drift
from .models import DriftReport, InventoryDiff

__all__ = ["DriftReport", "InventoryDiff", "diff_inventories", "diff_views", "drift"]
