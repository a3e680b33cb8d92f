import datetime as dt

import pytest

from innoladder.core.models import AuditEntry, AuditEvent, JobStatus
from innoladder.imports.choices import BatchStatus
from innoladder.imports.tests.helpers import commit, preview, xlsx
from innoladder.services import selectors, services
from innoladder.services.models import Visit

pytestmark = pytest.mark.django_db

HEAD = ["统一社会信用代码", "走访日期", "走访部门", "走访人员", "走访内容", "走访记录"]


def _import(user, rows):
    batch = preview(user, "service_visits", xlsx([HEAD, *rows], title="走访记录"))
    return batch


def test_rows_with_same_date_department_and_notes_become_one_visit(client, cast):
    rows = [
        [cast.ent_a.uscc, "2023-03-08", "园区科技局", "王科长", "项目申报、研发费用归集", "联合走访"],
        [cast.ent_b.uscc, "2023/3/8", "园区科技局", "王科长", "项目申报，研发费用归集", "联合走访"],
        [cast.ent_a.uscc, "2023-03-20", "园区经发局", "", "争取资金", "资金申报"],
    ]
    batch = _import(cast.officer, rows)
    assert batch.status == BatchStatus.PREVIEWED, batch.errors
    batch, job = commit(batch, cast.officer)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert selectors.pending_import_rows(cast.officer).count() == 3
    client.force_login(cast.officer)
    assert client.get("/services/visits/").context["pending_import"] == 3
    response = client.post("/services/visits/import/apply/")
    assert response.status_code == 302
    joint = Visit.objects.get(visited_on=dt.date(2023, 3, 8))
    assert sorted(e.pk for e in joint.enterprises.all()) == sorted([cast.ent_a.pk, cast.ent_b.pk])
    assert joint.topics == ["project", "rnd_ledger"]
    assert joint.staff_names == "王科长"
    assert Visit.objects.get(visited_on=dt.date(2023, 3, 20)).topics == ["funding"]
    assert selectors.pending_import_rows(cast.officer).count() == 0
    assert AuditEntry.objects.filter(event_type=AuditEvent.CREATE, object_type="services.Visit").count() == 2
    assert services.visit_import_apply(user=cast.officer) == 0  # nothing twice


def test_unknown_topic_is_a_row_error(cast):
    batch = _import(cast.officer, [[cast.ent_a.uscc, "2023-03-08", "园区科技局", "", "喝茶", ""]])
    assert batch.status == BatchStatus.INVALID
    assert "未知的走访内容" in batch.errors[0][3]


def test_agency_imports_only_assigned_enterprises_and_its_visits_carry_the_agency(cast):
    refused = _import(cast.agency, [[cast.ent_b.uscc, "2023-03-08", "服务机构", "", "政策宣传", ""]])
    assert refused.status == BatchStatus.INVALID
    batch, job = commit(
        _import(cast.agency, [[cast.ent_a.uscc, "2023-03-08", "服务机构", "", "政策宣传", ""]]), cast.agency
    )
    assert job.status == JobStatus.SUCCEEDED, job.message
    # the officer of the park may also turn the agency's rows into visits; user_a never can
    assert selectors.pending_import_rows(cast.user_a).count() == 0
    services.visit_import_apply(user=cast.agency)
    assert Visit.objects.get().agency == cast.agency.agency


def test_apply_action_scoped(client, cast):
    for name in ("user_a", "auditor"):
        client.force_login(getattr(cast, name))
        assert client.post("/services/visits/import/apply/").status_code == 404
