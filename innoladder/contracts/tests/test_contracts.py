import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from innoladder.contracts import choices as c
from innoladder.contracts import selectors, services
from innoladder.contracts.demo import demo_uscc
from innoladder.contracts.models import TechContract
from innoladder.core.models import AuditEntry
from innoladder.core.testing.access import EVERYONE, OK, assert_access

D = Decimal
S = c.RegistrationStatus
OTHER = demo_uscc("630100", 1)


def _fields(cast, enterprise=None, **over):
    enterprise = enterprise or cast.ent_a
    data = {
        "enterprise": enterprise,
        "enterprise_role": "seller",
        "title": "盐湖提锂膜技术转让",
        "category": "transfer",
        "subtype": "patent",
        "seller_name": enterprise.name,
        "seller_uscc": enterprise.uscc,
        "buyer_name": "青海某锂业有限公司",
        "buyer_uscc": OTHER,
        "contract_amount": D("1000000"),
        "transaction_amount": D("900000"),
        "signed_on": dt.date(2023, 3, 1),
        "prepared_on": dt.date(2023, 3, 10),
    }
    data.update(over)
    return data


def _make(cast, **over):
    return services.contract_create(user=cast.officer, **_fields(cast, **over))


def test_transaction_amount_may_equal_but_not_exceed_the_contract_amount(cast):
    assert _make(cast, transaction_amount=D("1000000")).transaction_amount == D("1000000")
    with pytest.raises(ValidationError) as err:
        _make(cast, title="另一份", transaction_amount=D("1000000.01"))
    assert "不能超过合同成交额" in str(err.value)


def test_party_codes_are_validated_and_one_party_is_the_park_enterprise(cast):
    with pytest.raises(ValidationError) as err:
        _make(cast, buyer_uscc=OTHER[:17] + ("0" if OTHER[17] != "0" else "1"))
    assert "校验码错误" in str(err.value)
    with pytest.raises(ValidationError) as err:
        _make(cast, seller_uscc=cast.ent_b.uscc)
    assert "与卖方代码不一致" in str(err.value)
    with pytest.raises(ValidationError):
        _make(cast, subtype="commissioned")  # a 技术开发 sub-type on a 技术转让 contract
    # Lower-case and full-width input is normalised before the check.
    contract = _make(cast, buyer_uscc=OTHER.lower())
    assert contract.buyer_uscc == OTHER


def test_registration_moves_in_order_and_only_staff_register(cast):
    contract = _make(cast)
    with pytest.raises(ValidationError):
        services.contract_transition(contract=contract, to_status=S.REGISTERED, user=cast.officer)
    contract = services.contract_transition(
        contract=contract, to_status=S.SUBMITTED, user=cast.agency, on=dt.date(2023, 4, 1)
    )
    with pytest.raises(PermissionDenied):
        services.contract_transition(contract=contract, to_status=S.REGISTERED, user=cast.agency)
    with pytest.raises(ValidationError) as err:
        services.contract_transition(contract=contract, to_status=S.REGISTERED, user=cast.officer)
    assert "登记编号" in str(err.value)
    contract = services.contract_transition(
        contract=TechContract.objects.get(pk=contract.pk),
        to_status=S.REGISTERED,
        user=cast.officer,
        on=dt.date(2023, 4, 20),
        registration_number="2023630001000001",
    )
    assert (contract.status, contract.registered_on) == (S.REGISTERED, dt.date(2023, 4, 20))
    assert [h.to_status for h in contract.history.all()] == [S.PREPARING, S.SUBMITTED, S.REGISTERED]
    assert (
        AuditEntry.objects.filter(event_type="transition", object_type="contracts.TechContract").count() == 2
    )


@pytest.mark.parametrize(
    "income, tax, words",
    [
        ("5000000", "0.00", "未超过500万元"),
        ("5000100", "12.50", "减半征收"),  # (5,000,100 − 5,000,000) × 25% ÷ 2
        ("7000000", "250000.00", "减半征收"),
    ],
)
def test_detail_page_shows_income_tax_at_the_5_million_boundary(client, cast, income, tax, words):
    contract = _make(cast, transfer_income=D(income), transfer_cost=D(0), transfer_taxes=D(0))
    client.force_login(cast.officer)
    body = client.get(f"/contracts/{contract.pk}/").content.decode()
    assert words in body
    assert f"应纳税额 {D(tax):,.2f} 元" in body
    assert "技术卖方收入可免征增值税" in body


def test_standalone_consulting_is_not_vat_exempt_and_has_no_transfer_income_tax(client, cast):
    contract = _make(cast, category="consulting", subtype="feasibility", transfer_income=D("100"))
    client.force_login(cast.officer)
    body = client.get(f"/contracts/{contract.pk}/").content.decode()
    assert "不适用免征增值税" in body
    assert "仅适用于技术转让、技术许可合同" in body


