import datetime as dt
from dataclasses import replace
from decimal import Decimal
from functools import partial
from types import SimpleNamespace

from django.utils import translation

from innoladder.reports.facts import Fact, build_fact, label_of, named, phrase, short_name, wan
from innoladder.reports.periods import period_label, report_title


def test_short_name_drops_region_and_legal_form():
    assert short_name(SimpleNamespace(name="格尔木柏丽姿日化有限公司")) == "柏丽姿日化"
    assert short_name(SimpleNamespace(name="青海蓝科锂业股份有限公司")) == "蓝科锂业"
    assert short_name(SimpleNamespace(name="青海省地沣肥业有限责任公司")) == "地沣肥业"
    assert short_name(SimpleNamespace(name="青海盐湖股份有限公司")) == "盐湖股份"
    # A recorded short name wins.
    assert short_name(SimpleNamespace(name="青海盐湖工业股份有限公司", short_name="盐湖股份")) == "盐湖股份"


def test_wan_drops_needless_zeros():
    assert wan(Decimal("7750000")) == "775"
    assert wan(Decimal("1234500")) == "123.45"
    assert wan(Decimal("12345678.90")) == "1,234.57"


def test_named_adds_deng_only_when_more_than_named():
    assert named(["柏丽姿日化", "维祥科技", "盛隆塑编"], 3) == "柏丽姿日化、维祥科技、盛隆塑编"
    assert named(["西豫有色", "兰河塑业", "藏格锂业"], 9) == "西豫有色、兰河塑业、藏格锂业等"


def test_sentence_for_several_enterprises_and_for_one():
    fact = partial(build_fact, unit="家企业", counts_enterprises=True, key="k", section="cultivation")
    many = fact(
        template="先后协助{names}{figure}开展科技型企业重新认定准备工作",
        count=3,
        examples=("柏丽姿日化", "甲", "乙", "丙"),
        enterprise_count=4,
        label="重新认定准备",
    )
    assert many.sentence == "先后协助柏丽姿日化、甲、乙等3家企业开展科技型企业重新认定准备工作"
    assert many.figure == "3家企业"
    one = fact(
        template="协助{names}{figure}申报专精特新“小巨人”企业",
        count=1,
        examples=("蓝科锂业",),
        enterprise_count=1,
        label="小巨人申报",
    )
    assert one.sentence == "协助蓝科锂业申报专精特新“小巨人”企业"


def test_fact_json_round_trip_keeps_amount_and_rows():
    fact = Fact(
        key="rnd.subsidy",
        section="policies",
        label="补助",
        template="争取补助资金{figure}",
        figure="775万元",
        count=12,
        amount=Decimal("7750000.00"),
        examples=("盐湖镁业",),
        model="enterprises.Enterprise",
        row_ids=(3, 1, 2),
    )
    again = Fact.from_json(fact.to_json())
    assert again == fact
    assert fact.to_json()["sentence"] == "争取补助资金775万元"


def test_period_labels_and_title():
    assert period_label(dt.date(2023, 1, 1), dt.date(2023, 6, 30)) == "2023年上半年"
    assert period_label(dt.date(2023, 7, 1), dt.date(2023, 12, 31)) == "2023年下半年"
    assert period_label(dt.date(2023, 1, 1), dt.date(2023, 12, 31)) == "2023年"
    assert period_label(dt.date(2023, 4, 1), dt.date(2023, 6, 30)) == "2023年第二季度"
    assert period_label(dt.date(2023, 2, 1), dt.date(2023, 2, 28)) == "2023年2月"
    assert period_label(dt.date(2023, 1, 5), dt.date(2023, 3, 15)) == "2023年1月5日至3月15日"
    park = SimpleNamespace(name="格尔木工业园")
    assert (
        report_title(park, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
        == "格尔木工业园2023年上半年科技创新工作总结"
    )


def test_a_fact_reads_in_english_from_its_words_and_in_chinese_as_stored():
    fact = build_fact(
        template=phrase("协助{names}{figure}做好{scheme}申报准备工作", scheme=label_of("青海省科技型企业")),
        count=4,
        unit="家企业",
        examples=("柏丽姿日化", "甲", "乙"),
        enterprise_count=4,
        counts_enterprises=True,
        label=phrase("{scheme}申报准备", scheme=label_of("青海省科技型企业")),
        key="k",
        section="cultivation",
    )
    assert fact.sentence == "协助柏丽姿日化、甲、乙等4家企业做好青海省科技型企业申报准备工作"
    stored = Fact.from_json(fact.to_json())
    assert stored.shown() == stored
    with translation.override("en"):
        english = stored.shown()
    assert english.label == "Qinghai tech enterprise application in preparation"
    assert english.figure == "4 enterprises"
    assert english.sentence == (
        "Helped 4 enterprises (柏丽姿日化, 甲, 乙 and others) prepare their Qinghai tech enterprise"
        " application"
    )
    # A report stored before facts kept their words reads as stored, in any language.
    older = Fact.from_json({k: v for k, v in fact.to_json().items() if k != "words"})
    with translation.override("en"):
        assert older.shown() == older


def test_an_amount_and_the_enterprises_it_concerns_read_in_english():
    fact = build_fact(
        template="{names}{enterprises}获批各类扶持资金{figure}",
        count=1,
        unit="",
        examples=("香江盐湖化工",),
        enterprise_count=1,
        counts_enterprises=False,
        label="获批扶持资金",
        key="k",
        section="policies",
    )
    fact = replace(fact, figure="270万元", words={**fact.words, "amount": "270"})
    assert fact.sentence == "香江盐湖化工获批各类扶持资金270万元"
    with translation.override("en"):
        assert fact.shown().sentence == "Support funds of 270 × 10k yuan granted to 香江盐湖化工"
