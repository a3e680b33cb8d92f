"""Declarative description of an importable dataset: the one mechanism every module uses.

An app describes its sheet once (columns, types, natural key, who may import) and registers it with
`innoladder.imports.registry.register(dataset)` in `<app>/imports.py`. The framework then offers the
xlsx template, the dry run with row-level errors, the all-or-nothing commit and the error report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

# Column types understood by the framework (see values.py for how each cell is read).
TEXT = "text"
INT = "int"
DECIMAL = "decimal"
MONEY = "money"
DATE = "date"
BOOL = "bool"
CHOICE = "choice"
USCC = "uscc"
ENTERPRISE = "enterprise"  # an enterprise given by its 统一社会信用代码; stored as `<field>_id`
TYPES = (TEXT, INT, DECIMAL, MONEY, DATE, BOOL, CHOICE, USCC, ENTERPRISE)

UNITS = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
EXAMPLE_MARKER_HEADER = "行说明"
EXAMPLE_MARKER = "示例（导入时忽略）"


class CellError(ValueError):
    """Raised by a converter with a Chinese message shown next to the row, column and raw value."""


def normalise_header(text: str) -> str:
    """Fold full-width characters, drop blanks, required-markers and letter case: the matching key."""
    text = unicodedata.normalize("NFKC", str(text))
    text = re.sub(r"\s+", "", text)
    return text.strip("*").lower()


_UNIT_RE = re.compile(r"^(?P<base>.*?)[(\[](?:单位[:：]?)?(?P<unit>[^()\[\]]*)[)\]]$")


def split_header(text: str) -> tuple[str, str | None]:
    """'销售收入（万元）' → ('销售收入', '万元'); a header without a trailing bracket has no unit."""
    norm = normalise_header(text)
    match = _UNIT_RE.match(norm)
    if not match or not match.group("base"):
        return norm, None
    return match.group("base"), match.group("unit")


@dataclass(frozen=True)
class Column:
    """One column of the sheet.

    header: Chinese header written in the template and matched (order-free) on import.
    field: model field name (for ENTERPRISE the FK name, e.g. "enterprise").
    type: one of TYPES.
    unit: for MONEY, the unit the template's header declares ("万元" or "元"). The uploaded file's header
        must declare a unit (the template's headers do, so a filled-in template imports as it is); a money
        header without one is refused, never read in this unit. Values are stored in yuan.
    choices: a TextChoices class for CHOICE (labels and values are both accepted).
    aliases: other headers accepted for this column (e.g. older template versions).
    parse: custom converter `(raw, ctx) -> value` raising CellError; replaces the type's converter.
    """

    header: str
    field: str
    type: str = TEXT
    required: bool = False
    unit: str = "万元"
    choices: type[models.Choices] | None = None
    min_value: int | None = None
    max_value: int | None = None
    max_length: int | None = None
    help: str = ""
    aliases: Sequence[str] = ()
    parse: Callable[[Any, Any], Any] | None = None
    width: int = 16

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"unknown column type {self.type!r}")
        if self.type == CHOICE and self.choices is None and self.parse is None:
            raise ValueError(f"column {self.header}: CHOICE needs choices")
        if self.type == MONEY and self.unit not in UNITS:
            raise ValueError(f"column {self.header}: unit must be one of {sorted(UNITS)}")

    @property
    def attname(self) -> str:
        return f"{self.field}_id" if self.type == ENTERPRISE else self.field

    @property
    def template_header(self) -> str:
        return f"{self.header}({self.unit})" if self.type == MONEY else self.header

    def header_keys(self) -> set[str]:
        return {split_header(h)[0] for h in (self.header, *self.aliases)}


# The first column of every per-enterprise dataset: the enterprise by its 统一社会信用代码.
ENTERPRISE_CODE = Column("统一社会信用代码", "enterprise", ENTERPRISE, required=True, width=22)


@dataclass(frozen=True)
class RowNote:
    """What the dry run says about one row beside the counts: `outcome` in a few Chinese words (新增, 跳过：
    不在本园区 …), `note` any detail (a name that differs from the registry); `skip` leaves the row out."""

    row: int
    key: str
    outcome: str
    note: str = ""
    skip: bool = False

    def as_list(self) -> list:
        return [self.row, self.key, self.outcome, self.note, self.skip]


def dates_in_order(values: dict, start: str, end: str, message: str) -> dict[str, str]:
    """A clean hook's check that the date at `end` is not before the one at `start` (when both are given):
    `{end: message}` if it is, else nothing."""
    first, last = values.get(start), values.get(end)
    return {end: message} if first and last and last < first else {}


def file_options(ctx) -> dict:
    """The options chosen for the whole file at upload (`Dataset.options_form`), as stored on the batch."""
    options = getattr(ctx.batch, "options", None) or {}
    return options.get("values", {})


def _with_options(option_fields: tuple[str, ...], clean):
    """The dataset's clean hook, run after each row took the option fields' values from the file's options."""

    def clean_with_options(values: dict, ctx) -> dict[str, str]:
        chosen = file_options(ctx)
        for name in option_fields:
            values[name] = chosen.get(name)
        return clean(values, ctx) if clean is not None else {}

    return clean_with_options


@dataclass
class Dataset:
    """An importable dataset.

    key: stable identifier used in URLs and ImportBatch.dataset.
    title: Chinese title (also the name of the data sheet in the template).
    model: the model written; it must declare `scope_enterprise_path` and use ScopedQuerySet.
    natural_key: column fields that identify a record (e.g. ("enterprise", "year")); rows with an
        existing key update that record, never duplicate it.
    defaults: values set on created records only (dict, or callable(ctx) -> dict).
    stamp: values set on every created or changed record (dict, or callable(ctx) -> dict).
    clean: cross-column check `(values: dict, ctx) -> dict[field, message]` (field "" = whole row).
    allowed: `(user) -> bool`, who sees the dataset; default: anyone with write scope somewhere.
    examples: rows for the template, as {field: display value}; written as marked example rows.
    options_form: a `forms.FileOptionsForm` subclass: choices made once for the whole file at upload
        (e.g. the scheme and date of a published 名单); stored on the batch, read with `file_options(ctx)`.
    option_fields: model fields every row takes from the file's options (set before `clean` runs); they
        may be part of the natural key although the sheet has no such column.
    screen: `(parsed, ctx) -> list[RowNote]`: a note on rows before they are validated, and which rows the
        file holds on purpose without being imported (e.g. a provincial list's enterprises of other parks).
        Skipped rows are listed with their reason in the dry run and never written; the commit refuses
        if the rows it would skip are not the ones the dry run showed.
    """

    key: str
    title: str
    model: type[models.Model]
    columns: list[Column]
    natural_key: tuple[str, ...]
    description: str = ""
    defaults: dict | Callable[[Any], dict] = field(default_factory=dict)
    stamp: dict | Callable[[Any], dict] = field(default_factory=dict)
    clean: Callable[[dict, Any], dict[str, str]] | None = None
    allowed: Callable[[Any], bool] | None = None
    examples: list[dict] = field(default_factory=list)
    order: int = 100
    options_form: type | None = None
    option_fields: tuple[str, ...] = ()
    screen: Callable[[Any, Any], list[RowNote]] | None = None

    def __post_init__(self):
        fields = {c.field for c in self.columns} | set(self.option_fields)
        missing = [k for k in self.natural_key if k not in fields]
        if missing:
            raise ValueError(f"dataset {self.key}: natural key fields {missing} are not columns")
        for col in self.columns:
            if col.field in self.natural_key and not col.required:
                raise ValueError(f"dataset {self.key}: key column {col.header} must be required")
        if getattr(self.model, "scope_enterprise_path", None) is None:
            raise ValueError(f"dataset {self.key}: {self.model.__name__} declares no scope_enterprise_path")
        if self.option_fields:
            if self.options_form is None:
                raise ValueError(f"dataset {self.key}: option_fields need an options_form")
            self.clean = _with_options(self.option_fields, self.clean)

    def column(self, field_name: str) -> Column:
        for col in self.columns:
            if col.field == field_name:
                return col
        raise KeyError(field_name)

    @property
    def key_attnames(self) -> tuple[str, ...]:
        return tuple(f if f in self.option_fields else self.column(f).attname for f in self.natural_key)

    def is_allowed(self, user) -> bool:
        from innoladder.accounts.choices import Role

        if not user.is_authenticated or not user.is_active:
            return False
        if self.allowed is not None:
            return bool(self.allowed(user))
        return user.role in (Role.ADMIN, Role.OFFICER, Role.AGENCY, Role.ENTERPRISE)

    def resolved_defaults(self, ctx) -> dict:
        return self.defaults(ctx) if callable(self.defaults) else dict(self.defaults)

    def resolved_stamp(self, ctx) -> dict:
        return self.stamp(ctx) if callable(self.stamp) else dict(self.stamp)
