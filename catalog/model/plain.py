"""An answer built as the JSON it is sent as, with its result model made only when read as one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

D = TypeVar("D")


class Plain(Generic[D]):
    """An answer built as the JSON it is sent as: `data`, plain dicts and lists of the shape
    `shape` (a TypedDict in answer_data.py). The API sends it as it is (orjson, no model made)
    and so does `--json`, without importing pydantic at all; the result model bound to the shape
    (results.py), validated from it in one call, is made when something reads it as one (a table
    on the terminal, another answer). Reads like the model: `answer.recipients` is the model's."""

    __slots__ = ("_model", "data", "shape")

    def __init__(self, shape: type[D], data: D) -> None:
        self.shape = shape
        self.data = data
        self._model: BaseModel | None = None

    @property
    def model_type(self) -> type[BaseModel]:
        from catalog.model.results import model_of

        return model_of(self.shape)

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = self.model_type.model_validate(self.data)
        return self._model

    def to_json(self) -> Any:
        return self.data

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Plain):
            return bool(self.data == other.data)
        return bool(self.model == other)

    # Unhashable, as the models are: equality is by data, which can change. (typeshed types
    # object.__hash__ as a method, so None is an assignment of another type.)
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Plain({self.shape.__name__})"
