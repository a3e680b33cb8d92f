"""The registry of importable datasets; apps register theirs in `<app>/imports.py` (auto-discovered)."""

from __future__ import annotations

import importlib

from django.apps import apps

from .datasets import Dataset

_DATASETS: dict[str, Dataset] = {}
_discovered = False


def register(dataset: Dataset) -> Dataset:
    """Add a dataset; registering the same key again replaces it (module reloads in tests)."""
    _DATASETS[dataset.key] = dataset
    return dataset


def declare(identity: tuple, **fields) -> Dataset:
    """Build and register a dataset declared as one row of identity, `(key, title, model, natural_key)`,
    and its other Dataset fields (columns, description, hooks, examples) by name."""
    key, title, model, natural_key = identity
    return register(Dataset(key=key, title=title, model=model, natural_key=natural_key, **fields))


def unregister(key: str) -> None:
    _DATASETS.pop(key, None)


def autodiscover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    for config in apps.get_app_configs():
        if not config.name.startswith("innoladder.") or config.name == "innoladder.imports":
            continue
        module = f"{config.name}.imports"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def all_datasets() -> list[Dataset]:
    autodiscover()
    return sorted(_DATASETS.values(), key=lambda d: (d.order, d.key))


def get(key: str) -> Dataset | None:
    autodiscover()
    return _DATASETS.get(key)


def for_user(user) -> list[Dataset]:
    """The datasets this user may import."""
    return [d for d in all_datasets() if d.is_allowed(user)]
