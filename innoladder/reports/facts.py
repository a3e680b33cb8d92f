"""Facts: the counted figures a report sentence is built from, each keeping the ids of its rows.

A fact provider is a small function `(user, park, start, end) -> list[Fact]`. It counts rows by their
recorded dates (issue dates, transition dates, visit dates…), never by "now", so a past period gives the
same report as long as the records are the same.

A report is written in Chinese (the official text, exported as it is stored). Each fact also keeps its words
(`Words`: the msgids of its label and sentence with their params), so that a reader in another language sees
it translated at display (`Fact.shown`) while the stored text stays as it was generated.
"""

import datetime as dt
import functools
import json
import re
from collections import namedtuple
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as _

from innoladder.core.labels import Labels

WAN = Decimal(10000)
EXAMPLES = 3

_REGION_PREFIXES = (
    "青海省海西蒙古族藏族自治州",
    "海西蒙古族藏族自治州",
    "青海省",
    "格尔木市",
    "格尔木",
    "海西州",
    "青海",
)
_LEGAL_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "（集团）",
    "(集团)",
    "集团",
    "公司",
)


def short_name(enterprise) -> str:
    """The name a report uses for an enterprise: its recorded short name, else the name without the region
    prefix and the legal-form suffix ("格尔木柏丽姿日化有限公司" → "柏丽姿日化")."""
    recorded = getattr(enterprise, "short_name", "") or ""
    if recorded:
        return recorded
    name = re.sub(r"[（(][^）)]*[）)]$", "", enterprise.name.strip())
    for prefix in _REGION_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            name = name[len(prefix) :]
            break
    for suffix in _LEGAL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            core = name[: -len(suffix)]
            # "青海盐湖股份有限公司" → "盐湖股份", not a bare "盐湖".
            if suffix == "股份有限公司" and len(core) <= 2:
                core += "股份"
            name = core
            break
    return name


def wan(amount: Decimal) -> str:
    """Yuan as 万元 text without needless zeros: 7750000 → "775", 1234500 → "123.45"."""
    value = (Decimal(amount) / WAN).quantize(Decimal("0.01"))
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True)
class Fact:
    """One figure of a report. `template` holds `{figure}` where the linked figure goes."""

    key: str
    section: str
    label: str
    template: str
    figure: str
    count: int
    amount: Decimal | None = None
    examples: tuple[str, ...] = ()
    model: str = ""
    row_ids: tuple[int, ...] = ()
    order: int = 100
    date_field: str = ""
    # How the label, the sentence and the figure are written (`Words`), to read them in another language than
    # the stored Chinese; None in reports stored before the words were kept.
    words: dict | None = None

    @property
    def sentence(self) -> str:
        return self.template.format(figure=self.figure)

    def shown(self) -> "Fact":
        """The fact in the active language: as stored in Chinese, else its words translated."""
        if self.words is None or get_language() == settings.LANGUAGE_CODE:
            return self
        words = Words(**self.words)
        return replace(
            self, label=words.label_text(), template=words.template_text(), figure=words.figure_text()
        )

    def to_json(self) -> dict:
        data = asdict(self)
        data["amount"] = None if self.amount is None else str(self.amount)
        data["examples"] = list(self.examples)
        data["row_ids"] = list(self.row_ids)
        data["sentence"] = self.sentence
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Fact":
        names = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in names}
        values["amount"] = None if data.get("amount") in (None, "") else Decimal(data["amount"])
        values["examples"] = tuple(data.get("examples", ()))
        values["row_ids"] = tuple(data.get("row_ids", ()))
        return cls(**values)


def named(examples: tuple[str, ...] | list[str], count: int) -> str:
    """The names before a figure: "A、B、C等" when there are more than named, "A、B" when all are named."""
    examples = tuple(examples)[:EXAMPLES]
    return say(listed(examples, more=count > len(examples)))


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


# A phrase is a msgid (Chinese, marked with `_` = gettext_noop) or a (msgid, params) pair. A param is data
# (a str or a number, written as it is), a phrase, or {"t": text} for a text translated on its own (a choice
# label). The Chinese is the msgid filled in; another language reads each msgid through gettext.
Phrase = str | tuple | list


def phrase(msgid: str, **params) -> tuple:
    return (msgid, params)


def say(value, translate: bool = False, escape: bool = False) -> str:
    """A param written out, in the active language when `translate`; `escape` doubles the braces of the
    data, for a text that is formatted again (a fact's template)."""
    if isinstance(value, dict) and "items" in value:
        items = [say(item, translate, escape) for item in value["items"]]
        text = (gettext("、") if translate else "、").join(items)
        if items and value.get("more"):
            text = (gettext(NAMES_MORE) if translate else NAMES_MORE).format(names=text)
        return text
    if isinstance(value, dict):
        text = gettext(value["t"]) if translate else value["t"]
    elif isinstance(value, tuple | list):
        return said(value, translate, escape)
    else:
        text = str(value)
    return _escape(text) if escape else text


