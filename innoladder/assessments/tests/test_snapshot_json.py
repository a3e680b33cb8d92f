"""The stored facts snapshot is written as text straight from the facts (``serialize.snapshot_json``, the
batch's fast path): the same text, character for character, that the code before it stored
(``to_json(snapshot_dict(facts))`` built a dict per enterprise first). The expected texts and digests
below were recorded with that earlier code."""

import datetime as dt
import hashlib
import json
from decimal import Decimal

import pytest

from innoladder import eligibility as e
from innoladder.assessments import facts_loader, serialize, services, store
from innoladder.assessments.models import Assessment
from innoladder.enterprises import generator
from innoladder.enterprises.models import Enterprise

from .test_snapshots import rich_facts

ON = dt.date(2028, 6, 30)
COUNT = 25
# sha256 of the snapshot texts of the generated enterprises, one a line, in id order (earlier code).
GENERATED_TEXTS = "45e6d12e3191b31c83bae96ee370eb76d1c3c8b6fea31a414e1d9fa20a3daed2"
# sha256 of the stored snapshots read back, with sorted keys (so the same on SQLite and PostgreSQL).
GENERATED_STORED = "282b02813571f6a0c66c5820cc6e3d92856e0ffbda5ed94a9fbfda4af4578dd7"
RICH = (
    '{"uscc":"91632801MA752XK41R","name":"快照企业","registered_on":"2015-01-01","registered_in_qinghai":true,'
    '"tech_field":"4","niche_market_years":"4","years":[{"year":2022,"employees":100,"sales_revenue":"50000000.00"}],'
    '"ips":[{"kind":"invention_patent","granted_on":"2021-06-01","overseas_family":true}],'
    '"awards":[{"level":"national","kind":"sci_tech","name":"科技进步奖","year":2022,"rank":2}],'
    '"standards":[{"level":"industry","year":2021,"rank":1,"name":"行业标准"}],'
    '"institutions":[{"kind":"enterprise_tech_center","level":"provincial","name":"技术中心"}],'
    '"recognitions":[{"scheme":"tsme","issued_on":"2023-05-01"}],'
    '"incidents":[{"kind":"environmental_violation","occurred_on":"2020-03-01"}],'
    '"expert":{"tech_advancement":6},"market_share":"0.125","chuangke_rank":3}'
)


def _digest(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()


def test_every_part_is_written_as_before():
    facts = rich_facts()
    assert serialize.snapshot_json(facts) == RICH
    assert serialize.snapshot_dict(facts) == json.loads(RICH)


def test_defaults_of_another_type_and_odd_values_are_written_as_the_encoder_writes_them():
    facts = e.EnterpriseFacts(
        uscc="91632801MA752XK41R",
        name='引号"与\\反斜杠\n换行',
        is_resident=False,
        years=(e.YearData(year=2022, employees=0, rd_expense=Decimal("0"), total_assets=Decimal("1E+3")),),
        ips=(e.IPRecord(kind="utility_model", status="expired", number="", award=True),),
        awards=(e.Award(level="provincial", kind="sci_tech", year=0, rank=None),),
        recognitions=(e.RecognitionHeld(scheme="hnte", issued_on=dt.date(2024, 2, 29), level="provincial"),),
        expert=e.ExpertInputs(),
        strategic_emerging=False,
        market_share=Decimal("0.125"),
    )
    text = serialize.snapshot_json(facts)
    expected = {
        "uscc": "91632801MA752XK41R",
        "name": '引号"与\\反斜杠\n换行',
        "is_resident": False,
        "strategic_emerging": False,
        "years": [{"year": 2022, "employees": 0, "rd_expense": "0", "total_assets": "1E+3"}],
        "ips": [{"kind": "utility_model", "status": "expired", "award": True}],
        "awards": [{"level": "provincial", "kind": "sci_tech"}],
        "recognitions": [{"scheme": "hnte", "issued_on": "2024-02-29", "level": "provincial"}],
        "market_share": "0.125",
    }
    assert text == store.to_json(expected)
    assert e.jsonio.facts_from_dict(json.loads(text)) == facts


@pytest.mark.django_db(transaction=True)
def test_generated_enterprises_are_stored_with_the_snapshot_the_earlier_code_stored(cast):
    generator.generate(count=COUNT, park=cast.park, years=3, until=ON.year - 1, seed=7)
    enterprises = Enterprise.objects.filter(park=cast.park, uscc__startswith="91632801MB")
    ids = sorted(enterprises.values_list("pk", flat=True))
    assert len(ids) == COUNT
    texts = [serialize.snapshot_json(facts) for _pk, facts in facts_loader.facts_for_ids(ids, ON)]
    assert _digest(texts) == GENERATED_TEXTS

    services.assess_many(user=None, queryset=enterprises, on=ON, batch_size=10, workers=2)
    stored = dict(Assessment.objects.filter(enterprise_id__in=ids).values_list("enterprise_id", "facts"))
    readback = [json.dumps(stored[pk], ensure_ascii=False, sort_keys=True) for pk in ids]
    assert _digest(readback) == GENERATED_STORED
