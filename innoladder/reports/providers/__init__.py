"""The registered fact providers.

Each module here registers its providers with `@provider(...)`, naming the models (or model fields) it
reads in `requires`, or, for a provider that only counts a model's records dated in the period, with one
`rows_provider(...)` declaration. A provider whose models do not exist (the module has not been built yet) is
simply absent from the report: no placeholder sentence is ever written.
"""

import functools
import importlib
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation

from innoladder.core.scoping import for_user
from innoladder.enterprises.models import park_q

from .. import facts
from ..choices import Section
from ..facts import in_period

MODULES = (
    "recognitions",
    "enterprises",
    "rnd",
    "projects",
    "cooperation",
    "services",
    "funding",
    "contracts",
    "policies",
    "collection",
    "next_steps",
)


@dataclass(frozen=True)
class Provider:
    key: str
    section: str
    func: Callable
    requires: tuple[str, ...] = ()
    order: int = 100

    def __call__(self, user, park, start, end):
        # Facts are written in Chinese, the language reports are made in, whatever the reader's language;
        # their words give the other languages at display (`Fact.shown`).
        with translation.override(settings.LANGUAGE_CODE):
            return self.func(user, park, start, end)


@dataclass(frozen=True)
class Identity:
    """A provider's key, section and order, as each fact it builds carries them.

    A fact of a group (a year, a scheme, an enterprise…) is keyed `<key>.<part>`, and the `step`-th group
    comes `step` places after the provider's order."""

    key: str
    section: str
    order: int

    def fields(self, part=None, step: int = 0, **fact) -> dict:
        """The keywords of a fact: its key, section and order, then `fact` (which may name its own key)."""
        key = self.key if part is None else f"{self.key}.{part}"
        return {"key": key, "section": self.section, "order": self.order + step, **fact}

    def rows_fact(self, queryset, *, part=None, step: int = 0, **fact) -> list[facts.Fact]:
        """`facts.rows_fact` of `queryset` with the provider's key, section and order."""
        return facts.rows_fact(queryset, **self.fields(part, step, **fact))

    def facts_from_rows(self, rows, enterprises, *, part=None, step: int = 0, **fact) -> list[facts.Fact]:
        """`facts.facts_from_rows` with the provider's key, section and order."""
        return facts.facts_from_rows(rows, enterprises, **self.fields(part, step, **fact))

    def group_facts(self, groups: dict, words: Callable, *, steps: bool = True, **fact) -> list[facts.Fact]:
        """A fact per group of `groups` (each group's rows, in report order) counting the distinct enterprises
        of its rows in 家企业 (the rows listed stay the records). `words(group, rows)` gives the keywords
        proper to a group (its `part` of the key, label, template…), `fact` those common to all; with `steps`
        the n-th group comes n places after the provider's order."""
        found = []
        for i, (group, rows) in enumerate(groups.items()):
            found += self.facts_from_rows(
                rows,
                distinct_enterprises(rows),
                step=i if steps else 0,
                unit="家企业",
                distinct_enterprises=True,
                **fact,
                **words(group, rows),
            )
        return found


REGISTRY: list[Provider] = []
# The list the modules register into: the tests replace REGISTRY with their own providers for a while, and a
# module first imported meanwhile (dashboard_modules imports next_steps) must still register here.
_DECLARED = REGISTRY


def provider(key: str, section: str, *, requires: tuple[str, ...] = (), order: int = 100):
    """Register `func(this, user, park, start, end) -> list[Fact]` as a provider of `section`, `this` being
    its `Identity` (the key, section and order its facts carry)."""

    def decorator(func):
        bound = functools.partial(func, Identity(key, section, order))
        _DECLARED[:] = [p for p in _DECLARED if p.key != key]
        _DECLARED.append(Provider(key=key, section=section, func=bound, requires=requires, order=order))
        return func

    return decorator


