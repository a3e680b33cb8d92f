"""A searchable picker for a choice among many rows (an enterprise among thousands): the page carries only
the chosen rows; typing asks the server (htmx) for the first matches, scoped to the user.

The field keeps its queryset, so validation and scoping stay the form's: a value the user may not choose is
refused on submit whatever the browser sends.
"""

from django import forms
from django.urls import reverse


class SearchPicker(forms.Widget):
    template_name = "core/widgets/picker.html"

    def __init__(self, search_url_name: str, *, multiple: bool = False, attrs=None):
        super().__init__(attrs)
        self.search_url_name = search_url_name
        self.allow_multiple_selected = multiple
        self.choices = []

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected:
            return data.getlist(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return not self.allow_multiple_selected and name not in data

    def _chosen(self, value) -> list[tuple[str, str]]:
        values = value if isinstance(value, list | tuple) else [value]
        values = [str(v) for v in values if v not in (None, "")]
        queryset = getattr(self.choices, "queryset", None)
        if not values or queryset is None:
            return []
        valid = [v for v in values if v.isdigit()]
        rows = {str(row.pk): str(row) for row in queryset.filter(pk__in=valid)}
        return [(v, rows[v]) for v in values if v in rows]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            {
                "chosen": self._chosen(value),
                "multiple": self.allow_multiple_selected,
                "search_url": f"{reverse(self.search_url_name)}?field={name}",
            }
        )
        return context

    def format_value(self, value):
        return value
