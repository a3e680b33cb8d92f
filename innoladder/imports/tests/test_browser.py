import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from innoladder.accounts.choices import Role
from innoladder.core.testing.browser import login
from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory, UserFactory
from innoladder.enterprises.models import AnnualData
from innoladder.imports.choices import BatchStatus
from innoladder.imports.models import ImportBatch
from innoladder.imports.reader import parse
from innoladder.imports.registry import get

from .helpers import xlsx

PASSWORD = "Browser-Passw0rd!"


@pytest.mark.browser
def test_officer_downloads_template_uploads_previews_and_commits(page, tmp_path):
    park = ParkFactory(name="格尔木工业园")
    enterprise = EnterpriseFactory(park=park, name="格尔木锂电有限公司")
    officer = UserFactory(username="import_officer", role=Role.OFFICER, password=PASSWORD)
    officer.set_password(PASSWORD)
    officer.save()
    officer.parks.add(park)

    login(page, "import_officer", PASSWORD)
    page.goto(f"{page.base_url}/imports/")
    page.click("text=年度数据 >> xpath=ancestor::tr >> text=上传导入")
    assert "导入年度数据" in page.inner_text("h1")
    with page.expect_download() as download_info:
        page.click("#template-link")
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)

    wb = load_workbook(template)
    ws = wb["年度数据"]
    headers = [c.value for c in ws[1]]
    ws.delete_rows(2)  # drop the example row, then fill the template like a user would
    row = {"统一社会信用代码": enterprise.uscc, "年度": 2024, "职工总数": 85, "销售收入(万元)": "3,200.5"}
    ws.append([row.get(h) for h in headers])
    filled = tmp_path / "年度数据2024.xlsx"
    wb.save(filled)

    page.set_input_files("#id_file", str(filled))
    page.click("text=上传并预检")
    page.wait_for_selector("#counts")
    assert page.inner_text('[data-count="create"]') == "1"
    assert page.inner_text('[data-count="error"]') == "0"
    assert AnnualData.objects.count() == 0  # the dry run wrote nothing

    page.click("#commit")
    page.wait_for_selector('[data-status="succeeded"]')
    page.click("text=查看导入结果")
    assert "导入完成：新增 1 行" in page.inner_text("#batch-message")
    assert ImportBatch.objects.get().status == BatchStatus.COMMITTED
    data = AnnualData.objects.get(enterprise=enterprise, year=2024)
    assert (data.employees, str(data.sales_revenue)) == (85, "32005000.00")


def _soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice is not installed on this machine")
def test_a_file_saved_by_libreoffice_imports(cast, tmp_path):
    source = tmp_path / "src.xlsx"
    source.write_bytes(
        xlsx([["统一社会信用代码", "年度", "销售收入（万元）"], [cast.ent_a.uscc, 2024, "1,000"]])
    )
    out = tmp_path / "out"
    subprocess.run(
        [_soffice(), "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    data = (out / "src.xlsx").read_bytes()
    parsed = parse(data, get("annual_data"))
    assert [n for n, _ in parsed.rows] == [2]
    assert parsed.matches["sales_revenue"].unit == "万元"
    assert load_workbook(io.BytesIO(data)).sheetnames == ["年度数据"]
