import datetime as dt
from decimal import Decimal

from innoladder.funding.models import FundApplication
from innoladder.imports.tests.helpers import commit, preview, xlsx

from .factories import ProgrammeFactory

HEAD = ["统一社会信用代码", "扶持资金项目", "申报事项", "申请金额(万元)", "申请日期"]


def test_fund_applications_import_for_own_enterprise_and_update_by_key(cast):
    ProgrammeFactory(park=cast.park, name="生产要素保障专项资金", year=2023)
    ProgrammeFactory(park=cast.other_park, name="外园专项", year=2023)
    rows = [HEAD, [cast.ent_a.uscc, "2023年生产要素保障专项资金", "用电补助", "86", "2023-02-20"]]
    batch = preview(cast.user_a, "fund_applications", xlsx(rows, title="扶持资金申请"))
    commit(batch, cast.user_a)
    app = FundApplication.objects.get()
    assert (app.requested_amount, app.applied_on, app.status) == (
        Decimal("860000"),
        dt.date(2023, 2, 20),
        "applied",
    )
    rows[1][3] = "90"
    batch = preview(cast.user_a, "fund_applications", xlsx(rows, title="扶持资金申请"))
    commit(batch, cast.user_a)
    assert FundApplication.objects.get().requested_amount == Decimal("900000")
    # Another enterprise's row, or another park's programme, is refused.
    bad = [
        HEAD,
        [cast.ent_b.uscc, "2023年生产要素保障专项资金", "乙的申请", "10", "2023-03-01"],
        [cast.ent_a.uscc, "外园专项", "外园", "10", "2023-03-01"],
    ]
    batch = preview(cast.user_a, "fund_applications", xlsx(bad, title="扶持资金申请"))
    text = str(batch.errors)
    assert "无权导入" in text and "未找到该扶持资金项目" in text
    assert FundApplication.objects.count() == 1
