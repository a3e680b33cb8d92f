"""Every field of every model form in the project is named in Chinese on a Chinese page: a model field with
no name of its own shows Django's English default ("Enterprise") unless its form names it."""

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms as django_forms
from django.utils import translation

import innoladder

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _form_modules():
    for info in pkgutil.walk_packages(innoladder.__path__, "innoladder."):
        last = info.name.rsplit(".", 1)[-1]
        if "tests" in info.name.split(".") or "migrations" in info.name.split("."):
            continue
        if last == "forms" or last.endswith("_forms"):
            yield importlib.import_module(info.name)


MODEL_FORMS = sorted(
    {
        cls
        for module in _form_modules()
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, django_forms.ModelForm) and getattr(cls._meta, "model", None) is not None
    },
    key=lambda cls: f"{cls.__module__}.{cls.__name__}",
)


def test_the_scan_finds_the_forms_of_every_kind_of_record():
    names = {cls.__name__ for cls in MODEL_FORMS}
    assert len(MODEL_FORMS) > 20 and {"RequestForm", "RecognitionForm", "TechContractForm"} <= names


@pytest.mark.parametrize("form_class", MODEL_FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_field_is_named_in_chinese(form_class):
    with translation.override("zh-hans"):
        shown = {name: field for name, field in form_class.base_fields.items() if not field.widget.is_hidden}
        labels = {name: str(field.label) for name, field in shown.items()}
    english = {name: label for name, label in labels.items() if not CHINESE.search(label)}
    assert not english, english