def test_contracts_in_period_by_recorded_dates(cast):
    start, end = dt.date(2023, 1, 1), dt.date(2023, 6, 30)
    a = _make(cast, title="期初准备", prepared_on=start)
    b = _make(cast, title="期末准备", prepared_on=end)
    _make(cast, title="期前准备", prepared_on=dt.date(2022, 12, 31))
    _make(cast, title="期后准备", prepared_on=dt.date(2023, 7, 1))
    late = _make(cast, title="去年准备今年登记", prepared_on=dt.date(2022, 11, 1))
    TechContract.objects.filter(pk=late.pk).update(
        status=S.REGISTERED, registration_number="X1", registered_on=dt.date(2023, 6, 30)
    )
    after = _make(cast, title="期内准备期后登记", prepared_on=dt.date(2023, 5, 1))
    TechContract.objects.filter(pk=after.pk).update(
        status=S.REGISTERED, registration_number="X2", registered_on=dt.date(2023, 7, 1)
    )
    titles = lambda qs: sorted(t.title for t in qs)  # noqa: E731
    assert titles(selectors.contracts_in_period(cast.officer, cast.park, start, end)) == sorted(
        [a.title, b.title, "去年准备今年登记", "期内准备期后登记"]
    )
    assert titles(selectors.contracts_in_period(cast.officer, cast.park, start, end, "registered")) == [
        "去年准备今年登记"
    ]
    assert titles(selectors.contracts_in_period(cast.user_b, cast.park, start, end)) == []


def test_contract_pages_and_export_are_scoped(client, cast):
    contract = _make(cast, title="甲方合同")
    _make(cast, enterprise=cast.ent_b, title="乙方合同")
    assert_access(client, cast, "/contracts/", EVERYONE)
    assert_access(client, cast, "/contracts/export/", EVERYONE)
    assert_access(
        client,
        cast,
        f"/contracts/{contract.pk}/",
        {"admin": OK, "officer": OK, "agency": OK, "user_a": OK, "auditor": OK},
    )
    assert_access(client, cast, f"/contracts/{contract.pk}/edit/", {"admin": OK, "officer": OK, "agency": OK})
    assert_access(
        client, cast, "/contracts/new/", {"admin": OK, "officer": OK, "other_officer": OK, "agency": OK}
    )
    client.force_login(cast.user_a)
    sheet = load_workbook(io.BytesIO(client.get("/contracts/export/").content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["甲方合同"]
    response = client.post(
        f"/contracts/{contract.pk}/transition/", {"to_status": S.SUBMITTED, "on": "2023-05-01"}
    )
    assert response.status_code == 404


def test_officer_creates_a_contract_through_the_form(client, cast):
    client.force_login(cast.officer)
    data = _fields(cast, enterprise=cast.ent_b)
    data.update(enterprise=cast.ent_b.pk, enterprise_role="buyer", seller_uscc=OTHER, seller_name="某研究院")
    data.update(buyer_uscc=cast.ent_b.uscc, buyer_name=cast.ent_b.name, prepared_on="")
    response = client.post("/contracts/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    contract = TechContract.objects.get()
    assert (contract.status, contract.prepared_on) == (S.PREPARING, dt.date(2023, 3, 1))


def test_contract_list_queries_stay_flat(client, cast, django_assert_max_num_queries):
    for i in range(30):
        _make(cast, title=f"合同{i}")
    client.force_login(cast.officer)
    with django_assert_max_num_queries(10):
        assert client.get("/contracts/").status_code == 200


def test_contract_list_shows_amounts_in_wan_and_the_registration_number(client, cast):
    contract = _make(cast, title="甲方合同")
    TechContract.objects.filter(pk=contract.pk).update(registration_number="6301002023000001")
    client.force_login(cast.officer)
    body = client.get("/contracts/?year=2023").content.decode()
    assert '<td class="text-end">100.00</td><td class="text-end">90.00</td>' in body
    assert "技术转让·专利权转让" in body and "（6301002023000001）" in body
    assert 'href="/contracts/export/?year=2023"' in body and 'href="/contracts/new/"' in body
    assert "甲方合同" not in client.get("/contracts/?year=2022").content.decode()
    client.force_login(cast.auditor)
    assert 'href="/contracts/new/"' not in client.get("/contracts/").content.decode()


def test_the_form_fills_the_park_enterprises_own_side_and_asks_for_the_other_party(client, cast):
    client.force_login(cast.officer)
    data = {
        **_fields(cast, prepared_on="2023-03-10", seller_name="", seller_uscc=""),
        "enterprise": cast.ent_a.pk,
    }
    response = client.post("/contracts/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    contract = TechContract.objects.get()
    assert (contract.seller_name, contract.seller_uscc) == (cast.ent_a.name, cast.ent_a.uscc)
    missing = {**data, "title": "缺对方的合同", "buyer_name": "", "buyer_uscc": ""}
    response = client.post("/contracts/new/", missing)
    assert response.status_code == 200 and TechContract.objects.count() == 1
    form = response.context["form"]
    assert "请填写对方单位的名称和统一社会信用代码" in str(form.errors["buyer_uscc"])
    assert form["title"].value() == "缺对方的合同"  # nothing typed is lost
