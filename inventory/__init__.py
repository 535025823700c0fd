"""Stefere Jewelry's inventory: YAML entries and the privacy policy text they quote."""
