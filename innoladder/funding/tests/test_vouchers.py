"""Voucher caps (criteria.md §7.4): amount = min(fee × share, annual quota − used this year)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from innoladder.core.models import AuditEntry
from innoladder.funding import choices as c
from innoladder.funding import selectors, services
from innoladder.funding.models import VoucherUse

from .factories import ProgrammeFactory

D = Decimal


@pytest.fixture
def voucher_programme(cast):
    return ProgrammeFactory(park=cast.park, kind=c.ProgrammeKind.VOUCHER, name="创新券", year=2023)


def _use(cast, programme, fee, service, holder="hnte", on=dt.date(2023, 3, 1), enterprise=None):
    return services.voucher_use_create(
        user=cast.officer,
        enterprise=enterprise or cast.ent_a,
        programme=programme,
        used_on=on,
        holder_type=holder,
        service_type=service,
        provider="青海省分析测试中心",
        fee=D(fee),
    )


def test_quota_is_exhausted_across_several_uses_in_a_year(cast, voucher_programme):
    # 高企: 200,000 a year. 80% of 100,000 = 80,000; 100% of 100,000 = 100,000; then 20,000 left.
    first = _use(cast, voucher_programme, "100000", "testing")
    second = _use(cast, voucher_programme, "100000", "instrument_sharing", on=dt.date(2023, 5, 1))
    third = _use(cast, voucher_programme, "50000", "rd_service", on=dt.date(2023, 8, 1))
    fourth = _use(cast, voucher_programme, "10000", "testing", on=dt.date(2023, 9, 1))
    assert (first.amount, first.used_before) == (D("80000"), D(0))
    assert (second.amount, second.used_before) == (D("100000"), D("80000"))
    assert (third.amount, third.used_before) == (D("20000"), D("180000"))  # wanted 40,000, only 20,000 left
    assert fourth.amount == D(0)
    assert "额度已用完" in fourth.explanation
    assert selectors.voucher_used_in_year(cast.ent_a.pk, 2023) == D("200000")
    [balance] = selectors.voucher_balances(cast.officer, 2023)
    assert (balance["quota"], balance["used"], balance["remaining"], balance["count"]) == (
        D("200000"),
        D("200000"),
        D(0),
        4,
    )


def test_balances_for_one_enterprise_leave_out_the_others(cast, voucher_programme):
    _use(cast, voucher_programme, "100000", "testing")  # ent_a: 80,000
    _use(cast, voucher_programme, "10000", "instrument_sharing", enterprise=cast.ent_b)  # ent_b: 10,000
    assert len(selectors.voucher_balances(cast.officer, 2023)) == 2
    [only_b] = selectors.voucher_balances(cast.officer, 2023, enterprise=cast.ent_b)
    assert (only_b["enterprise"], only_b["used"], only_b["remaining"]) == (
        cast.ent_b,
        D("10000"),
        D("190000"),
    )


def test_share_is_100_percent_for_instrument_sharing_and_80_for_testing(cast, voucher_programme):
    assert _use(cast, voucher_programme, "12345.67", "instrument_sharing").amount == D("12345.67")
    assert _use(cast, voucher_programme, "12345.67", "testing").amount == D("9876.54")  # 9876.536 rounded


def test_incubator_firms_are_capped_at_50000(cast, voucher_programme):
    use = _use(cast, voucher_programme, "80000", "rd_service", holder="incubator")
    assert use.amount == D("50000")  # 80% would be 64,000
    assert _use(cast, voucher_programme, "1000", "testing", holder="incubator").amount == D(0)


def test_quota_starts_again_next_year_and_other_enterprises_do_not_count(cast, voucher_programme):
    next_year = ProgrammeFactory(park=cast.park, kind=c.ProgrammeKind.VOUCHER, name="创新券", year=2024)
    _use(cast, voucher_programme, "250000", "instrument_sharing")  # takes the whole 2023 quota
    assert _use(cast, voucher_programme, "1000", "testing", enterprise=cast.ent_b).amount == D("800")
    assert _use(cast, next_year, "1000", "testing", on=dt.date(2024, 1, 2)).amount == D("800")


def test_programme_parameters_override_the_default_rules(cast):
    programme = ProgrammeFactory(
        park=cast.park,
        kind=c.ProgrammeKind.VOUCHER,
        voucher_quotas={"qh_tech_little_giant": "300000"},
        voucher_shares={"testing": "0.5"},
    )
    use = _use(cast, programme, "100000", "testing", holder="qh_tech_little_giant")
    assert use.amount == D("50000")


def test_use_outside_the_programme_year_or_park_is_refused(cast, voucher_programme):
    with pytest.raises(ValidationError) as err:
        _use(cast, voucher_programme, "1000", "testing", on=dt.date(2024, 1, 1))
    assert "2023年内" in str(err.value)
    with pytest.raises(ValidationError):
        _use(cast, voucher_programme, "1000", "testing", enterprise=cast.ent_other_park)
    assert not VoucherUse.objects.exists()


def test_editing_a_use_recomputes_it_against_the_other_uses(cast, voucher_programme):
    _use(cast, voucher_programme, "150000", "instrument_sharing")
    second = _use(cast, voucher_programme, "10000", "testing")
    assert second.amount == D("8000")
    updated = services.voucher_use_update(use=second, user=cast.officer, fee=D("100000"))
    assert updated.amount == D("50000")  # 80,000 wanted, 50,000 left
    assert AuditEntry.objects.filter(object_type="funding.VoucherUse", event_type="update").count() == 1


def test_enterprise_user_records_a_use_through_the_form(client, cast, voucher_programme):
    client.force_login(cast.user_a)
    form = {
        "enterprise": cast.ent_a.pk,
        "programme": voucher_programme.pk,
        "used_on": "2023-04-01",
        "holder_type": "tsme",
        "service_type": "consulting",
        "provider": "某咨询公司",
        "fee": "20000",
    }
    response = client.post("/funding/vouchers/new/", form)
    assert response.status_code == 302
    assert VoucherUse.objects.get().amount == D("16000")
    # user_a cannot draw on enterprise B's voucher: B is not a choice for them (the same form otherwise).
    response = client.post("/funding/vouchers/new/", {**form, "enterprise": cast.ent_b.pk})
    assert response.status_code == 200 and VoucherUse.objects.count() == 1
    assert "enterprise" in response.context["form"].errors
