"""Drafting: a cited inventory read from any privacy policy (`datamap draft`).

`draft_path` reads a policy (text, Markdown or HTML), finds its headings and sentences, and
reads them into facts, each with its verbatim sentence, section and a confidence; `write_draft`
turns a draft into an inventory folder that `datamap validate` accepts.
"""

from __future__ import annotations

from pathlib import Path

from catalog.drafting.draft import Draft
from catalog.drafting.extract import read
from catalog.drafting.reading import Document, NotAPolicy, read_bytes, read_policy
from catalog.loading.policy import Policy, is_heading


def policy_of(doc: Document) -> Policy:
    """The policy as the loader will read it, with a heading over any text before the first."""
    return Policy.from_text(with_heading(doc))


def with_heading(doc: Document) -> str:
    first = doc.text.lstrip().split("\n\n", 1)[0]
    if is_heading(" ".join(first.split())):
        return doc.text
    title = " ".join((doc.title or "Privacy policy").split())[:80].rstrip(".:;,")
    return f"{title}\n\n{doc.text}"


def draft_document(doc: Document, company: str | None = None) -> Draft:
    text = with_heading(doc)
    policy = Policy.from_text(text)
    return Draft.of(read(policy, doc.title), company)


def draft_path(path: Path, company: str | None = None) -> Draft:
    return draft_document(read_policy(path), company)


__all__ = [
    "Document", "Draft", "NotAPolicy", "draft_document", "draft_path", "read_bytes",
    "read_policy",
]  # fmt: skip
