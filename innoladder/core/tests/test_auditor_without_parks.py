"""Finding 8 (issue 21): a park auditor with no parks reads nothing, as an officer with none; before, they
read every park's enterprises, candidates, statistics and R&D records."""

from innoladder.accounts.choices import Role
from innoladder.assessments import selectors as assessment_selectors
from innoladder.core.scoping import VIEW, can_see_park, for_user
from innoladder.core.testing.factories import UserFactory
from innoladder.enterprises.models import Enterprise
from innoladder.reports import selectors as report_selectors


def test_an_auditor_without_parks_sees_no_enterprise_and_no_park(cast):
    lone = UserFactory(username="lone-auditor", role=Role.AUDITOR)
    officer = UserFactory(username="lone-officer", role=Role.OFFICER)
    assert Enterprise.objects.exists()
    for user in (lone, officer):
        assert not for_user(Enterprise, user, VIEW).exists()
        assert not can_see_park(user, cast.park)
        assert not assessment_selectors.parks_for(user).exists()
    assert not report_selectors.parks_for(lone).exists()


def test_a_park_auditor_still_reads_their_park_only(cast):
    seen = set(for_user(Enterprise, cast.auditor, VIEW).values_list("pk", flat=True))
    assert cast.ent_a.pk in seen
    assert cast.ent_other_park.pk not in seen
    assert can_see_park(cast.auditor, cast.park)
    assert not can_see_park(cast.auditor, cast.other_park)
