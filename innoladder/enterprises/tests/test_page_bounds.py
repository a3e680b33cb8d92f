"""Every list of the enterprise page is bounded (issue 21, finding 14: 90,000 IP rows made a 28.8 MB page
taking 14.8 s): the first SECTION_ROWS rows, the total and 「查看全部」 to a paged list of this enterprise
only; the timeline shows the latest TIMELINE_EVENTS entries. Page size and query count do not grow with
the number of rows (bench/bench_enterprise_page.py measures the 90,000-row case)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innoladder.cooperation.models import Talent
from innoladder.core.enterprise_page import LISTING_PAGE, SECTION_ROWS, TIMELINE_EVENTS
from innoladder.core.testing.access import OK, assert_access
from innoladder.enterprises.models import Award, IPRecord
from innoladder.services.tests.factories import make_visit

START = dt.date(2001, 1, 1)


def _fill(enterprise, ip: int, other: int = 0) -> None:
    IPRecord.objects.bulk_create(
        IPRecord(
            enterprise=enterprise,
            kind="invention_patent" if i % 3 == 0 else "utility_model",
            number=f"BND-{enterprise.pk}-{i:06d}",
            title=f"一种提锂装置{i}",
            granted_on=START + dt.timedelta(days=i),
        )
        for i in range(ip)
    )
    Award.objects.bulk_create(
        Award(enterprise=enterprise, name=f"科技奖{i}", year=2000 + i % 20, level="provincial")
        for i in range(other)
    )
    Talent.objects.bulk_create(
        Talent(
            enterprise=enterprise, name=f"人才{i}", category="other", recorded_on=START + dt.timedelta(days=i)
        )
        for i in range(other)
    )


def _fetch(client, enterprise):
    """(bytes, queries) of the page and each of its fragments."""
    from innoladder.core import enterprise_page

    base = f"/enterprises/{enterprise.pk}/"
    urls = [base, f"{base}timeline/", *(f"{base}sections/{s}/" for s in enterprise_page.section_labels())]
    found = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        found[url] = (len(response.content), len(queries))
    return found


def test_page_and_fragments_do_not_grow_with_the_rows(client, cast):
    _fill(cast.ent_a, ip=SECTION_ROWS + 5, other=SECTION_ROWS + 5)
    _fill(cast.ent_b, ip=3000, other=120)
    for day in range(1, 29):  # visits of both, more than a section shows
        make_visit(cast.officer, [cast.ent_a, cast.ent_b], on=dt.date(2023, 2, day))
    client.force_login(cast.officer)
    _fetch(client, cast.ent_a)  # the first requests fill per-process caches (rules, content types)
    small, large = _fetch(client, cast.ent_a), _fetch(client, cast.ent_b)
    for (url, (size_a, queries_a)), (size_b, queries_b) in zip(small.items(), large.values(), strict=True):
        assert queries_b == queries_a, f"{url}: {queries_a} queries with 25 rows, {queries_b} with 3,000"
        assert size_b < size_a * 1.2 + 2048, f"{url}: {size_a} bytes with 25 rows, {size_b} with 3,000"
    page_bytes = large[f"/enterprises/{cast.ent_b.pk}/"][0]
    assert page_bytes < 100_000, page_bytes  # was every row: about 350 bytes per IP record


def test_each_list_shows_its_first_rows_the_total_and_a_link_to_all(client, cast):
    _fill(cast.ent_a, ip=700, other=45)
    client.force_login(cast.officer)
    html = client.get(f"/enterprises/{cast.ent_a.pk}/").content.decode()
    assert html.count(f"BND-{cast.ent_a.pk}-") == SECTION_ROWS
    assert f"BND-{cast.ent_a.pk}-000699" in html  # the most recent grant first
    assert "Ⅰ类 234 件，Ⅱ类 466 件" in html  # counted over all 700, not the rows shown
    assert 'data-total="700"' in html and f"/enterprises/{cast.ent_a.pk}/all/enterprises/ip/" in html
    assert 'data-total="45"' in html and f"/enterprises/{cast.ent_a.pk}/all/enterprises/award/" in html
    assert html.count("科技奖") == SECTION_ROWS
    section = client.get(f"/enterprises/{cast.ent_a.pk}/sections/cooperation/").content.decode()
    assert section.count('href="/cooperation/talents/') == SECTION_ROWS
    assert f"/enterprises/{cast.ent_a.pk}/all/cooperation/talents/" in section


def test_a_short_list_has_no_link(client, cast):
    _fill(cast.ent_a, ip=3, other=2)
    client.force_login(cast.officer)
    html = client.get(f"/enterprises/{cast.ent_a.pk}/").content.decode()
    assert html.count(f"BND-{cast.ent_a.pk}-") == 3 and "/all/enterprises/ip/" not in html
    assert "Ⅰ类 1 件，Ⅱ类 2 件" in html


def test_the_timeline_shows_the_latest_entries(client, cast):
    _fill(cast.ent_a, ip=400)
    client.force_login(cast.officer)
    html = client.get(f"/enterprises/{cast.ent_a.pk}/timeline/").content.decode()
    entries = html.count('<li class="list-group-item"><span class="text-muted font-monospace">')
    assert entries == TIMELINE_EVENTS
    assert "一种提锂装置399" in html and "一种提锂装置340" not in html
    assert 'id="timeline-more"' in html


def test_the_full_list_is_paged_and_holds_this_enterprise_only(client, cast):
    _fill(cast.ent_a, ip=LISTING_PAGE * 2 + 7)
    _fill(cast.ent_b, ip=10)
    client.force_login(cast.officer)
    url = f"/enterprises/{cast.ent_a.pk}/all/enterprises/ip/"
    first = client.get(url).content.decode()
    assert first.count(f"BND-{cast.ent_a.pk}-") == LISTING_PAGE and f"BND-{cast.ent_b.pk}-" not in first
    assert "共 107 条" in first and "第 1 / 3 页" in first
    last = client.get(f"{url}?page=3").content.decode()
    assert last.count(f"BND-{cast.ent_a.pk}-") == 7 and f"BND-{cast.ent_a.pk}-000000" in last
    assert client.get(f"/enterprises/{cast.ent_a.pk}/all/enterprises/nothing/").status_code == 404
    assert client.get(f"/enterprises/{cast.ent_a.pk}/all/nothing/ip/").status_code == 404


@pytest.mark.parametrize(
    "listing", ["enterprises/ip", "enterprises/person", "cooperation/talents", "services/visits"]
)
def test_the_full_lists_are_scoped_like_the_page(client, cast, listing):
    _fill(cast.ent_a, ip=2, other=2)
    readers = {"admin": OK, "officer": OK, "agency": OK, "user_a": OK, "auditor": OK}
    assert_access(client, cast, f"/enterprises/{cast.ent_a.pk}/all/{listing}/", readers)
