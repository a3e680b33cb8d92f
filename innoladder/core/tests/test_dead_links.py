"""No button leads to a 404: every page each role reaches in the Golmud demo is followed link by link, and a
link the same user is answered 404 on (a page outside what the role may do or see) is a defect of the page
that offers it."""

import pytest
from django.contrib.auth import get_user_model
from freezegun import freeze_time

from innoladder.core.testing.access import reachable_pages
from innoladder.core.testing.english import READ_AT, ROLES, load_golmud


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in ROLES if r])
def test_no_page_links_to_a_404_for_its_reader(client, role):
    load_golmud()
    user = get_user_model().objects.get(username=role)
    dead: list = []
    with freeze_time(READ_AT):
        pages = list(reachable_pages(client, user, per_view=1, limit=150, dead=dead))
    assert len(pages) > 10, "the crawl reached too few pages to mean anything"
    assert not dead, "\n".join(f"{page} offers {link}, which answers 404" for page, link in dead)
