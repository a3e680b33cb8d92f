import datetime as dt

import pytest

from innoladder.core.models import AuditEntry, AuditEvent
from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.exchange import roster
from innoladder.exchange.examples import build_sample
from innoladder.imports import services
from innoladder.imports.choices import BatchStatus
from innoladder.imports.registry import get
from innoladder.imports.tests.helpers import commit, preview, xlsx
from innoladder.recognitions.models import Recognition
from innoladder.recognitions.tests.factories import RecognitionFactory

HNTE = {"values": {"scheme": "hnte", "level": "national", "issued_on": None, "batch": None}, "shown": []}


def _preview(user, data, options=HNTE, name="名单.xlsx"):
    return preview(user, "recognition_roster", data, name=name, options=options)


@pytest.fixture
def sample(cast):
    """The sample 名单's enterprises: rows 1–3 in the officer's park (row 2 registered under another
    name, row 3 already holding its certificate), row 4 in the other park, rows 5–6 registered nowhere."""
    rows = build_sample.rows()
    ours = [EnterpriseFactory(park=cast.park, uscc=rows[0][2], name=rows[0][1])]
    ours.append(EnterpriseFactory(park=cast.park, uscc=rows[1][2], name="格尔木锂电材料有限公司"))
    ours.append(EnterpriseFactory(park=cast.park, uscc=rows[2][2], name=rows[2][1]))
    RecognitionFactory(
        enterprise=ours[2],
        number=rows[2][3],
        issued_on=dt.date(2026, 11, 1),
        valid_until=dt.date(2029, 10, 31),
    )
    EnterpriseFactory(park=cast.other_park, uscc=rows[3][2], name=rows[3][1])
    return {"rows": rows, "ours": ours, "data": build_sample.PATH.read_bytes()}


def test_dry_run_of_the_sample_list_reports_every_rows_fate(cast, sample, clock):
    batch = _preview(cast.officer, sample["data"])
    assert batch.status == BatchStatus.PREVIEWED and batch.can_commit, batch.file_errors or batch.errors
    outcomes = {note[0]: note[2] for note in batch.row_notes}
    # The title is row 1, the headers row 2: the six enterprises are rows 3–8, the footnote row 9.
    assert outcomes == {
        3: roster.CREATE,
        4: roster.CREATE,
        5: roster.UPDATE,
        6: roster.OUT_OF_SCOPE,
        7: roster.NOT_REGISTERED,
        8: roster.NOT_REGISTERED,
        9: roster.FOOTNOTE,
    }
    notes = {note[0]: note[3] for note in batch.row_notes}
    assert "格尔木锂电材料有限公司" in notes[4] and "不一致" in notes[4]
    assert notes[3] == ""
    assert (batch.rows_total, batch.rows_create, batch.rows_update, batch.rows_skip) == (7, 2, 1, 4)
    assert batch.rows_error == 0 and not Recognition.objects.filter(number=sample["rows"][0][3]).exists()
    assert "表头位于第 2 行" in " ".join(batch.warnings)


def test_commit_writes_exactly_the_new_and_updated_rows_and_reimport_updates(cast, sample, clock):
    before = Recognition.objects.count()
    batch, job = commit(_preview(cast.officer, sample["data"]), cast.officer)
    assert job.status == "succeeded", job.message
    assert batch.status == BatchStatus.COMMITTED and "跳过 4 行" in batch.message
    assert Recognition.objects.count() == before + 2
    rows = sample["rows"]
    first = Recognition.objects.get(number=rows[0][3])
    assert first.enterprise == sample["ours"][0] and first.scheme == "hnte" and first.level == "national"
    assert first.issued_on == dt.date(2026, 11, 20) and first.valid_until == dt.date(2029, 11, 19)
    assert "名单.xlsx" in first.note
    updated = Recognition.objects.get(number=rows[2][3])
    assert updated.issued_on == dt.date(2026, 11, 20) and updated.version == 2
    assert not Recognition.objects.filter(number__in=[r[3] for r in rows[3:]]).exists()
    entry = AuditEntry.objects.get(event_type=AuditEvent.IMPORT, object_id=str(batch.pk))
    assert entry.changes["skipped"] == 4 and entry.changes["options"]["scheme"] == "hnte"
    assert entry.changes["created"] == 2 and entry.changes["updated"] == 1

    again, job = commit(
        _preview(cast.officer, sample["data"], name="again.xlsx"), cast.officer, confirm_duplicate=True
    )
    assert job.status == "succeeded", job.message
    assert (again.rows_create, again.rows_update, again.rows_unchanged) == (0, 0, 3)
    assert Recognition.objects.count() == before + 2


