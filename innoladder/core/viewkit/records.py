"""The selectors and services a declared kind of record most often needs, built once.

A module still names them (`policy_list, policy_get = vk.selectors(...)`), so its views, API and exports
call `selectors.policy_get(user, pk)` as before; only the bodies that were the same everywhere live here.
"""

from collections.abc import Callable

from django.shortcuts import get_object_or_404

from innoladder.core.scoping import VIEW, for_user
from innoladder.core.services import object_create, object_update


def getter(select: Callable) -> Callable:
    """`<x>_get(user, pk, action=VIEW)`: one record of the scoped `select(user, action)` (else 404)."""

    def get(user, pk: int, action: str = VIEW):
        return get_object_or_404(select(user, action), pk=pk)

    return get


def selectors(base: Callable, scope: Callable = for_user) -> tuple[Callable, Callable]:
    """`<x>_list(user, action=VIEW)`: `scope(base(), user, action)` (`for_user`, or a module's own scoping
    such as `park_scoped`), and its `<x>_get`. `base()` builds a fresh queryset on every call."""

    def select(user, action: str = VIEW):
        return scope(base(), user, action)

    return select, getter(select)


def creator(model) -> Callable:
    """`<x>_create(*, user, **fields)`: the record built from the fields, validated, saved and audited."""

    def create(*, user, **fields):
        return object_create(model(**fields), user=user)

    return create


def updater(instance_kwarg: str, *, fixed: tuple[str, ...] = (), check: Callable | None = None) -> Callable:
    """`<x>_update(*, <instance_kwarg>=obj, user, expected_version=None, **fields)`: `check(obj, user)` may
    refuse the edit; the fields (less the `fixed` ones, which only other services move) are set on the
    record, which is saved only if still at `expected_version` (else `StaleEditError`) and audited."""

    def update(*, user, expected_version: int | None = None, **fields):
        instance = fields.pop(instance_kwarg)
        if check is not None:
            check(instance, user)
        for name in fixed:
            fields.pop(name, None)
        for name, value in fields.items():
            setattr(instance, name, value)
        return object_update(instance, user=user, expected_version=expected_version)

    return update
