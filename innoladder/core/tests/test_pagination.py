"""The pager's links keep the list's other parameters exactly as the loop in _pagination.html wrote them."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Engine
from django.template.loader import render_to_string

OLD_LOOP = (
    "{% for k, v in request.GET.items %}{% if k != 'page' %}{{ k }}={{ v|urlencode }}&{% endif %}{% endfor %}"
)


@pytest.mark.parametrize(
    "query",
    ["", "page=3", "q=a b&page=2&tag=<x>&tag=锂&k%3C%22=v%26w&empty=", "sort=-name&page=1&page=4&x=/a/?b"],
)
def test_page_query_is_the_loop_it_replaces(rf, query):
    request = rf.get(f"/list/?{query}")
    engine = Engine.get_default()
    expected = engine.from_string(OLD_LOOP).render(Context({"request": request}))
    shown = engine.from_string("{% load pages %}{% page_query %}").render(Context({"request": request}))
    assert shown == expected
    page = Paginator(range(120), 50).page(2)
    html = render_to_string("_pagination.html", {"page": page, "request": request})
    assert f'href="?{expected}page=1"' in html and f'href="?{expected}page=3"' in html


def test_page_query_without_a_request_is_empty():
    assert Engine.get_default().from_string("{% load pages %}[{% page_query %}]").render(Context()) == "[]"