def said(words: Phrase, translate: bool = False, escape: bool = False) -> str:
    """A phrase written out: its msgid (translated when `translate`) filled with its params."""
    msgid, params = (words, {}) if isinstance(words, str) else words
    text = gettext(msgid) if translate else msgid
    if not params:
        return text
    return text.format_map(_Keep({name: say(param, translate, escape) for name, param in params.items()}))


class _Keep(dict):
    """Format params that leave a placeholder they do not fill as it is ({names}, {figure}: filled later)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def label_of(text) -> dict:
    """A param translated on its own: a choice label (given in Chinese, the language reports are made in)."""
    return {"t": str(text)}


def listed(items, more: bool = False) -> dict:
    """A param listing `items` (data or phrases): "A、B", or "A、B等" with `more`."""
    return {"items": list(items), "more": more}


# The figure of a count in each unit, for one and for more (English has a plural).
UNITS = {
    "项": (_("1项"), _("{count}项")),
    "家企业": (_("1家企业"), _("{count}家企业")),
    "个": (_("1个"), _("{count}个")),
    "名": (_("1名"), _("{count}名")),
    "件": (_("1件"), _("{count}件")),
    "次": (_("1次"), _("{count}次")),
}
AMOUNT = _("{amount}万元")
# Where another language writes the names of a sentence: after its figure, in brackets, or as its subject.
NAMES_AFTER = _("（{names}）")
NAMES_MORE = _("{names}等")


@dataclass(frozen=True)
class Words:
    """How a fact is written: its label and template (phrases; the template holds {names}, {enterprises} and
    {figure}), the figure (data, a phrase, or a count in `unit`, or an amount), the names it gives and
    whether there are more (`more`), and how many enterprises it concerns."""

    label: Phrase
    template: Phrase
    figure: Phrase | None = None
    count: int = 0
    unit: str = ""
    amount: str = ""
    names: tuple[str, ...] | list[str] = ()
    more: bool = False
    enterprises: int = 0
    suffix: Phrase | None = None

    def as_json(self) -> dict:
        """The words as stored in a report (tuples as lists), whether just written or read back."""
        return json.loads(json.dumps(asdict(self)))

    def template_text(self, translate: bool = True) -> str:
        names = say(listed(self.names, self.more), translate)
        if not translate:
            enterprises = f"{self.enterprises}家企业" if self.enterprises > 1 else ""
        else:
            # Another language names the enterprises after the figure, or as the subject when there is one.
            after = gettext(NAMES_AFTER).format(names=names) if names else ""
            enterprises = self._count(self.enterprises, "家企业") + after if self.enterprises > 1 else names
            names = after
        text = said(self.template, translate, escape=True)
        text = text.replace("{names}", _escape(names)).replace("{enterprises}", _escape(enterprises))
        if self.suffix is not None:
            text += said(self.suffix, translate, escape=True)
        return text

    def label_text(self, translate: bool = True) -> str:
        return said(self.label, translate)

    @staticmethod
    def _count(count: int, unit: str) -> str:
        one, many = UNITS[unit]
        return gettext(one if count == 1 else many).format(count=count)

    def figure_text(self) -> str:
        if self.figure is not None:
            return say(self.figure, translate=True)
        if self.amount:
            return gettext(AMOUNT).format(amount=self.amount)
        return self._count(self.count, self.unit)


def build_fact(
    *,
    template: Phrase,
    count: int,
    unit: str,
    examples: tuple[str, ...],
    enterprise_count: int,
    counts_enterprises: bool,
    label: Phrase,
    **fields,
) -> Fact:
    """Fill `template` ("先后协助{names}{figure}开展…"): the names of the first enterprises, then the figure.
    A fact about one enterprise names it alone and links the name ("协助柏丽姿日化开展…")."""
    examples = tuple(examples)[:EXAMPLES]
    if counts_enterprises and count == 1 and examples:
        names, figure = (), examples[0]
    else:
        names, figure = examples, None
    words = Words(
        label=label,
        template=template,
        figure=figure,
        count=count,
        unit=unit,
        names=names,
        more=bool(names) and enterprise_count > len(names),
        enterprises=enterprise_count,
    )
    return Fact(
        template=words.template_text(translate=False),
        label=words.label_text(translate=False),
        figure=figure if figure is not None else f"{count}{unit}",
        count=count,
        examples=examples,
        words=words.as_json(),
        **fields,
    )


class Named(NamedTuple):
    """An enterprise as a sentence names it: its id and name (`short_name` reads the name)."""

    pk: int
    name: str


@functools.cache
def _record(fields: tuple[str, ...]) -> type:
    return namedtuple("Record", ("pk", "enterprise", *fields))


def records(queryset: QuerySet, *fields: str, path: str = "enterprise") -> list:
    """The rows of `queryset`, in its order, as light records read as values: `.pk`, `.enterprise` (a `Named`,
    one object per enterprise; None where the row has none) and `fields` by their lookup names. With `path`
    empty the rows are enterprises, each a `Named`.

    A report counts tens of thousands of rows and reads three or four columns of each: building a model
    object per row (every column converted, every relation set) was most of its time (issue 23)."""
    queryset = queryset.prefetch_related(None)
    if not path:
        return [Named(pk, name) for pk, name in queryset.values_list("pk", "name")]
    record = _record(fields)
    enterprises: dict[int, Named] = {}
    rows = []
    for pk, enterprise_id, name, *values in queryset.values_list(
        "pk", f"{path}__pk", f"{path}__name", *fields
    ):
        enterprise = enterprises.get(enterprise_id)
        if enterprise is None and enterprise_id is not None:
            enterprise = enterprises[enterprise_id] = Named(enterprise_id, name)
        rows.append(record(pk, enterprise, *values))
    return rows


def enterprises_of(rows: list) -> list[Named]:
    """The enterprises of `records` rows, each once, in the order they first appear."""
    return [e for e in dict.fromkeys(row.enterprise for row in rows) if e is not None]


def rows_by_enterprise(
    queryset: QuerySet, date_field: str, path: str = "enterprise", fields: tuple[str, ...] = ()
) -> tuple[list, list]:
    """The rows ordered by date then id (`records` with `fields`), and the distinct enterprises they
    concern in that order."""
    order = [date_field, "pk"] if date_field else ["pk"]
    rows = records(queryset.order_by(*order), *fields, path=path)
    return rows, (rows if not path else enterprises_of(rows))


def rows_fact(
    queryset: QuerySet, *, date_field: str, path: str = "enterprise", amount_field: str = "", **fact
) -> list[Fact]:
    """The common case: a fact counting the rows of `queryset`, naming the first enterprises by date
    (`facts_from_rows`, with its other keywords in `fact`). No rows, no fact."""
    rows, enterprises = rows_by_enterprise(
        queryset, date_field, path, fields=(amount_field,) if amount_field else ()
    )
    return facts_from_rows(
        rows,
        enterprises,
        model=queryset.model._meta.label,
        date_field=date_field,
        amount_field=amount_field,
        **fact,
    )


def facts_from_rows(
    rows: list,
    enterprises: list,
    *,
    model: str,
    key: str,
    section: str,
    label: Phrase,
    template: Phrase,
    date_field: str,
    unit: str,
    counts_enterprises: bool = False,
    distinct_enterprises: bool = False,
    order: int = 100,
    amount_field: str = "",
) -> list[Fact]:
    """A fact counting `rows` (`records`) of `model`, naming the first of `enterprises`. No rows, no fact.

    - `counts_enterprises`: the figure counts the distinct enterprises, and they are the rows listed;
    - `distinct_enterprises`: the figure counts the distinct enterprises, the rows listed stay the records;
    - `amount_field`: the figure is the sum of that field in 万元 ("775万元"); the count stays the rows."""
    if not rows:
        return []
    examples = tuple(short_name(e) for e in enterprises[:EXAMPLES])
    ids = tuple(r.pk for r in rows)
    count = len(rows)
    if counts_enterprises:
        model, ids, count = "enterprises.Enterprise", tuple(e.pk for e in enterprises), len(enterprises)
        date_field = ""
    elif distinct_enterprises:
        count = len(enterprises)
    amount = None
    if amount_field:
        amount = sum((Decimal(getattr(r, amount_field) or 0) for r in rows), Decimal(0))
    fact = build_fact(
        template=template,
        count=count,
        unit=unit,
        examples=examples,
        enterprise_count=len(enterprises),
        counts_enterprises=counts_enterprises or distinct_enterprises,
        key=key,
        section=section,
        label=label,
        model=model,
        row_ids=ids,
        order=order,
        date_field=date_field,
        amount=amount,
    )
    if amount is not None:
        words = {**fact.words, "figure": None, "amount": wan(amount)}
        fact = replace(fact, figure=f"{wan(amount)}万元", words=words)
    return [fact]


def display(model, field_name: str):
    """`get_<field>_display()` of `model` as a function of the value, each label read once per language
    (`core.labels`): the rows are read as values (`records`), and a label is the same for every row."""
    return Labels(model._meta.get_field(field_name).flatchoices)


def in_period(field_name: str, start: dt.date, end: dt.date) -> dict:
    """Filter kwargs for a date (or datetime) field within the closed period [start, end]."""
    return {f"{field_name}__gte": start, f"{field_name}__lte": end}


def with_suffix(fact: Fact, suffix: Phrase) -> Fact:
    """The fact with `suffix` (e.g. project titles) appended to its sentence."""
    words = Words(**{**fact.words, "suffix": suffix}).as_json()
    return replace(fact, template=fact.template + said(suffix, escape=True), words=words)
