import datetime as dt
from decimal import Decimal

import pytest

from innoladder.assessments import facts_loader
from innoladder.enterprises.models import Award, Enterprise, Incident, RDInstitution

from .factories import add_ip, add_years

ON = dt.date(2023, 6, 30)


@pytest.fixture
def ent(cast):
    ent = cast.ent_a
    ent.tech_field = "4"
    ent.niche_market_since = 2018
    ent.save()
    return ent


def test_years_are_those_before_the_assessment_year(ent):
    add_years(ent, years=(2019, 2020, 2021, 2022, 2023))
    facts = facts_loader.load_facts(ent, ON)
    assert [y.year for y in facts.years] == [2019, 2020, 2021, 2022]
    assert facts.years[-1].sales_revenue == Decimal("50000000.00")
    later = facts_loader.load_facts(ent, dt.date(2024, 1, 1))
    assert later.years[-1].year == 2023


def test_enterprise_attributes_are_mapped(ent):
    facts = facts_loader.load_facts(ent, ON)
    assert facts.uscc == ent.uscc
    assert facts.tech_field == "4"
    assert facts.registered_in_qinghai is True  # the park's province is 青海省
    # entered the niche market in 2018: 2019–2022 are full years before the end of 2022
    assert facts.niche_market_years == Decimal(4)


def test_ip_classes_and_validity_fields(ent):
    add_ip(ent, kind="invention_patent", number="ZL1")
    add_ip(ent, kind="utility_model", number="ZL2", used_in_hnte_application=True)
    add_ip(ent, kind="other", number="TM3")
    facts = facts_loader.load_facts(ent, ON)
    classes = sorted((ip.number, ip.ip_class) for ip in facts.ips)
    assert classes == [("TM3", None), ("ZL1", "I"), ("ZL2", "II")]
    assert next(ip for ip in facts.ips if ip.number == "ZL2").used_in_hnte_application is True


def test_incidents_after_the_date_are_not_known_yet(ent):
    Incident.objects.create(enterprise=ent, kind="environmental_violation", occurred_on=dt.date(2023, 3, 1))
    Incident.objects.create(enterprise=ent, kind="safety_quality_accident", occurred_on=dt.date(2023, 9, 1))
    facts = facts_loader.load_facts(ent, ON)
    assert [i.kind for i in facts.incidents] == ["environmental_violation"]


def test_registry_vocabulary_is_mapped_to_the_engine(ent):
    RDInstitution.objects.create(enterprise=ent, name="工程中心", kind="eng_tech_center", level="park")
    Award.objects.create(enterprise=ent, name="行业奖", kind="industry", level="international", year=2022)
    facts = facts_loader.load_facts(ent, ON)
    assert facts.institutions[0].kind == "engineering_tech_center"
    assert facts.institutions[0].level == "below"
    assert (facts.awards[0].kind, facts.awards[0].level) == ("other", "national")


def test_many_enterprises_load_with_a_constant_number_of_queries(cast, django_assert_max_num_queries):
    for ent in (cast.ent_a, cast.ent_b, cast.ent_other_park):
        add_years(ent)
        add_ip(ent, number=f"ZL-{ent.pk}")
    with django_assert_max_num_queries(9):
        batches = list(facts_loader.iter_facts(Enterprise.objects.all(), ON))
    facts = [f for batch in batches for _, f in batch]
    assert len(facts) == 3 and all(len(f.years) == 3 and len(f.ips) == 1 for f in facts)


def test_fast_result_serialiser_matches_the_engine_json():
    from pathlib import Path

    from innoladder.assessments.serialize import result_dict
    from innoladder.eligibility import assess
    from innoladder.eligibility.jsonio import load_document, to_jsonable

    example = Path(__file__).resolve().parents[2] / "eligibility" / "examples" / "golmud_example.json"
    facts, on, _ = load_document(example.read_text(encoding="utf-8"))
    results = assess(facts, on)
    assert [result_dict(r) for r in results] == to_jsonable(results)


def test_recognitions_are_read_with_their_end(ent):
    from innoladder.recognitions.models import Recognition

    Recognition.objects.create(
        enterprise=ent,
        scheme="hnte",
        level="national",
        issued_on=dt.date(2021, 12, 1),
        valid_until=dt.date(2024, 11, 30),
        revoked_on=dt.date(2023, 3, 1),
    )
    Recognition.objects.create(enterprise=ent, scheme="other", level="park", issued_on=dt.date(2022, 1, 1))
    facts = facts_loader.load_facts(ent, ON)
    (held,) = facts.recognitions
    # revoked on 1 March 2023: held until the day before, so not valid on the assessment date
    assert (held.scheme, held.expires_on) == ("hnte", dt.date(2023, 2, 28))
    assert not held.is_valid(ON) and held.is_valid(dt.date(2023, 2, 28))
