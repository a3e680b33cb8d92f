import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from innoladder.cooperation import services
from innoladder.cooperation.models import Cooperation, Talent
from innoladder.core.models import JobStatus
from innoladder.imports.choices import BatchStatus
from innoladder.imports.tests.helpers import commit, preview, xlsx

from .helpers import ID_NUMBER, talent

pytestmark = pytest.mark.django_db

TALENT_HEAD = ["统一社会信用代码", "姓名", "人才类别", "专业领域", "状态", "入库/认定日期", "身份证号"]
COOP_HEAD = ["统一社会信用代码", "合作项目名称", "合作高校/院所", "合作方式", "合同金额(万元)", "签订日期"]


def test_talent_import_stores_only_hash_and_last_four(cast):
    rows = [
        TALENT_HEAD,
        [cast.ent_a.uscc, "王工", "领军人才", "盐湖化工", "储备", "2023-03-01", ID_NUMBER],
        [cast.ent_a.uscc, "李工", "拔尖人才", "", "", "2023/4/1", ""],
    ]
    batch = preview(cast.officer, "talents", xlsx(rows, title="人才"))
    assert batch.status == BatchStatus.PREVIEWED, batch.errors
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    wang = Talent.objects.get(name="王工")
    assert (wang.id_last4, wang.id_hash) == ("002X", services.id_number_hash(ID_NUMBER))
    assert wang.category == "leading" and wang.recorded_on == dt.date(2023, 3, 1)
    assert Talent.objects.get(name="李工").status == "reserved"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Talent._meta.db_table}")
        raw = str(cursor.fetchall())
    assert "19491231" not in raw


def test_talent_import_refuses_bad_and_duplicate_id_numbers_without_echoing_them(cast):
    talent(
        cast.officer, cast.ent_b, on=dt.date(2023, 1, 5), id_number=ID_NUMBER, name="已登记", category="top"
    )
    rows = [
        TALENT_HEAD,
        [cast.ent_a.uscc, "甲", "领军人才", "", "", "2023-03-01", "110105194912310021"],
        [cast.ent_a.uscc, "乙", "领军人才", "", "", "2023-03-01", ID_NUMBER],
    ]
    batch = preview(cast.officer, "talents", xlsx(rows, title="人才"))
    assert batch.status == BatchStatus.INVALID
    messages = [e[3] for e in batch.errors]
    assert any("校验位" in m for m in messages) and any("已登记" in m for m in messages)
    assert "19491231" not in str(batch.errors)


def test_cooperation_import_scoped_to_writable_enterprises(cast):
    rows = [
        COOP_HEAD,
        [cast.ent_a.uscc, "尾盐综合利用", "武汉工程大学", "合作研发", "120", "2023-03-16"],
    ]
    batch, job = commit(
        preview(cast.agency, "cooperation_projects", xlsx(rows, title="产学研合作")), cast.agency
    )
    assert job.status == JobStatus.SUCCEEDED, job.message
    coop = Cooperation.objects.get()
    assert (coop.enterprise, coop.amount, coop.kind) == (cast.ent_a, Decimal("1200000.00"), "joint")
    refused = preview(
        cast.agency,
        "cooperation_projects",
        xlsx(
            [COOP_HEAD, [cast.ent_b.uscc, "无权", "青海大学", "合作研发", "1", "2023-03-16"]],
            title="产学研合作",
        ),
    )
    assert refused.status == BatchStatus.INVALID
    assert Cooperation.objects.count() == 1
