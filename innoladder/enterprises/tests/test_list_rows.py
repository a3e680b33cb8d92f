"""The list's rows drawn by enterprises/tables.py are the markup the template loop drew, character for
character, whatever the row holds (markup in names and tags, blanks, every status, an officer or none)."""

import datetime as dt

import pytest
from django.template import Context, Engine
from django.utils import translation
from django.utils.html import escape

from innoladder.core.testing.factories import EnterpriseFactory, UserFactory
from innoladder.enterprises import selectors, tables
from innoladder.enterprises.models import Enterprise

# The loop enterprise_list.html had before the rows were drawn in Python (short cells since kept to one line).
TEMPLATE_LOOP = """{% for e in object_list %}
<tr>
  <td><a href="{{ e.get_absolute_url }}">{{ e.name }}</a>{% for t in e.tags %} <span class="badge text-bg-light">{{ t }}</span>{% endfor %}</td>
  <td class="font-monospace small">{{ e.uscc }}</td>
  <td>{{ e.park.name }}{% if e.sub_zone %}<div class="small text-muted">{{ e.sub_zone }}</div>{% endif %}</td>
  <td>{{ e.industry_name }}{% if e.industry_code %} <span class="small text-muted">{{ e.industry_code }}</span>{% endif %}</td>
  <td>{{ e.get_tech_field_display }}</td>
  <td>{{ e.get_pool_display }}</td>
  <td class="text-nowrap">{{ e.get_size_class_display }}</td>
  <td class="text-nowrap">{{ e.registered_on|date:"Y-m-d" }}</td>
  <td>{{ e.contact_name }}</td>
  <td class="text-nowrap">{{ e.contact_phone_masked }}</td>
  <td>{{ e.assigned_officer|default_if_none:"" }}</td>
  <td class="text-nowrap">{% if e.status == "active" %}{{ e.get_status_display }}{% else %}<span class="badge text-bg-secondary">{{ e.get_status_display }}</span>{% endif %}</td>
</tr>
{% endfor %}"""  # noqa: E501


@pytest.fixture
def varied(cast):
    named = UserFactory(username="officer_x", role="officer", display_name="张<三> & 李")
    plain = UserFactory(username="officer_y", role="officer")
    EnterpriseFactory(
        park=cast.park,
        name="<b>锂&\"源'</b>",
        tags=["<i>新材料</i>", "a&b", 7],
        sub_zone="察尔汗<盐湖>",
        industry_code="C2613",
        industry_name="无机盐 & 制造",
        tech_field="4",
        pool="tier1",
        size_class="small",
        contact_name="王<五>",
        contact_phone="138 1234 5678",
        assigned_officer=named,
    )
    EnterpriseFactory(park=cast.park, registered_on=None, contact_phone="12", status="moved_out")
    EnterpriseFactory(
        park=cast.park, registered_on=dt.date(998, 1, 2), assigned_officer=plain, pool="reserve"
    )
    EnterpriseFactory(park=cast.other_park, status="deregistered", size_class="micro", tech_field="8")
    return cast


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_rows_match_the_template_loop(varied, language):
    objects = list(Enterprise.objects.select_related("park", "assigned_officer").order_by("name", "pk"))
    assert len(objects) >= 7
    rows = list(Enterprise.objects.order_by("name", "pk").values_list(*tables.ROW_FIELDS, named=True))
    parks, officers = selectors.enterprise_row_names(rows, {}, {})
    with translation.override(language):
        expected = Engine.get_default().from_string(TEMPLATE_LOOP).render(Context({"object_list": objects}))
        assert tables.enterprise_rows(rows, parks, officers) == expected


def test_row_names_read_only_what_the_filter_did_not(varied, django_assert_num_queries):
    rows = list(Enterprise.objects.order_by("name", "pk").values_list(*tables.ROW_FIELDS, named=True))
    known = {varied.park.pk: varied.park.name, varied.other_park.pk: varied.other_park.name}
    with django_assert_num_queries(1):  # the officers; every park is known
        parks, officers = selectors.enterprise_row_names(rows, known, {})
    assert parks == known
    assert sorted(officers.values()) == ["officer_y", "张<三> & 李"]
    with django_assert_num_queries(0):
        assert selectors.enterprise_row_names(rows, known, officers) == (parks, officers)


