"""Errors a user can act on. Each maps to a CLI exit code and an HTTP status."""

from __future__ import annotations


class DatamapError(Exception):
    exit_code = 1
    http_status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DatamapError):
    """No entry matches what the user typed; `suggestions` are close ids and names."""

    exit_code = 2
    http_status = 404

    def __init__(self, what: str, text: str, suggestions: list[tuple[str, str]]) -> None:
        self.what, self.text, self.suggestions = what, text, suggestions
        hint = ""
        if suggestions:
            hint = "; did you mean " + ", ".join(f"{i} ({n})" for i, n in suggestions) + "?"
        super().__init__(f"no {what} matches {text!r}{hint}")


class Ambiguous(DatamapError):
    exit_code = 2
    http_status = 422

    def __init__(self, text: str, matches: list[tuple[str, str]]) -> None:
        self.text, self.matches = text, matches
        listed = ", ".join(f"{i} ({n})" for i, n in matches)
        super().__init__(f"{text!r} names several entries: {listed}; use an id")


class BadRequest(DatamapError):
    exit_code = 2
    http_status = 422


class StoreUnavailable(DatamapError):
    """The graph store cannot be reached or refused the credentials."""

    exit_code = 1
    http_status = 503
