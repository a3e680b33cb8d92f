import pytest

from innoladder.core.testing.browser import login
from innoladder.core.testing.cast import PASSWORD
from innoladder.recognitions import choices as c
from innoladder.recognitions.models import Recognition

from .factories import BatchFactory

STEPS = ("preparing", "submitted", "reviewing", "publicised")


def _held(page, scheme: str) -> str:
    page.goto(f"{page.base_url}/recognitions/pipeline/")
    return page.inner_text(f"tr[data-scheme={scheme}] a[data-measure=held]").strip()


@pytest.mark.browser
def test_officer_walks_an_application_to_passed(page, cast):
    batch = BatchFactory(
        park=cast.park, name="2023年青海省第一批创新型中小企业", scheme=c.Scheme.INNOVATIVE_SME
    )
    login(page, "officer", PASSWORD)
    assert _held(page, "innovative_sme") == "0"

    page.goto(f"{page.base_url}/recognitions/batches/{batch.pk}/")
    page.click("text=登记申报")
    page.select_option("#id_enterprise", str(cast.ent_a.pk))
    page.select_option("#id_batch", str(batch.pk))
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#app-status") == "意向"

    for status in STEPS:
        page.select_option("#id_to_status", status)
        page.fill("#id_comment", f"办理：{status}")
        page.click("#transition-form button[type=submit]")
        page.wait_for_load_state("networkidle")
    assert page.inner_text("#app-status") == "已公示"
    page.select_option("#id_to_status", "passed")
    page.fill("#id_number", "QHCX2023-01-001")
    page.click("#transition-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#app-status") == "通过"
    assert page.inner_text("#result-link") == "QHCX2023-01-001"
    history = page.inner_text("table")
    for label in ("意向", "材料准备", "已提交", "评审中", "已公示", "通过"):
        assert label in history

    rec = Recognition.objects.get(number="QHCX2023-01-001")
    assert rec.enterprise == cast.ent_a and rec.batch == batch
    assert _held(page, "innovative_sme") == "1"
    page.click("tr[data-scheme=innovative_sme] a[data-measure=held]")
    assert cast.ent_a.name in page.inner_text("main")

    page.goto(f"{page.base_url}/recognitions/?enterprise={cast.ent_a.pk}")
    assert "QHCX2023-01-001" in page.inner_text("main")
    page.goto(f"{page.base_url}/enterprises/{cast.ent_a.pk}/")
    page.wait_for_selector("#recognitions-panel")  # the section loads as a fragment
    panel = page.inner_text("#recognitions-panel")
    assert "QHCX2023-01-001" in panel and "创新型中小企业" in panel
