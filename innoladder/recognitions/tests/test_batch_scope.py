"""Application batches are park-level records: each role reads the batches of the parks it may read, by the
same rule as every other park-level record (core.parkscope)."""

import datetime as dt

from innoladder.accounts.choices import Role
from innoladder.core.testing.factories import ParkFactory, UserFactory
from innoladder.recognitions import selectors

from .factories import BatchFactory


def _batches(cast):
    new_park = ParkFactory(name="大柴旦工业园", region=cast.region)  # in the region, no enterprise yet
    dates = {"opens_on": dt.date(2026, 11, 1), "closes_on": dt.date(2026, 12, 15)}
    parks = {"own": cast.park, "other": cast.other_park, "new": new_park}
    return {key: BatchFactory(park=park, **dates) for key, park in parks.items()}


def _seen(user, batches) -> set[str]:
    shown = set(selectors.batch_list(user).values_list("pk", flat=True))
    return {key for key, batch in batches.items() if batch.pk in shown}


def test_an_auditor_bound_to_no_park_reads_no_batch(client, cast):
    batches = _batches(cast)
    unbound = UserFactory(username="unbound_auditor", role=Role.AUDITOR)
    assert _seen(unbound, batches) == set()
    client.force_login(unbound)
    assert client.get(f"/recognitions/batches/{batches['own'].pk}/").status_code == 404
    assert batches["own"].name not in client.get("/recognitions/batches/").content.decode()


def test_each_role_reads_the_batches_of_its_parks(cast):
    batches = _batches(cast)
    assert _seen(cast.admin, batches) == {"own", "other", "new"}
    assert _seen(cast.auditor, batches) == {"own"}
    assert _seen(cast.officer, batches) == {"own"}
    assert _seen(cast.other_officer, batches) == {"other"}
    # the regional officer reads every park of the region, also one without enterprises yet
    assert _seen(cast.regional, batches) == {"own", "new"}
    assert _seen(cast.user_a, batches) == {"own"}
    assert set(selectors.batch_list(cast.officer, "change")) == {batches["own"]}
    assert not selectors.batch_list(cast.auditor, "change").exists()
