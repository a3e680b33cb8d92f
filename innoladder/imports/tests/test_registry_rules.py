"""The registry import refuses what the enterprise form refuses: a negative 注册资本 and a phone that is
neither a mobile number nor a landline with its area code; the file writes nothing."""

from innoladder.core.validators import BAD_PHONE
from innoladder.enterprises.models import Enterprise
from innoladder.imports.choices import BatchStatus

from .helpers import preview, xlsx

HEADER = ["统一社会信用代码", "企业名称", "所属园区", "注册资本(万元)", "联系电话"]


def test_negative_capital_and_free_text_phone_are_row_errors(cast):
    before = Enterprise.objects.count()
    rows = [
        HEADER,
        ["91632801MA7G2XY87R", "格尔木示例锂业有限公司", cast.park.name, -50, "13809791234"],
        ["91632801MA7G2XY87R", "格尔木示例锂业有限公司", cast.park.name, 50, "找前台小王"],
    ]
    batch = preview(cast.officer, "enterprises", xlsx(rows))
    assert batch.status == BatchStatus.INVALID
    by_column = {(e[0], e[1]): e[3] for e in batch.errors}
    assert by_column[(2, "注册资本(万元)")] == "不能小于 0"
    assert by_column[(3, "联系电话")] == str(BAD_PHONE)
    assert Enterprise.objects.count() == before


def test_mobile_landline_and_number_cells_are_accepted(cast):
    rows = [
        HEADER,
        ["91632801MA7G2XY87R", "格尔木示例锂业有限公司", cast.park.name, 500, 13809791234],
    ]
    batch = preview(cast.officer, "enterprises", xlsx(rows))
    assert batch.errors == []
    rows[1][4] = "0979-8412345转801"
    assert preview(cast.officer, "enterprises", xlsx(rows)).errors == []
