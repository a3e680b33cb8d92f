"""An award's conferral date (授奖日期): entered on the form, imported, shown, checked against its year."""

import datetime as dt
import io

import pytest
from freezegun import freeze_time
from openpyxl import load_workbook

from innoladder.enterprises.forms import AwardForm
from innoladder.enterprises.models import Award, award_date_problem
from innoladder.imports import workbooks
from innoladder.imports.choices import BatchStatus
from innoladder.imports.registry import get
from innoladder.imports.tests.helpers import commit, preview, xlsx

pytestmark = pytest.mark.usefixtures("media")

FORM = {"name": "国际镁科学技术奖", "kind": "sci_tech", "level": "international", "year": 2022}


def test_conferral_date_cannot_precede_the_edition_year_or_follow_today():
    today = dt.date(2026, 12, 5)
    assert award_date_problem(2022, dt.date(2023, 5, 26), today) == ""
    assert award_date_problem(2022, None, today) == ""
    assert award_date_problem(2022, dt.date(2021, 12, 30), today) == (
        "授奖日期（2021-12-30）不能早于获奖年度（2022年）"
    )
    assert award_date_problem(2026, dt.date(2026, 12, 6), today) == "授奖日期（2026-12-06）不能晚于今天"


@pytest.mark.parametrize("today", ["2026-12-05", "2028-03-01"])
def test_the_form_takes_the_date_and_refuses_one_after_today(db, today):
    with freeze_time(today):
        tomorrow = dt.date.fromisoformat(today) + dt.timedelta(days=1)
        good = AwardForm(data={**FORM, "awarded_on": "2023-05-26"})
        assert good.is_valid(), good.errors
        assert good.cleaned_data["awarded_on"] == dt.date(2023, 5, 26)
        late = AwardForm(data={**FORM, "year": tomorrow.year, "awarded_on": tomorrow.isoformat()})
        assert not late.is_valid()
        assert late.errors["awarded_on"] == [f"授奖日期（{tomorrow:%Y-%m-%d}）不能晚于今天"]
        assert AwardForm(data=FORM).is_valid()  # the date stays optional


def test_award_created_on_the_page_keeps_its_date_and_the_profile_shows_it(client, cast):
    client.force_login(cast.officer)
    response = client.post(
        f"/enterprises/{cast.ent_a.pk}/award/new/", {**FORM, "awarded_on": "2023-05-26", "rank": 1}
    )
    assert response.status_code == 302
    award = Award.objects.get(enterprise=cast.ent_a)
    assert award.awarded_on == dt.date(2023, 5, 26)
    body = client.get(f"/enterprises/{cast.ent_a.pk}/").content.decode()
    assert "2023-05-26授奖" in body
    timeline = client.get(f"/enterprises/{cast.ent_a.pk}/timeline/")
    assert (dt.date(2023, 5, 26), "获奖") in [(e.on, e.kind) for e in timeline.context["events"]]


def test_the_awards_template_has_the_date_column():
    wb = load_workbook(io.BytesIO(workbooks.template_bytes(get("awards"))))
    headers = [c.value for c in wb["获奖情况"][1]]
    assert "授奖日期" in headers


def test_imported_awards_carry_their_date_and_a_wrong_one_writes_nothing(cast):
    head = ["统一社会信用代码", "奖项名称", "年度", "授奖日期", "级别", "等级"]
    good = [cast.ent_a.uscc, "青海省科学技术进步奖", 2022, "2023-04-20", "省级", "一等奖"]
    bad = [cast.ent_b.uscc, "海西州科学技术进步奖", 2022, "2021-12-30", "市级", ""]
    batch = preview(cast.officer, "awards", xlsx([head, good, bad], title="获奖情况"))
    assert batch.status == BatchStatus.INVALID
    assert [row[0] for row in batch.errors] == [3]
    assert batch.errors[0][1:] == [
        "授奖日期",
        "2021-12-30",
        "授奖日期（2021-12-30）不能早于获奖年度（2022年）",
    ]
    assert not Award.objects.exists()
    batch = preview(cast.officer, "awards", xlsx([head, good], title="获奖情况"), name="a.xlsx")
    batch, job = commit(batch, cast.officer)
    assert batch.status == BatchStatus.COMMITTED, job.message
    award = Award.objects.get()
    assert (award.enterprise, award.year, award.awarded_on) == (cast.ent_a, 2022, dt.date(2023, 4, 20))
