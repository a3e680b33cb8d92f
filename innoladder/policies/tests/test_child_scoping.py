"""Removing a campaign reach or a training enrolment needs the right to the enterprise of that row, not
only to the campaign or event: a park's officer cannot remove the rows of an enterprise now in another
park (it moved after it was reached), even though they still run the campaign."""

import datetime as dt

import pytest

from innoladder.core.models import AuditEntry
from innoladder.policies.models import CampaignReach, TrainingEnrolment
from innoladder.policies.tests.helpers import enrol, reach, spring_campaign, training_event


@pytest.fixture
def moved(cast):
    """A campaign and a training event of park 1 with rows for ent_a and ent_b; ent_b then moves to park 2."""
    campaign = spring_campaign(cast)
    event = training_event(cast, "专精特新培训班")
    reaches, enrolments = {}, {}
    for enterprise in (cast.ent_a, cast.ent_b):
        reaches[enterprise.pk] = reach(cast, campaign, enterprise, dt.date(2023, 3, 2))
        enrolments[enterprise.pk] = enrol(cast, event, enterprise, ("张三", "总经理"))
    cast.ent_b.park = cast.other_park
    cast.ent_b.save()
    return campaign, event, reaches, enrolments


def _deletes(object_type):
    return AuditEntry.objects.filter(object_type=object_type, event_type="delete").count()


# The rows a removal takes away: the URL of the removal, the model and the audited object type.
REMOVALS = {
    "reach": ("/policies/campaigns/{parent}/reaches/{row}/remove/", CampaignReach, "policies.CampaignReach"),
    "enrolment": (
        "/policies/trainings/{parent}/enrolments/{row}/remove/",
        TrainingEnrolment,
        "policies.TrainingEnrolment",
    ),
}


@pytest.mark.parametrize("kind", REMOVALS)
def test_an_officer_cannot_remove_the_row_of_an_enterprise_outside_their_parks(client, cast, moved, kind):
    campaign, event, reaches, enrolments = moved
    parent, rows = (campaign, reaches) if kind == "reach" else (event, enrolments)
    url, model, object_type = REMOVALS[kind]

    def remove(row):
        return client.post(url.format(parent=parent.pk, row=row.pk))

    outside = rows[cast.ent_b.pk]
    client.force_login(cast.officer)
    assert remove(outside).status_code == 404
    assert model.objects.filter(pk=outside.pk).exists()
    if kind == "enrolment":
        assert outside.attendees.count() == 1
    assert _deletes(object_type) == 0
    # the officer's own park's row still goes, and the park-2 officer may act on neither (not their campaign
    # or event)
    inside = rows[cast.ent_a.pk]
    remove(inside)
    assert not model.objects.filter(pk=inside.pk).exists()
    client.force_login(cast.other_officer)
    assert remove(outside).status_code == 404
    client.force_login(cast.admin)
    remove(outside)
    assert not model.objects.filter(pk=outside.pk).exists()
    assert _deletes(object_type) == 2


def test_a_row_of_another_campaign_is_not_found_through_this_one(client, cast, moved):
    campaign, event, reaches, enrolments = moved
    other = spring_campaign(cast, "另一活动")
    other_event = training_event(cast, "另一培训")
    client.force_login(cast.officer)
    reach, enrolment = reaches[cast.ent_a.pk], enrolments[cast.ent_a.pk]
    assert client.post(f"/policies/campaigns/{other.pk}/reaches/{reach.pk}/remove/").status_code == 404
    url = f"/policies/trainings/{other_event.pk}/enrolments/{enrolment.pk}/remove/"
    assert client.post(url).status_code == 404
    assert CampaignReach.objects.filter(pk=reach.pk).exists()
    assert TrainingEnrolment.objects.filter(pk=enrolment.pk).exists()


def test_the_forms_offer_only_enterprises_the_user_may_change(client, cast, moved):
    campaign, event, _, _ = moved
    client.force_login(cast.officer)
    for url in (f"/policies/campaigns/{campaign.pk}/", f"/policies/trainings/{event.pk}/"):
        form = client.get(url).context["form"]
        assert set(form.fields["enterprise"].queryset) == {cast.ent_a}
