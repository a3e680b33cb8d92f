import datetime as dt

from innoladder.imports.tests.helpers import commit, preview, xlsx
from innoladder.recognitions.models import Recognition

HEADERS = ["统一社会信用代码", "认定类别", "级别", "证书编号", "发证日期", "有效期至"]


def test_register_import_computes_validity_and_updates_by_key(cast):
    rows = [
        HEADERS,
        [cast.ent_a.uscc, "高新技术企业", "国家级", "GR202363000102", "2023-12-08", None],
        [cast.ent_b.uscc, "青海省科技型企业", "省级", "QHKJ2021-0001", "2021-10-15", None],
        [cast.ent_other_park.uscc, "高新技术企业", "国家级", "GR202363000999", "2023-12-08", None],
    ]
    batch = preview(cast.officer, "recognitions", xlsx(rows, title="资质认定台账"))
    assert [e[0] for e in batch.errors] == [4]  # the other park's enterprise is out of scope
    rows.pop()
    batch = preview(cast.officer, "recognitions", xlsx(rows, title="资质认定台账"))
    assert batch.errors == []
    batch, job = commit(batch, cast.officer)
    assert job.status == "succeeded"
    hnte = Recognition.objects.get(number="GR202363000102")
    assert hnte.enterprise == cast.ent_a and hnte.valid_until == dt.date(2026, 12, 7)
    assert Recognition.objects.get(number="QHKJ2021-0001").valid_until == dt.date(2023, 12, 31)

    # Same key again with an explicit end date: updated, not duplicated.
    again = [
        HEADERS,
        [cast.ent_a.uscc, "高新技术企业", "国家级", "GR202363000102", "2023-12-08", "2026-12-31"],
    ]
    batch, _ = commit(
        preview(cast.officer, "recognitions", xlsx(again, title="资质认定台账"), name="b.xlsx"), cast.officer
    )
    assert Recognition.objects.filter(number="GR202363000102").count() == 1
    assert Recognition.objects.get(number="GR202363000102").valid_until == dt.date(2026, 12, 31)


def test_only_the_bureau_imports_recognitions(cast):
    from innoladder.imports.registry import get

    dataset = get("recognitions")
    assert dataset.is_allowed(cast.officer) and dataset.is_allowed(cast.admin)
    assert not dataset.is_allowed(cast.user_a) and not dataset.is_allowed(cast.agency)
