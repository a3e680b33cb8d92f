"""The enterprise page loads each module section and the timeline as fragments, scoped like the page."""

import datetime as dt

import pytest

from innoladder.core import enterprise_page
from innoladder.core.testing.access import OK, assert_access
from innoladder.core.testing.factories import IPRecordFactory
from innoladder.services.tests.factories import make_visit

pytestmark = pytest.mark.django_db
SEES_A = {"admin": OK, "officer": OK, "agency": OK, "user_a": OK, "auditor": OK}


def test_page_has_one_placeholder_per_contributing_module_in_page_order(client, cast):
    client.force_login(cast.officer)
    body = client.get(f"/enterprises/{cast.ent_a.pk}/").content.decode()
    labels = enterprise_page.section_labels()
    assert {"recognitions", "assessments", "services", "reports"} <= set(labels)
    positions = [body.index(f'hx-get="/enterprises/{cast.ent_a.pk}/sections/{label}/"') for label in labels]
    assert positions == sorted(positions)
    assert labels.index("assessments") < labels.index("recognitions") < labels.index("services")  # 10, 20, 60
    assert f'hx-get="/enterprises/{cast.ent_a.pk}/timeline/"' in body


def test_the_ladder_stands_first_and_an_index_links_every_section(client, cast):
    """The ladder (梯度评估) and recognitions come before the registry's own sections, and the sticky
    index at the top links every section of the page, in the order they stand."""
    client.force_login(cast.officer)
    body = client.get(f"/enterprises/{cast.ent_a.pk}/").content.decode()
    index = body[body.index('id="file-index"') : body.index("</nav>", body.index('id="file-index"'))]
    anchors = [part.split('"')[0] for part in index.split('href="#')[1:]]
    assert anchors[:3] == ["section-assessments", "section-recognitions", "profile"]
    for anchor in anchors:
        assert f'id="{anchor}"' in body, anchor
    page_positions = [body.index(f'id="{anchor}"') for anchor in anchors]
    assert page_positions == sorted(page_positions)
    assert body.index('id="section-assessments"') < body.index('id="profile"') < body.index('id="ip"')


def test_sections_and_timeline_are_scoped_like_the_page(client, cast):
    for label in enterprise_page.section_labels():
        assert_access(client, cast, f"/enterprises/{cast.ent_a.pk}/sections/{label}/", SEES_A)
    assert_access(client, cast, f"/enterprises/{cast.ent_a.pk}/timeline/", SEES_A)


def test_unknown_section_is_not_found(client, cast):
    client.force_login(cast.admin)
    assert client.get(f"/enterprises/{cast.ent_a.pk}/sections/enterprises/").status_code == 404
    assert client.get(f"/enterprises/{cast.ent_a.pk}/sections/nothing/").status_code == 404


def test_section_renders_the_modules_panel(client, cast):
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, 1), department="科技局")
    client.force_login(cast.user_a)
    body = client.get(f"/enterprises/{cast.ent_a.pk}/sections/services/").content.decode()
    assert '<section class="card mb-3">' in body and "走访与诉求" in body and "科技局" in body


def test_timeline_merges_registry_and_module_dates_newest_first(client, cast):
    IPRecordFactory(
        enterprise=cast.ent_a, kind="invention_patent", title="一种提锂方法", granted_on=dt.date(2022, 5, 6)
    )
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, 1))
    make_visit(cast.officer, [cast.ent_b], on=dt.date(2023, 4, 1))  # another enterprise's visit
    client.force_login(cast.officer)
    events = client.get(f"/enterprises/{cast.ent_a.pk}/timeline/").context["events"]
    dated = [(e.on, e.kind) for e in events]
    assert (dt.date(2023, 3, 1), "走访") in dated and (dt.date(2022, 5, 6), "知识产权") in dated
    assert (dt.date(2023, 4, 1), "走访") not in dated
    assert dated == sorted(dated, key=lambda d: d[0], reverse=True)


def test_page_query_count_does_not_grow_with_modules_data(client, cast, django_assert_max_num_queries):
    for day in range(1, 21):
        make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, day))
        IPRecordFactory(enterprise=cast.ent_a)
    client.force_login(cast.officer)
    with django_assert_max_num_queries(16):
        assert client.get(f"/enterprises/{cast.ent_a.pk}/").status_code == 200
