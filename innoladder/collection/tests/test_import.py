import pytest

from innoladder.collection import services
from innoladder.collection.tests.helpers import open_campaign, submission
from innoladder.imports.tests.helpers import commit, preview, xlsx

FIELDS = ["employees", "tech_staff", "sales_revenue"]
HEAD = ["填报任务编号", "统一社会信用代码", "职工总数", "科技人员", "销售收入(万元)"]


@pytest.fixture
def campaign(cast):
    return open_campaign(cast, FIELDS)


def _sheet(campaign, cast, b_staff="20"):
    return xlsx(
        [
            HEAD,
            [campaign.pk, cast.ent_a.uscc, 100, 12, "1,500"],
            [campaign.pk, cast.ent_b.uscc, 40, b_staff, "800"],
        ],
        title="年度填报数据",
    )


def test_the_campaign_sheet_fills_and_submits_every_form_on_behalf(cast, campaign):
    batch, job = commit(preview(cast.officer, "collection_returns", _sheet(campaign, cast)), cast.officer)
    assert job.status == "succeeded", job.message
    assert services.campaign_apply_import(user=cast.officer, campaign=campaign) == 2
    form_a = submission(campaign, cast.ent_a)
    assert form_a.status == "submitted" and form_a.on_behalf
    assert form_a.data == {"employees": "100", "tech_staff": "12", "sales_revenue": "15000000.00"}
    # Applied rows are not applied twice.
    assert services.campaign_apply_import(user=cast.officer, campaign=campaign) == 0


def test_one_refused_row_applies_nothing(cast, campaign):
    form_b = submission(campaign, cast.ent_b)
    services.submission_save(
        user=cast.user_b, submission=form_b, raw={"employees": "40"}, submit=True, declaration=True
    )
    commit(preview(cast.officer, "collection_returns", _sheet(campaign, cast)), cast.officer)
    with pytest.raises(services.CollectionError) as exc:
        services.campaign_apply_import(user=cast.officer, campaign=campaign)
    assert "企业乙有限公司" in exc.value.messages[0]
    assert submission(campaign, cast.ent_a).status == "not_started"


def test_enterprise_users_cannot_import_campaign_sheets(cast, campaign):
    from innoladder.imports.registry import get

    assert not get("collection_returns").allowed(cast.user_a)
    assert get("collection_returns").allowed(cast.officer)