def rows_provider(
    key: str,
    section: str,
    *,
    order: int,
    model: str,
    date_field: str,
    requires_date_field: bool = False,
    selector_name: str = "",
    where: dict | None = None,
    **fact,
) -> None:
    """Register the provider of one fact counting the park's records of `model` ("app.Model") dated by
    `date_field` in the period (`period_rows`, with `selector_name`), those matching `where` when given;
    `fact` are the other keywords of `facts.rows_fact` (label, template, unit, amount_field…).

    It requires `model`, or its `date_field` with `requires_date_field` (a field added after the model)."""

    def rows(this, user, park, start, end):
        qs = period_rows(user, park, start, end, model, date_field, selector_name=selector_name)
        if where:
            qs = qs.filter(**where)
        return this.rows_fact(qs, date_field=date_field, **fact)

    requires = (f"{model}.{date_field}" if requires_date_field else model,)
    provider(key, section, requires=requires, order=order)(rows)


def grouped(rows: Iterable, group: Callable[..., Hashable]) -> dict:
    """`rows` by `group(row)`, the groups in the order they first appear, each group's rows in their order."""
    groups: dict = defaultdict(list)
    for row in rows:
        groups[group(row)].append(row)
    return groups


def requirement_met(spec: str) -> bool:
    """ "app.Model" exists, or "app.Model.field" exists on it."""
    parts = spec.split(".")
    try:
        model = apps.get_model(parts[0], parts[1])
    except LookupError:
        return False
    if len(parts) == 3:
        try:
            model._meta.get_field(parts[2])
        except FieldDoesNotExist:
            return False
    return True


def load() -> None:
    for name in MODULES:
        importlib.import_module(f"{__name__}.{name}")


def available() -> list[Provider]:
    """The providers whose models exist, in report order (section, then provider order)."""
    load()
    rank = {value: i for i, value in enumerate(Section.values)}
    found = [p for p in REGISTRY if all(requirement_met(spec) for spec in p.requires)]
    return sorted(found, key=lambda p: (rank[p.section], p.order, p.key))


# What a provider reads of an enterprise: its id and name (the sentence's names), park and status. The other
# columns (JSON tags and former names, contacts, products…) are left unread: loading them for tens of
# thousands of counted rows was most of the report's time (issue 23).
ENTERPRISE_READ = ("id", "name", "park", "uscc", "status")


def lean(queryset, *paths: str):
    """`queryset` reading only `ENTERPRISE_READ` of the enterprise at each of `paths` ("" for the rows
    themselves when they are enterprises)."""
    enterprise = apps.get_model("enterprises", "Enterprise")
    unread = [f.name for f in enterprise._meta.concrete_fields if f.name not in ENTERPRISE_READ]
    return queryset.defer(*(f"{path}__{name}" if path else name for path in paths for name in unread))


def distinct_enterprises(rows) -> list:
    """The enterprises of `rows` (each row's `.enterprise`), each once, in the order they first appear.

    By id in a set: the report counts tens of thousands of rows, and a list lookup per row made grouping
    quadratic (issue 23)."""
    seen: set[int] = set()
    enterprises = []
    for row in rows:
        enterprise = row.enterprise
        if enterprise.pk not in seen:
            seen.add(enterprise.pk)
            enterprises.append(enterprise)
    return enterprises


def park_rows(user, park, label: str, path: str = "enterprise__park"):
    """The records of model `label` ("app.Model") of the park (or of the region's parks, `path` leading to
    the park) that the user may read."""
    return for_user(apps.get_model(label).objects.all(), user).filter(park_q(path, park))


def period_rows(
    user,
    park,
    start,
    end,
    label: str,
    date_field: str,
    *,
    selector_name: str = "",
    path: str = "enterprise__park",
):
    """The park's records of `label` dated in the period: the ones its app's selector `selector_name` gives
    when the app provides it, else those whose `date_field` is in the period."""
    found = selector(label.split(".")[0], selector_name) if selector_name else None
    if found is not None:
        return found(user, park, start, end)
    return park_rows(user, park, label, path).filter(**in_period(date_field, start, end))


def selector(app: str, name: str):
    """`innoladder.<app>.selectors.<name>` when that app provides it, else None."""
    try:
        module = importlib.import_module(f"innoladder.{app}.selectors")
    except ModuleNotFoundError as exc:
        if exc.name != f"innoladder.{app}.selectors":
            raise
        return None
    return getattr(module, name, None)
