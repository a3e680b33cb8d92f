"""A choice field's labels read once per language. Django's `get_<field>_display()` rebuilds a dict of the
field's choices on every call, translating each lazy label to hash it: ~12 gettext calls per record, which
the work report's 17,000 verdict rows paid in full (docs/dev/performance.md)."""

from django.utils.translation import get_language


class Labels:
    """`Labels(choices)(value)`: the value's label in the active language, the value itself when unknown
    (what `get_<field>_display()` gives)."""

    def __init__(self, choices) -> None:
        self._choices = choices
        self._by_language: dict[str | None, dict] = {}

    def __call__(self, value) -> str:
        language = get_language()
        table = self._by_language.get(language)
        if table is None:
            table = self._by_language[language] = {key: str(label) for key, label in self._choices}
        label = table.get(value)
        return str(value) if label is None else label
