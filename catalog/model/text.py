"""Text helpers every report shares (records, findings, change logs)."""

from __future__ import annotations


def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


# C0 and C1 control characters, DEL and the Unicode line and paragraph separators: printed raw,
# a file name or a key holding one could end a line and forge the next.
_CONTROL = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029])


def printable(text: object) -> str:
    """`text` with every control character escaped (`\\n` as `\\x0a`), safe on one line."""
    s = str(text)
    if not any(ord(ch) in _CONTROL for ch in s):
        return s
    return "".join(
        (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        if ord(ch) in _CONTROL
        else ch
        for ch in s
    )
