"""The answers built as plain data have one shape: each TypedDict in answer_data.py is bound to
the result model made from it, and a model that comes to differ from its shape does not load."""

from __future__ import annotations

import typing

import pytest
from pydantic import Field

from catalog.model import answer_data, results
from catalog.model.answer_data import KEPT, DisclosureData, RecipientSummaryData, empty_values


def shapes() -> list[type]:
    return [
        v
        for v in vars(answer_data).values()
        if isinstance(v, type) and typing.is_typeddict(v) and v.__module__ == answer_data.__name__
    ]


def test_every_shape_is_bound_to_a_model_with_its_fields_in_order() -> None:
    assert len(shapes()) >= 10
    for shape in shapes():
        model = results.model_of(shape)
        assert list(model.model_fields) == list(typing.get_type_hints(shape)), shape.__name__


def test_a_model_that_differs_from_its_shape_does_not_load() -> None:
    with pytest.raises(TypeError, match=r"RecipientSummaryData differ.*change both together"):

        class Drifted(results.Ref):  # a field added to the model and not to its shape
            plain: typing.ClassVar[type | None] = RecipientSummaryData
            role: str
            role_label: str
            functions: list[str] = Field(default_factory=list)
            dpv: str | None = None
            description: str | None = None
            website: str | None = None


def test_a_stored_piece_leaves_out_only_empty_values() -> None:
    disclosure = empty_values(DisclosureData)
    assert list(disclosure) == list(results.DisclosureOut.model_fields)
    assert disclosure["recipient"] is KEPT and disclosure["id"] is KEPT
    assert disclosure["categories"] is None and disclosure["activity"] is None
    assert disclosure["general"] is False and disclosure["purposes"] == []
    recipient = empty_values(RecipientSummaryData)
    assert [k for k, v in recipient.items() if v is KEPT] == ["id", "name", "role", "role_label"]