def test_a_malformed_code_blocks_the_whole_list_with_a_chinese_error(cast, sample):
    rows = sample["rows"]
    broken = rows[0][2][:-1] + ("0" if rows[0][2][-1] != "0" else "1")
    data = xlsx(
        [
            ["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期"],
            [1, rows[0][1], broken, rows[0][3], "2026-11-20"],
            [2, rows[1][1], rows[1][2], rows[1][3], "2026-11-20"],
        ],
        title="名单",
    )
    batch = _preview(cast.officer, data)
    assert batch.status == BatchStatus.INVALID and not batch.can_commit
    (error,) = batch.errors
    assert error[0] == 2 and error[1] == "统一社会信用代码" and "统一社会信用代码有误" in error[3]
    assert {n[0]: n[2] for n in batch.row_notes} == {2: roster.ERROR, 3: roster.CREATE}
    with pytest.raises(services.ImportRefused):
        services.batch_commit(batch=batch, user=cast.officer)
    assert not Recognition.objects.filter(number__in=[rows[0][3], rows[1][3]]).exists()


def test_a_list_without_issue_dates_takes_the_date_chosen_for_the_file(cast, sample, clock):
    rows = sample["rows"]
    data = xlsx(
        [
            ["序号", "企业名称", "纳税人识别号", "入库登记编号"],
            [1, rows[0][1], rows[0][2], "20266328010000701"],
        ]
    )
    tsme = {"values": {"scheme": "tsme", "level": "national", "issued_on": None, "batch": None}, "shown": []}
    refused = _preview(cast.officer, data, options=tsme)
    assert refused.errors and "发证日期" in refused.errors[0][3]
    tsme["values"]["issued_on"] = "2026-05-10"
    batch, job = commit(_preview(cast.officer, data, options=tsme, name="b.xlsx"), cast.officer)
    assert job.status == "succeeded", job.message
    recognition = Recognition.objects.get(number="20266328010000701")
    assert recognition.scheme == "tsme" and recognition.issued_on == dt.date(2026, 5, 10)
    assert recognition.valid_until == dt.date(2026, 12, 31)  # 科技型中小企业: the year of registration


def test_commit_refuses_when_the_skipped_rows_changed_since_the_dry_run(cast, sample):
    batch = _preview(cast.officer, sample["data"])
    EnterpriseFactory(park=cast.park, uscc=sample["rows"][4][2])  # row 7 would now be imported
    before = Recognition.objects.count()
    batch, job = commit(batch, cast.officer)
    assert job.status == "failed" and "跳过的行与预检时不同" in job.message
    assert batch.status == BatchStatus.FAILED and Recognition.objects.count() == before


def test_only_the_bureau_imports_lists_and_a_batch_must_be_of_the_same_scheme(cast):
    from innoladder.recognitions.tests.factories import BatchFactory

    dataset = get("recognition_roster")
    assert dataset.is_allowed(cast.officer) and dataset.is_allowed(cast.admin)
    assert not any(dataset.is_allowed(u) for u in (cast.user_a, cast.agency, cast.auditor))
    theirs = BatchFactory(park=cast.other_park, scheme="hnte")
    ours = BatchFactory(park=cast.park, scheme="tsme")
    form = roster.RosterOptionsForm({"scheme": "hnte", "batch": theirs.pk}, user=cast.officer)
    assert not form.is_valid() and "batch" in form.errors  # another park's batch is no choice
    form = roster.RosterOptionsForm({"scheme": "hnte", "batch": ours.pk}, user=cast.officer)
    assert not form.is_valid() and "不一致" in form.errors["batch"][0]
    form = roster.RosterOptionsForm({"scheme": "srdi_sme"}, user=cast.officer)
    assert form.is_valid() and form.options()["values"]["level"] == "provincial"
