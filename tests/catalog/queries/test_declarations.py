"""Each question is one `Query` declaration: its answer takes the arguments it declares, its
Neo4j scope selects by them, and the engine asks any of them the same way."""

from __future__ import annotations

import inspect
import re
import types

import pytest

from catalog import queries
from catalog.errors import BadRequest, NotFound
from catalog.model.kinds import LIST_LABELS, Label
from catalog.queries import QUERIES, Entry, Query, Value
from catalog.stores.neo4j.scopes import BY_QUESTION, NoScope, scope_of


def test_every_question_is_declared_once() -> None:
    names = [q.name for q in QUERIES]
    assert len(names) == len(set(names))
    for expected in ("who_receives", "check", "lineage", "ropa", "list", "show", "everything"):
        assert expected in names


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_the_answer_takes_the_declared_arguments(query: Query, view) -> None:
    signature = inspect.signature(query.answer)
    signature.bind(view, *(None for _ in query.params))  # raises if they do not fit
    for param in query.params:
        if isinstance(param, Entry):
            assert all(kind in set(Label) for kind in param.kinds)


def test_the_neo4j_store_can_answer_every_question_and_only_those() -> None:
    assert set(BY_QUESTION) == {q.name for q in QUERIES}


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_the_scope_selects_ids_by_the_declared_arguments(query: Query) -> None:
    chosen = scope_of(query.name)
    declared = {p.name for p in query.params}
    if chosen.by:
        assert chosen.by in declared and set(chosen.choices) == set(LIST_LABELS)
    for scope in chosen.variants():
        if scope.shaped:  # the view itself: nodes and relationships, only the store's own names
            own = {"derived"} | ({"family", "held"} if scope.family else set())
            if scope.family:  # the family of a declared category argument
                assert scope.family in declared
            for statement in scope.shaped:
                assert re.search(r"\bAS nodes,\s.*\bAS rels\s*$", statement.strip(), re.S)
                assert set(re.findall(r"\$(\w+)", statement)) <= declared | own, statement
            continue
        assert scope.statements
        for statement in scope.statements:
            assert re.search(r"\bAS ids\s*$", statement.strip()), statement
            assert set(re.findall(r"\$(\w+)", statement)) <= declared, statement


def test_a_question_the_neo4j_store_was_never_taught_is_a_plain_error() -> None:
    with pytest.raises(NoScope, match=r"cannot answer 'orphan'.*BY_QUESTION"):
        scope_of(Query("orphan", lambda view: None).name)


def test_the_engine_binds_arguments_as_declared(engine) -> None:
    answer = engine.ask(queries.WHO_RECEIVES, category="Your payment information")
    assert answer.category.id == "your-payment-information"
    assert engine.ask(queries.LINEAGE, category="payment information").depth == 2  # the default
    with pytest.raises(TypeError, match="takes no argument colour"):
        engine.ask(queries.WHO_RECEIVES, category="x", colour="red")
    with pytest.raises(BadRequest, match="who_receives needs category"):
        engine.ask(queries.WHO_RECEIVES)
    with pytest.raises(BadRequest, match="cannot list 'vendors'"):
        engine.ask(queries.LIST, what="vendors")
    with pytest.raises(NotFound):  # an Entry resolves only to the kinds it names
        engine.ask(queries.RECIPIENT, recipient="payment-information")


def test_values_are_checked_by_their_declaration() -> None:
    depth = next(p for p in queries.LINEAGE.params if p.name == "depth")
    assert isinstance(depth, Value) and depth.check is not None
    assert depth.check(3) == 3
    with pytest.raises(BadRequest, match="depth must be between 1 and 5, not 0"):
        depth.check(0)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("phone number", "phone-numbers"),  # the category, not the item beneath it
        ("Your phone number", "phone-number"),  # the item, by its own name
        ("email address", "email-addresses"),
        ("e-mail address", "email-addresses"),
        ("E_MAIL  ADDRESSES", "email-addresses"),
        ("full name", "full-name"),
        ("device identifiers", "device-identifiers"),
        ("web server logs", "web-server-log-information"),
        ("wishlist", "product-interests"),
        ("credit card", "payment-information"),  # an alias
        ("user.contact.email", "email-addresses"),  # a fideslang key
        ("pd:EmailAddress", "email-addresses"),  # a DPV term
    ],
)
def test_names_resolve_as_a_person_types_them(engine, typed: str, meant: str) -> None:
    assert engine.category_id(typed) == meant


def test_an_ambiguous_name_lists_the_candidates(engine) -> None:
    from catalog.errors import Ambiguous

    with pytest.raises(Ambiguous) as err:
        engine.category_id("address")
    ids = {i for i, _ in err.value.matches}
    assert {"email-addresses", "postal-addresses", "ip-address"} <= ids


@pytest.mark.parametrize(
    "phrase", ["birthday", "date of birth", "social security number", "biometric template"]
)
def test_data_not_held_is_said_plainly(engine, phrase: str) -> None:
    # no noise: "date of birth" shares only "of" with the inventory, and "date" is not "data"
    with pytest.raises(NotFound) as err:
        engine.category_id(phrase)
    assert err.value.suggestions == []
    assert "the inventory has no data category by that name" in err.value.message
    assert "datamap list categories -q WORD" in err.value.message


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # the category stands for the items beneath it: not both (issue 29)
        ("paymnt info", {"payment-information"}),
        ("phone nmber", {"phone-numbers"}),
    ],
)
def test_a_misspelling_suggests_what_it_misspells_and_nothing_else(
    engine, typed: str, meant: set[str]
) -> None:
    with pytest.raises(NotFound) as err:
        engine.category_id(typed)
    assert {i for i, _ in err.value.suggestions} == meant


def test_a_transposed_letter_is_one_typo(engine) -> None:
    with pytest.raises(NotFound) as err:
        engine.category_id("emial")
    assert "email-addresses" in {i for i, _ in err.value.suggestions}


def test_every_exported_name_is_what_its_module_declares() -> None:
    """The package imports its names on first use; a submodule named like one of them would
    replace it with the module once imported (as `lineage` once did)."""
    import importlib.util

    for name in queries.__all__:
        value = getattr(queries, name)
        assert not isinstance(value, types.ModuleType), name
        assert importlib.util.find_spec(f"catalog.queries.{name}") is None, name
    assert queries.lineage is importlib.import_module("catalog.queries.tracing").lineage
