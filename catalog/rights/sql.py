"""The plan as SQL in the database's dialect, and the access export.

Statements are compiled by SQLAlchemy for the database's dialect with their values written in
(`literal_binds`: SQLAlchemy quotes them), in one transaction. SQLite checks foreign keys only
when asked, so its script asks first. Comments carry names from the database and the plan's
words: they are cut to one line, so that no name can end a comment and start a statement.

The access export is the one place a plan prints the person's values: each table's rows read
in a read-only transaction, streamed out as they come, at most `limit` rows a table.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.exc import CompileError, SQLAlchemyError
from sqlalchemy.sql import Select

from catalog.model.text import CONTROL
from catalog.rights.database import connected
from catalog.rights.model import PlanFailed
from catalog.rights.plan import Planned
from catalog.rights.steps import Statement
from catalog.scanning.database import error_reason

DEFAULT_LIMIT = 10_000
_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def dialect(name: str) -> Dialect:
    """A dialect that writes values as the database reads them in a script: the drivers'
    `%` placeholders are not used, so a `%` in a value is written once."""
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import psycopg

        return psycopg.dialect(paramstyle="named")
    if name in ("mysql", "mariadb"):
        from sqlalchemy.dialects.mysql import pymysql

        return pymysql.dialect(paramstyle="named")
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import pysqlite

        return pysqlite.dialect()
    raise PlanFailed(f"no SQL for {name} databases (SQLite, PostgreSQL and MySQL are written)")


def compiled(statement: Any, d: Dialect) -> str:
    try:
        return str(statement.compile(dialect=d, compile_kwargs={"literal_binds": True})).strip()
    except CompileError as exc:
        raise PlanFailed(f"cannot write a statement for {d.name}: {exc}") from None


def comment(text: str) -> str:
    return "-- " + _LINE.sub(" ", text).strip()


def script(planned: Planned) -> str:
    """Every statement of the plan, in order, in one transaction."""
    d = dialect(planned.dialect)
    plan = planned.plan
    lines = [
        comment(f"datamap rights-plan: {plan.request} in {plan.system} ({planned.db.shown})"),
        *(
            comment(f"subject: {s.table}.{s.column} = {s.value!r} ({s.rows} row(s))")
            for s in plan.seeds
        ),
    ]
    if planned.nobody:
        lines.append(comment("the subject key matches no row: nothing to do"))
        return "\n".join(lines) + "\n"
    if plan.request == "erasure":
        lines.append(
            comment(
                "review it, then run it as a user who may write; it stops at the first error "
                "and changes nothing then"
            )
        )
        if d.name == "sqlite":
            lines += [
                comment("SQLite checks foreign keys only when asked:"),
                "PRAGMA foreign_keys = ON;",
            ]
        lines.append("BEGIN;")
    else:
        lines.append("BEGIN;")
        if d.name == "postgresql":
            lines.append("SET TRANSACTION READ ONLY;")
    for s in planned.statements:
        lines.append(comment(_said(s)))
        lines.append(compiled(s.sql, d) + ";")
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def _said(s: Statement) -> str:
    if s.step is not None:
        step = s.step
        cols = [c.column for c in step.columns or [] if c.action != "keep"]
        what = (
            f"{step.action} {', '.join(cols)} in"
            if cols and step.action != "delete"
            else step.action
        )
        return f"step {step.order}: {what} {step.rows} row(s) of {step.table}: {step.reason}"
    if s.kind == "capture":
        return "the person's keys of a table, taken before anything changes"
    return "the keys taken above are no longer needed"


def export(planned: Planned, write: Callable[[str], None], limit: int = DEFAULT_LIMIT) -> None:
    """The person's rows as JSON, table by table, written as they are read: at most `limit`
    rows a table (`truncated` says when there were more)."""
    if limit < 1:
        raise PlanFailed("--limit must be 1 or more")
    plan = planned.plan
    head = {
        "request": plan.request,
        "system": plan.system,
        "seeds": [s.to_json() for s in plan.seeds],
        "limit": limit,
    }
    write(_json(head)[:-1] + ', "tables": [')
    first = True
    try:
        with connected(planned.db) as conn:
            for s in planned.statements:
                if s.step is None or not isinstance(s.sql, Select):
                    continue
                write(("" if first else ",") + "\n  ")
                first = False
                write(_json({"table": s.step.table, "via": s.step.via})[:-1] + ', "rows": [')
                result = conn.execution_options(stream_results=True, yield_per=500).execute(
                    s.sql.limit(limit + 1)
                )
                names = list(result.keys())
                n = 0
                for row in result:
                    if n == limit:
                        break
                    write(
                        ("" if n == 0 else ",")
                        + "\n    "
                        + _json(dict(zip(names, map(_plain, row), strict=True)))
                    )
                    n += 1
                result.close()
                more = n == limit and s.step.rows > limit
                write(f'\n  ], "count": {n}, "truncated": {"true" if more else "false"}}}')
    except SQLAlchemyError as exc:
        raise PlanFailed(
            f"cannot read {planned.db.shown}: {planned.db.scrub(error_reason(exc))}"
        ) from None
    write("\n]}\n")


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value)


def _json(body: Any) -> str:
    """One JSON value on one line; the controls JSON leaves raw (C1, line separators,
    bidirectional overrides) escaped, so printing it cannot drive a terminal."""
    text = json.dumps(body, ensure_ascii=False)
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
