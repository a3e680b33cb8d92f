"""The registry's own import datasets go through the shared framework: scope and cross-column checks."""

import datetime as dt

from innoladder.enterprises.models import Incident, StandardWork
from innoladder.imports.tests.helpers import commit, preview, xlsx


def test_standards_import_creates_rows_for_enterprises_in_scope(cast):
    data = xlsx(
        [
            ("统一社会信用代码", "标准名称", "级别", "发布年度", "起草单位排名"),
            (cast.ent_a.uscc, "盐湖卤水碳酸锂", "行业标准", 2022, 1),
        ],
        title="参与标准",
    )
    batch = preview(cast.officer, "standards", data)
    commit(batch, cast.officer)
    std = StandardWork.objects.get(enterprise=cast.ent_a)
    assert (std.title, std.level, std.year, std.rank) == ("盐湖卤水碳酸锂", "industry", 2022, 1)


def test_incident_import_refuses_removal_before_listing(cast):
    data = xlsx(
        [
            ("统一社会信用代码", "类型", "发生/列入日期", "移出日期"),
            (cast.ent_a.uscc, "列入经营异常名录", "2021-05-10", "2021-01-01"),
            (cast.ent_b.uscc, "列入经营异常名录", "2021-05-10", "2021-09-02"),
        ],
        title="不良记录",
    )
    batch = preview(cast.officer, "incidents", data)
    assert batch.rows_error == 1
    assert "移出日期不能早于" in str(batch.errors)
    assert not Incident.objects.exists()
    good = xlsx(
        [
            ("统一社会信用代码", "类型", "发生/列入日期", "移出日期"),
            (cast.ent_b.uscc, "列入经营异常名录", "2021-05-10", "2021-09-02"),
        ],
        title="不良记录",
    )
    commit(preview(cast.officer, "incidents", good), cast.officer)
    assert Incident.objects.get().removed_on == dt.date(2021, 9, 2)
