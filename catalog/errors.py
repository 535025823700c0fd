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

    def __init__(
        self,
        what: str,
        text: str,
        suggestions: list[tuple[str, str]],
        listing: str | None = None,
    ) -> None:
        # `listing`: the plural a listing of this kind goes by (`categories`), for the hint on
        # where to look, said the way each interface says it
        self.what, self.text, self.suggestions, self.listing = what, text, suggestions, listing
        super().__init__(self._said(f"`datamap list {listing} -q WORD`" if listing else None))

    def _said(self, where: str | None) -> str:
        what, text = self.what, self.text
        if self.suggestions:
            close = ", ".join(f"{i} ({n})" for i, n in self.suggestions)
            return f"no {what} matches {text!r}; did you mean {close}?"
        # nothing close: say so plainly, and where to look
        rest = f"; {where} shows what it holds" if where else ""
        return f"no {what} matches {text!r}: the inventory has no {what} by that name{rest}"

    @property
    def http_message(self) -> str:
        """The same, for an HTTP client: where to look is a URL, not a command."""
        return self._said(f"GET /{self.listing}?q=WORD" if self.listing else None)


class Ambiguous(DatamapError):
    """Several entries match what the user typed: none is picked. Over HTTP a 404 (no one
    entry is named) whose suggestions are the candidates."""

    exit_code = 2
    http_status = 404

    def __init__(self, text: str, matches: list[tuple[str, str]]) -> None:
        self.text, self.matches = text, matches
        listed = ", ".join(f"{i} ({n})" for i, n in matches)
        super().__init__(f"{text!r} names several entries: {listed}; use an id")


class BadRequest(DatamapError):
    exit_code = 2
    http_status = 422


class StoreUnavailable(DatamapError):
    """The graph store cannot be reached or refused the credentials.

    `message` names the server, for the operator (the CLI prints it, the API logs it);
    `public` says the same without the address or the driver's words, for an HTTP body.
    `retry_after` is how many seconds a client should wait, when the store is known to be down.
    """

    exit_code = 1
    http_status = 503

    def __init__(
        self, message: str, public: str | None = None, retry_after: int | None = None
    ) -> None:
        super().__init__(message)
        self.public = public or "the graph store is unavailable; try again shortly"
        self.retry_after = retry_after


class StoreDown(StoreUnavailable):
    """The store could not be reached at all (as opposed to, say, holding no graph)."""


class ScanFailed(DatamapError):
    """A database to scan could not be opened or read (wrong URL, no driver, no access).
    The message never carries the URL's password."""

    exit_code = 1
    http_status = 502


class StaleNames(StoreUnavailable):
    """The graph changed (a sync) between resolving a name and reading the answer: the engine
    resolves again and asks once more; a second change in that time reaches the user as 503."""

    def __init__(self) -> None:
        super().__init__(
            "the graph changed while the question was answered (a sync); ask again",
            "the graph changed while the question was answered; ask again",
            retry_after=1,
        )
