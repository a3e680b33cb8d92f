"""Every field of the app's forms is named in the page's language: a model field without a name of its
own would otherwise show Django's English default (e.g. "Enterprise") on a Chinese page."""

import inspect
import re

import pytest
from django import forms as django_forms
from django.utils import translation

from innoladder.recognitions import forms

CHINESE = re.compile(r"[\u4e00-\u9fff]")
MODEL_FORMS = [
    cls
    for _, cls in inspect.getmembers(forms, inspect.isclass)
    if issubclass(cls, django_forms.ModelForm) and getattr(cls._meta, "model", None) is not None
]


def test_the_app_has_model_forms_to_check():
    assert {cls.__name__ for cls in MODEL_FORMS} >= {"RecognitionForm", "ApplicationForm", "BatchForm"}


@pytest.mark.parametrize("form_class", MODEL_FORMS, ids=lambda cls: cls.__name__)
def test_every_model_form_field_has_a_chinese_label(form_class):
    with translation.override("zh-hans"):
        labels = {name: str(field.label) for name, field in form_class.base_fields.items()}
    english = {name: label for name, label in labels.items() if not CHINESE.search(label)}
    assert not english, english


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("officer", "/recognitions/new/"),
        ("officer", "/recognitions/applications/new/"),
        ("user_a", "/recognitions/applications/new/"),
    ],
)
def test_the_enterprise_field_is_labelled_in_chinese(client, cast, who, url):
    client.force_login(getattr(cast, who))
    body = client.get(url).content.decode()
    label = re.search(r'<label[^>]*for="id_enterprise"[^>]*>(.*?)</label>', body, re.S)
    assert label is not None, body
    assert re.sub(r"<[^>]+>|[*：:\s]", "", label.group(1)) == "企业"
    assert "Enterprise" not in body
