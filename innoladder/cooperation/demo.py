# ruff: noqa: E501 -- one record per line: the tables read as tables
"""Golmud demo (issue 9), cooperation part, all in H1 2023.

2 technology cooperation projects between 盐湖股份 and 武汉工程大学 and 3 for 三元钾肥; 5 patents
introduced by 海珠镁业 (3) and 盛隆塑编 (2), which also become their transferred-in IP records; 11 talents
reserved at 盐湖镁业, 中信国安锂业 and others (no ID numbers: minimum personal data).
Idempotent; enterprises not yet registered are skipped.
"""

import datetime as dt
from decimal import Decimal

from innoladder.accounts.models import User
from innoladder.enterprises.demo import park_enterprise
from innoladder.enterprises.models import Park

from . import services
from .models import Cooperation, PatentIntroduction, Talent

GOLMUD = "格尔木工业园"
# fmt: off
# (enterprise, partner, title, kind, amount in yuan, signed on, outcome)
COOPERATION = (
    ("盐湖股份", "武汉工程大学", "氯化钾生产尾盐综合利用技术开发", "joint", "1200000", dt.date(2023, 3, 16), "形成尾盐制备工业级氯化镁中试工艺"),
    ("盐湖股份", "武汉工程大学", "光卤石矿浮选药剂优化研究", "entrusted", "680000", dt.date(2023, 5, 22), ""),
    ("三元钾肥", "青海大学", "盐湖钾肥生产节水工艺研究", "joint", "450000", dt.date(2023, 2, 20), ""),
    ("三元钾肥", "中国科学院青海盐湖研究所", "低品位钾矿溶浸开采技术合作", "joint", "900000", dt.date(2023, 4, 12), ""),
    ("三元钾肥", "青海民族大学", "钾肥产品质量在线检测方法开发", "entrusted", "260000", dt.date(2023, 6, 8), ""),
)
# (enterprise, patent number, title, mode, source, introduced on, amount in yuan)
PATENTS = (
    ("海珠镁业", "ZL201910356712.4", "一种无水氯化镁的制备方法", "transfer", "青海大学", dt.date(2023, 2, 28), "150000"),
    ("海珠镁业", "ZL202010145236.8", "一种电解镁用熔盐净化装置", "transfer", "中国科学院青海盐湖研究所", dt.date(2023, 4, 18), "200000"),
    ("海珠镁业", "ZL202110623481.2", "一种镁合金晶粒细化方法", "license", "重庆大学", dt.date(2023, 6, 5), "120000"),
    ("盛隆塑编", "ZL201821543207.6", "一种集装袋防滑编织结构", "transfer", "西安工程大学", dt.date(2023, 3, 21), "60000"),
    ("盛隆塑编", "ZL202020874512.3", "一种塑编袋自动缝口装置", "transfer", "江苏某机械研究所", dt.date(2023, 5, 30), "80000"),
)
# (enterprise, name, category, field, recorded on)
TALENTS = (
    ("盐湖镁业", "刘志强", "leading", "镁冶金", dt.date(2023, 3, 1)),
    ("盐湖镁业", "陈海燕", "top", "无机化工", dt.date(2023, 3, 1)),
    ("盐湖镁业", "马文军", "discipline_leader", "镁合金材料", dt.date(2023, 3, 1)),
    ("盐湖镁业", "韩晓东", "top", "电解工艺", dt.date(2023, 3, 1)),
    ("中信国安锂业", "王建平", "leading", "盐湖提锂", dt.date(2023, 4, 10)),
    ("中信国安锂业", "李春梅", "discipline_leader", "膜分离技术", dt.date(2023, 4, 10)),
    ("中信国安锂业", "赵永福", "top", "锂盐结晶", dt.date(2023, 4, 10)),
    ("盐湖股份", "孙立新", "leading", "钾盐化工", dt.date(2023, 5, 18)),
    ("盐湖股份", "周红", "discipline_leader", "化工过程控制", dt.date(2023, 5, 18)),
    ("蓝科锂业", "杨光", "top", "吸附材料", dt.date(2023, 6, 12)),
    ("东台锂资源", "何明", "discipline_leader", "电池级碳酸锂", dt.date(2023, 6, 12)),
)
# fmt: on


def _patent_fields(row: dict) -> dict:
    # ZL20xx2… is a utility model.
    kind = "utility_model" if row["patent_number"][6] == "2" else "invention_patent"
    return {"amount": Decimal(row["amount"]), "kind": kind}


# Each table's records: (rows, model, the field naming a record within its enterprise, the row's fields after
# the enterprise, the service that creates one, the fields it adds to a row).
# fmt: off
TABLES = (
    (COOPERATION, Cooperation, "title", ("partner", "title", "kind", "amount", "signed_on", "outcome"),
     services.cooperation_create, lambda row: {"amount": Decimal(row["amount"])}),
    (PATENTS, PatentIntroduction, "patent_number", ("patent_number", "title", "mode", "source", "introduced_on", "amount"),
     services.patent_introduction_create, _patent_fields),
    (TALENTS, Talent, "name", ("name", "category", "field", "recorded_on"),
     services.talent_create, lambda row: {"status": "reserved"}),
)
# fmt: on


def load() -> None:
    park = Park.objects.filter(name=GOLMUD).first()
    if park is None:
        return
    officer = User.objects.filter(username__iexact="officer").first()
    for rows, model, key, fields, create, derived in TABLES:
        for short, *values in rows:
            enterprise = park_enterprise(park, short)
            row = dict(zip(fields, values, strict=True))
            if enterprise is None or model.objects.filter(enterprise=enterprise, **{key: row[key]}).exists():
                continue
            create(user=officer, enterprise=enterprise, is_demo=True, **{**row, **derived(row)})
