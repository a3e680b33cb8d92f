"""Form pieces of the kit: Bootstrap styling and putting a service's errors back on a form."""

from django import forms
from django.core.exceptions import ValidationError

from innoladder.core.services import StaleEditError

# A date field's widget: the browser's date picker, the value as ISO (what the picker reads).
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StyledMixin:
    """Give every widget Bootstrap classes; date fields become HTML5 date pickers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


def style(
    form,
    *,
    small: bool = True,
    skip: tuple = (forms.CheckboxSelectMultiple, forms.RadioSelect),
    dates: bool = True,
) -> None:
    """Bootstrap classes on every widget but the `skip` ones (`small`: the `-sm` sizes); with `dates`, date
    fields become HTML5 date pickers."""
    select, control = (
        ("form-select form-select-sm", "form-control form-control-sm")
        if small
        else ("form-select", "form-control")
    )
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, skip):
            continue
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", select)
        else:
            widget.attrs.setdefault("class", control)
        if dates and isinstance(field, forms.DateField):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"


def bootstrap(form) -> None:
    """Full-size Bootstrap classes (the funding, contracts and policies forms)."""
    for field in form.fields.values():
        widget = field.widget
        if getattr(widget, "input_type", "") == "checkbox":
            widget.attrs.setdefault("class", "form-check-input")
        elif getattr(widget, "input_type", "") == "select":
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


def offer_transitions(form, statuses, allowed) -> None:
    """The form's `to_status` offers only the `allowed` moves (status values), labelled from `statuses`."""
    labels = dict(statuses.choices)
    form.fields["to_status"].choices = [(status, labels[status]) for status in allowed]


def error_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def form_errors_text(form) -> str:
    return "；".join(e for errs in form.errors.values() for e in errs)


def put_errors(form, exc: ValidationError | StaleEditError, *, by_field: bool = False) -> None:
    """A refused save: the stale-edit message, or the service's Chinese messages (on their fields when
    `by_field` and the form has them, else joined above the form)."""
    if isinstance(exc, StaleEditError):
        form.add_error(None, exc.message)
    elif by_field and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif by_field:
        form.add_error(None, exc.messages)
    else:
        form.add_error(None, error_text(exc))
