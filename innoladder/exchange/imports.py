"""Registers the 名单 import (see roster.py) with the shared import framework (auto-discovered)."""

from django.utils.translation import gettext_noop

from innoladder.core.scoping import is_staff_role
from innoladder.imports import registry
from innoladder.imports.datasets import DATE, ENTERPRISE, TEXT, Column
from innoladder.recognitions.models import Recognition

from . import roster

ROSTER = registry.declare(
    ("recognition_roster", gettext_noop("认定名单"), Recognition, ("enterprise", "scheme", "number")),
    option_fields=("scheme",),
    options_form=roster.RosterOptionsForm,
    screen=roster.screen,
    order=55,
    description=gettext_noop(
        "导入省科技厅、工信厅公布的认定（入库）名单：上传时选择认定类别（及名单未载明的发证日期、批次），"
        "按统一社会信用代码匹配企业，按“企业 + 认定类别 + 证书编号”新增或更新资质认定。"
        "名单中其他园区或系统未登记的企业逐行列为“跳过”，不会写入；统一社会信用代码有误的行须改正后重新上传。"
    ),
    columns=[
        Column(
            "统一社会信用代码",
            "enterprise",
            ENTERPRISE,
            required=True,
            width=22,
            aliases=("纳税人识别号", "社会信用代码", "统一社会信用代码（纳税人识别号）", "信用代码"),
        ),
        Column(
            "企业名称",
            "enterprise_name",
            TEXT,
            width=32,
            aliases=("单位名称", "企业（单位）名称"),
            parse=roster.informational,
        ),
        Column(
            "证书编号",
            "number",
            TEXT,
            required=True,
            width=24,
            aliases=("入库登记编号", "入库编号", "登记编号", "证书号", "编号"),
        ),
        Column("发证日期", "issued_on", DATE, aliases=("认定日期", "发证时间", "入库日期", "入库时间")),
        Column("有效期至", "valid_until", DATE, help="留空则按认定类别的有效期规则计算"),
        Column("序号", "seq", TEXT, width=6, parse=roster.informational),
        Column(
            "所属地区",
            "region",
            TEXT,
            aliases=("所在地区", "地区", "市（州）", "所属市州"),
            parse=roster.informational,
        ),
        Column("批次", "batch_label", TEXT, aliases=("认定批次", "入库批次"), parse=roster.informational),
    ],
    clean=roster.clean_row,
    defaults=roster.note_defaults,
    allowed=is_staff_role,
    examples=[
        {
            "seq": "1",
            "enterprise_name": "格尔木示例锂业有限公司",
            "enterprise": "91632801MA7G2XY87R",
            "number": "GR202463000123",
            "issued_on": "2024-12-01",
            "region": "海西州",
        }
    ],
)