def test_the_filter_names_the_officers_of_the_parks_as_the_list_shows_them(varied):
    from innoladder.enterprises.filtersets import EnterpriseFilterSet

    varied.officer.parks.add(varied.park)
    UserFactory(username="officer_z", role="officer", display_name="赵<六>").parks.add(varied.park)
    form = EnterpriseFilterSet({}, user=varied.officer)
    assert (varied.park.pk, varied.park.name) in form.park_options
    names = dict(form.officer_options)
    assert "赵<六>" in names.values() and "officer_z" not in names.values()
    assert names == form.officer_names


def test_the_officer_filter_shows_names_not_login_names(client, varied):
    zhao = UserFactory(username="officer_z", role="officer", display_name="赵<六>")
    zhao.parks.add(varied.park)
    varied.officer.parks.add(varied.park)
    client.force_login(varied.officer)
    page = client.get("/enterprises/").content.decode()
    assert f'<option value="{zhao.pk}">赵&lt;六&gt;</option>' in page
    assert ">officer_z<" not in page


OPTION_LOOP = (
    '{% for v, l in f.fields.NAME.choices %}<option value="{{ v }}"{% if COMPARE %} selected{% endif %}>'
    "{{ l }}</option>{% endfor %}"
)
# The comparisons the list's selects made: the park and the officer as text, the others as posted.
COMPARISONS = {
    "park": "f.data.park == v|stringformat:'s'",
    "officer": "f.data.officer == v|stringformat:'s'",
    "tech_field": "f.data.tech_field == v",
    "pool": "f.data.pool == v",
    "status": "f.data.status == v",
}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "park=&officer=&tech_field=&pool=&status=",
        "tech_field=4&pool=none&status=moved_out",
        "park=abc&pool=x",
    ],
)
def test_filter_options_match_the_template_loops(varied, query):
    from django.http import QueryDict

    from innoladder.enterprises.filtersets import EnterpriseFilterSet

    officer = varied.officer
    form = EnterpriseFilterSet(QueryDict(f"{query}&park={varied.park.pk}&officer={officer.pk}"), user=officer)
    form.fields["tech_field"].choices = [*form.fields["tech_field"].choices, ("<&>", "<b>&</b>")]
    engine = Engine.get_default()
    for name, compare in COMPARISONS.items():
        loop = OPTION_LOOP.replace("NAME", name).replace("COMPARE", compare)
        expected = engine.from_string(loop).render(Context({"f": form}))
        tag = f'{{% load registry %}}{{% options f "{name}" %}}'
        shown = engine.from_string(tag).render(Context({"f": form}))
        assert shown == expected, name
    assert " selected>" in shown or "status=" not in query


def _old_sort_url(request, key: str) -> str:
    params = request.GET.copy()
    current = params.get("sort", "")
    params["sort"] = f"-{key}" if current == key else key
    params.pop("page", None)
    return "?" + params.urlencode()


@pytest.mark.parametrize(
    "query", ["", "page=2", "sort=name&q=锂 源&page=3", "q=a&sort=-uscc&sort=uscc&tag=<b>"]
)
def test_sort_links_are_those_of_a_fresh_copy_of_the_query(rf, query):
    request = rf.get(f"/enterprises/?{query}")
    keys = ["name", "uscc", "park", "name", "status"]
    template = Engine.get_default().from_string(
        "{% load registry %}" + "|".join(f"{{% sort_url '{key}' %}}" for key in keys)
    )
    shown = template.render(Context({"request": request}))
    assert shown == "|".join(escape(_old_sort_url(request, key)) for key in keys)
    assert request.GET.urlencode() == rf.get(f"/enterprises/?{query}").GET.urlencode()  # left as it came
