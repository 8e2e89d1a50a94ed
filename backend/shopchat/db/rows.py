"""Rows into models: joined rows read with one prepared statement, and rows a raw write
returned. The only module that builds or marks models through Tortoise's private API.

The console list, the per-message inbox update and history pages read through here: the
ORM's select_related spent more CPU building and parsing than the database spent answering
(py-spy: pypika, Q resolution and iso8601 on top of each profile).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any, TypeVar

from tortoise import Model
from tortoise.fields import DatetimeField

ModelT = TypeVar("ModelT", bound=Model)
Join = tuple[tuple[str, type[Model]], ...]  # (alias, model), the first one is the FROM


@cache
def columns(join: Join) -> str:
    """`alias."column" AS "alias_column"` for every column of every joined model."""
    return ", ".join(
        f'{alias}."{column}" AS "{alias}_{column}"'
        for alias, model in join
        for column in model._meta.db_fields
    )


def split(join: Join, row: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One joined row into {alias: {column: value}}."""
    found: dict[str, dict[str, Any]] = {alias: {} for alias, _ in join}
    for key, value in row.items():
        alias, column = key.split("_", 1)
        found[alias][column] = value
    return found


def build(join: Join, row: dict[str, Any], **relations: str) -> Any:
    """The join's first model with the others attached: `relations` maps an attribute of
    the first model to the alias of the model that fills it."""
    found = split(join, row)
    (alias, model), *_ = join
    instance = from_db(model, found[alias])
    assert instance is not None, "the FROM row of a join is always there"
    models = dict(join)
    for attribute, other in relations.items():
        setattr(instance, attribute, from_db(models[other], found[other]))
    return instance


def from_db(model: type[ModelT], values: dict[str, Any]) -> ModelT | None:
    """A model from its columns (None for a LEFT JOIN that found nothing). SQLite hands
    datetimes back as text, which Tortoise parses with iso8601 (15% of a console page);
    fromisoformat reads the same text 40x faster."""
    if values.get("id") is None:
        return None
    for column in _datetime_columns(model):
        value = values.get(column)
        if isinstance(value, str):
            values[column] = datetime.fromisoformat(value)
    return model._init_from_db(**values)


@cache
def _datetime_columns(model: type[Model]) -> tuple[str, ...]:
    return tuple(
        field.source_field or name
        for name, field in model._meta.fields_map.items()
        if isinstance(field, DatetimeField)
    )


def mark_saved(*instances: Model) -> None:
    """Models built from a raw write's own values (RETURNING id) are rows that exist: a
    later save() updates them instead of inserting them again (Tortoise private API)."""
    for instance in instances:
        instance._saved_in_db = True


def loaded(instance: Model, relation: str) -> Any:
    """A relation read together with the row (build/select_related), or None when it was not
    read: never a query, and never an awaitable (Tortoise keeps it in `_<relation>`)."""
    return instance.__dict__.get(f"_{relation}")
