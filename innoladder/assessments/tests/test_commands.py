import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from innoladder.assessments import demo
from innoladder.assessments.models import Assessment, SchemeResult
from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory

from .factories import add_years


def test_assess_park_prints_progress_and_assesses_the_park(cast):
    add_years(cast.ent_a)
    out = StringIO()
    call_command(
        "assess_park", "--park", "格尔木工业园", "--on", "2023-06-30", "--batch-size", "1", stdout=out
    )
    text = out.getvalue()
    assert "已评估 1/2 家企业" in text and "已评估 2/2 家企业" in text
    assert set(Assessment.objects.values_list("enterprise_id", flat=True)) == {cast.ent_a.pk, cast.ent_b.pk}
    assert Assessment.objects.get(enterprise=cast.ent_a).assessed_on == dt.date(2023, 6, 30)


def test_assess_park_rejects_an_unknown_park(db):
    with pytest.raises(CommandError):
        call_command("assess_park", "--park", "不存在的园区")


def test_demo_assesses_golmud_on_both_dates_and_is_idempotent(cast):
    add_years(cast.ent_a)
    elsewhere = EnterpriseFactory(park=ParkFactory(name="西宁经济技术开发区"), name="园外企业有限公司")
    demo.load()
    demo.load()
    dates = set(Assessment.objects.filter(is_demo=True).values_list("assessed_on", flat=True))
    assert dt.date(2023, 6, 30) in dates and len(dates) in (1, 2)
    per_enterprise = Assessment.objects.filter(enterprise=cast.ent_a, is_demo=True).count()
    assert per_enterprise == len(dates)
    # The two demo parks of 海西州 are assessed (the cast's other park is 德令哈), no other park.
    assert Assessment.objects.filter(enterprise=cast.ent_other_park, is_demo=True).count() == len(dates)
    assert not Assessment.objects.filter(enterprise=elsewhere).exists()
    assert SchemeResult.objects.filter(is_latest=True, enterprise=cast.ent_a).count() >= 6
