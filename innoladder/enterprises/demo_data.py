# ruff: noqa: E501 -- one enterprise per two lines reads better than the formatter's one value per line
"""The Golmud scenario's enterprises (issue 9) and invented neighbours, as plain data.

Other apps' demo loaders look enterprises up by the short names below, e.g.
`Enterprise.objects.get(name__contains="盐湖镁业")`; every full name contains its short name exactly once
among the demo enterprises. Figures are invented but of a plausible order of magnitude (yuan).
"""

import datetime as dt
from dataclasses import dataclass, field

GOLMUD = "格尔木工业园"
DELINGHA = "德令哈工业园"
# The regions above the demo parks: (name, short name, level, division code, parent's name).
PROVINCE = "青海省"
HAIXI = "海西蒙古族藏族自治州"
REGIONS = (
    (PROVINCE, "青海", "province", "630000", ""),
    (HAIXI, "海西州", "prefecture", "632800", PROVINCE),
)
SALT_LAKE_ZONE = "察尔汗盐湖工业园"
KUNLUN_ZONE = "昆仑经济技术开发区"
TIBET_ZONE = "藏青工业园"
# The fiscal years the Golmud scenario recorded (their figures stay as they are) and the year the specs'
# scale below refers to. The demo continues the series up to the last complete year before the load date.
RECORDED_YEARS = (2020, 2021, 2022, 2023, 2024)
BASE_YEAR = 2024
RECENT_YEARS = 5


def demo_years(today: dt.date) -> tuple[int, ...]:
    """The fiscal years with annual data on `today`: at least the five complete years before today's
    year, and every year from the first recorded one on, without gaps (2026-12-05: 2020–2025;
    2028-03-15: 2020–2027)."""
    last = today.year - 1
    return tuple(range(min(RECORDED_YEARS[0], last - RECENT_YEARS + 1), max(last, RECORDED_YEARS[-1]) + 1))


@dataclass(frozen=True)
class DemoEnterprise:
    """One demo enterprise: identity, classification and its scale in BASE_YEAR (other years derive from it)."""

    short: str
    name: str
    industry_code: str
    industry_name: str
    tech_field: str
    registered: str
    revenue_wan: int  # 2024 operating revenue, 万元
    employees: int
    rd_ratio: str  # R&D expense / revenue in 2024, e.g. "0.042"
    pool: str = ""
    sub_zone: str = SALT_LAKE_ZONE
    products: str = ""
    tags: tuple[str, ...] = ()
    inventions: int = 0
    utility_models: int = 0
    software: int = 0
    park: str = GOLMUD
    uscc: str = ""
    strategic: bool = True
    former_names: tuple[str, ...] = field(default=())


# fmt: off
ENTERPRISES: tuple[DemoEnterprise, ...] = (
    # Named in the Golmud scenario (issue 9).
    DemoEnterprise("柏丽姿日化", "格尔木柏丽姿日化有限公司", "C2681", "肥皂及洗涤剂制造", "4", "2012-05-18",
                   6800, 86, "0.036", "tier1", KUNLUN_ZONE, "洗涤剂、盐湖矿物洗护用品", ("日化",), 1, 9, 2,
                   uscc="91632801H3BJ1XG69Q", strategic=False),
    DemoEnterprise("维祥科技", "格尔木维祥科技有限公司", "I6531", "信息技术咨询服务", "1", "2019-08-06",
                   620, 24, "0.065", "reserve", KUNLUN_ZONE, "工业信息化系统集成与运维", ("科技服务",), 0, 2, 6),
    DemoEnterprise("盛隆塑编", "格尔木盛隆塑编有限公司", "C2923", "塑料丝、绳及编织品制造", "4", "2014-03-22",
                   2300, 58, "0.031", "reserve", KUNLUN_ZONE, "钾肥包装编织袋、集装袋", ("新材料",), 0, 6, 0),
    DemoEnterprise("蓝科锂业", "青海蓝科锂业股份有限公司", "C2613", "无机盐制造", "4", "2007-03-15",
                   486000, 720, "0.032", "tier3", SALT_LAKE_ZONE, "电池级碳酸锂、吸附法卤水提锂",
                   ("锂产业", "盐湖化工"), 12, 36, 3, uscc="91632801AY4CL12T2E"),
    DemoEnterprise("西豫有色", "青海西豫有色金属有限公司", "C3212", "铅锌冶炼", "7", "2009-11-02",
                   265000, 540, "0.031", "tier1", TIBET_ZONE, "电解铅、银锭、硫酸", ("有色金属",), 3, 21, 1),
    DemoEnterprise("兰河塑业", "格尔木兰河塑业有限公司", "C2922", "塑料板、管、型材制造", "4", "2013-06-20",
                   3900, 62, "0.034", "tier1", KUNLUN_ZONE, "PE给水管、PVC排水管", ("新材料",), 0, 11, 0),
    DemoEnterprise("藏格锂业", "格尔木藏格锂业有限公司", "C2613", "无机盐制造", "4", "2017-04-12",
                   152000, 310, "0.033", "tier1", SALT_LAKE_ZONE, "电池级碳酸锂", ("锂产业", "盐湖化工"), 5, 18, 1),
    DemoEnterprise("金昆仑", "青海金昆仑锂业有限公司", "C2613", "无机盐制造", "4", "2016-09-09",
                   38000, 160, "0.035", "tier1", SALT_LAKE_ZONE, "氯化锂、碳酸锂", ("锂产业",), 2, 12, 0),
    DemoEnterprise("启迪清源新材料", "青海启迪清源新材料有限公司", "C2665", "环境污染处理专用药剂材料制造", "4",
                   "2016-07-28", 9200, 95, "0.058", "tier3", SALT_LAKE_ZONE, "盐湖提锂纳滤膜、电渗析膜组件",
                   ("锂产业", "新材料"), 6, 14, 2),
    DemoEnterprise("地沣肥业", "格尔木地沣肥业有限公司", "C2624", "复混肥料制造", "7", "2015-10-16",
                   5400, 48, "0.032", "tier1", SALT_LAKE_ZONE, "含钾复合肥、水溶肥", ("钾肥",), 1, 7, 0),
    DemoEnterprise("盐湖镁业", "青海盐湖镁业有限公司", "C3217", "镁冶炼", "4", "2010-12-08",
                   98000, 1150, "0.034", "tier3", SALT_LAKE_ZONE, "金属镁、镁合金、氢氧化镁",
                   ("镁产业", "盐湖化工"), 9, 27, 2),
    DemoEnterprise("盐湖股份", "青海盐湖股份有限公司", "C2622", "钾肥制造", "7", "1997-08-25",
                   1513000, 7800, "0.012", "tier4", SALT_LAKE_ZONE, "氯化钾、碳酸锂", ("钾肥", "锂产业", "盐湖化工"),
                   28, 64, 5, former_names=("青海盐湖钾肥股份有限公司", "青海盐湖工业股份有限公司")),
    DemoEnterprise("东台锂资源", "青海东台锂资源股份有限公司", "C2613", "无机盐制造", "4", "2008-06-11",
                   208000, 390, "0.031", "tier3", SALT_LAKE_ZONE, "电池级碳酸锂、硼酸", ("锂产业",), 4, 19, 1,
                   former_names=("青海东台吉乃尔锂资源股份有限公司",)),
    DemoEnterprise("隆盛石化", "格尔木隆盛石化有限公司", "C2511", "原油加工及石油制品制造", "7", "2011-04-19",
                   31000, 210, "0.021", "reserve", KUNLUN_ZONE, "燃料油、液化石油气", ("石油化工",), 0, 8, 0),
    DemoEnterprise("三元钾肥", "青海三元钾肥股份有限公司", "C2622", "钾肥制造", "7", "2003-05-30",
                   64000, 460, "0.030", "tier3", SALT_LAKE_ZONE, "氯化钾、硫酸钾", ("钾肥", "盐湖化工"), 4, 16, 0),
    DemoEnterprise("海珠镁业", "格尔木海珠镁业有限公司", "C2613", "无机盐制造", "4", "2015-02-14",
                   12600, 120, "0.033", "tier1", SALT_LAKE_ZONE, "高纯氧化镁、氢氧化镁阻燃剂", ("镁产业",), 1, 10, 0),
    DemoEnterprise("中信国安锂业", "青海中信国安锂业发展有限公司", "C2613", "无机盐制造", "4", "2003-12-02",
                   86000, 420, "0.031", "tier3", SALT_LAKE_ZONE, "碳酸锂、硫酸钾、硼酸", ("锂产业",), 5, 20, 1),
    DemoEnterprise("香江盐湖", "格尔木香江盐湖化工有限公司", "C2622", "钾肥制造", "7", "2012-08-27",
                   18800, 150, "0.030", "tier1", SALT_LAKE_ZONE, "氯化钾、工业盐", ("钾肥",), 0, 9, 0),
    DemoEnterprise("黄河维检", "青海黄河维检科技有限公司", "M7452", "检测服务", "5", "2018-03-08",
                   1600, 36, "0.062", "tier1", KUNLUN_ZONE, "电力设备检测、化工装置维检", ("科技服务",), 0, 5, 4),
    # Invented neighbours so the park looks like a park.
    DemoEnterprise("昆仑新能源", "格尔木昆仑新能源科技有限公司", "D4416", "太阳能发电", "6", "2016-05-10",
                   14500, 42, "0.030", "tier1", KUNLUN_ZONE, "光伏发电、储能运营", ("新能源",), 1, 8, 1),
    DemoEnterprise("察尔汗光热", "格尔木察尔汗光热发电有限公司", "D4416", "太阳能发电", "6", "2018-09-21",
                   9800, 38, "0.035", "tier1", SALT_LAKE_ZONE, "熔盐塔式光热发电", ("新能源",), 2, 7, 0),
    DemoEnterprise("柴达木储能", "青海柴达木储能科技有限公司", "C3841", "锂离子电池制造", "6", "2020-06-18",
                   7200, 80, "0.052", "hnte_candidate", KUNLUN_ZONE, "储能电池模组、电池管理系统",
                   ("新能源", "锂产业"), 2, 9, 3),
    DemoEnterprise("锂源电池材料", "格尔木锂源电池材料有限公司", "C3985", "电子专用材料制造", "4", "2019-11-05",
                   11800, 96, "0.041", "hnte_candidate", SALT_LAKE_ZONE, "磷酸铁锂正极材料", ("锂产业", "新材料"),
                   2, 8, 0),
    DemoEnterprise("鑫盐化工", "格尔木鑫盐化工有限公司", "C2613", "无机盐制造", "4", "2013-07-15",
                   6100, 70, "0.030", "reserve", SALT_LAKE_ZONE, "工业级碳酸锂、氯化镁", ("盐湖化工",), 0, 5, 0),
    DemoEnterprise("察尔汗钾盐", "格尔木察尔汗钾盐有限公司", "C2622", "钾肥制造", "7", "2010-03-26",
                   22000, 230, "0.030", "tier1", SALT_LAKE_ZONE, "氯化钾", ("钾肥",), 1, 8, 0),
    DemoEnterprise("昆仑镁基新材料", "青海昆仑镁基新材料有限公司", "C3217", "镁冶炼", "4", "2019-04-02",
                   8800, 105, "0.042", "hnte_candidate", SALT_LAKE_ZONE, "镁基储氢材料、镁合金型材",
                   ("镁产业", "新材料"), 3, 6, 0),
    DemoEnterprise("镁合金压铸", "格尔木镁合金压铸有限公司", "C3392", "有色金属铸造", "4", "2017-10-30",
                   4600, 66, "0.033", "reserve", SALT_LAKE_ZONE, "镁合金压铸件", ("镁产业",), 0, 7, 0),
    DemoEnterprise("高原硼业", "格尔木高原硼业有限公司", "C2613", "无机盐制造", "4", "2011-06-08",
                   5200, 54, "0.030", "", SALT_LAKE_ZONE, "硼酸、硼砂", ("盐湖化工",), 0, 4, 0),
    DemoEnterprise("盐湖溴业", "格尔木盐湖溴业有限公司", "C2619", "其他基础化学原料制造", "4", "2014-09-17",
                   3300, 40, "0.031", "", SALT_LAKE_ZONE, "溴素、溴化物", ("盐湖化工",), 0, 3, 0),
    DemoEnterprise("青盐智能装备", "格尔木青盐智能装备有限公司", "C3511", "矿山机械制造", "8", "2018-12-12",
                   2900, 45, "0.055", "hnte_candidate", KUNLUN_ZONE, "盐田采收机、卤水输送装备", ("装备制造",),
                   2, 13, 3),
    DemoEnterprise("晶诚光伏", "格尔木晶诚光伏材料有限公司", "C3825", "光伏设备及元器件制造", "6", "2017-02-23",
                   8300, 110, "0.036", "tier1", KUNLUN_ZONE, "光伏支架、接线盒", ("新能源",), 1, 10, 0),
    DemoEnterprise("高原风电运维", "格尔木高原风电运维服务有限公司", "M7320", "工程和技术研究和试验发展", "5",
                   "2019-07-01", 1300, 28, "0.060", "reserve", KUNLUN_ZONE, "风电机组运维、叶片检测", ("新能源",),
                   0, 4, 2),
    DemoEnterprise("云端数据", "格尔木云端数据科技有限公司", "I6510", "软件开发", "1", "2020-04-16",
                   520, 19, "0.090", "reserve", KUNLUN_ZONE, "园区企业服务平台软件", ("科技服务",), 0, 0, 8),
    DemoEnterprise("检验检测中心", "格尔木盐湖检验检测中心有限公司", "M7452", "检测服务", "5", "2015-08-19",
                   1900, 41, "0.045", "tier1", SALT_LAKE_ZONE, "盐湖卤水、矿产品化验分析", ("科技服务",), 0, 3, 2),
    DemoEnterprise("盐湖环保", "格尔木盐湖环保科技有限公司", "N7724", "危险废物治理", "7", "2016-12-01",
                   3600, 52, "0.040", "tier1", SALT_LAKE_ZONE, "化工固废综合利用", ("节能环保",), 1, 6, 0),
    DemoEnterprise("绿源水处理", "格尔木绿源水处理有限公司", "D4620", "污水处理及其再生利用", "7", "2014-04-11",
                   2700, 35, "0.030", "", KUNLUN_ZONE, "工业废水处理与中水回用", ("节能环保",), 0, 4, 0),
    DemoEnterprise("柴达木枸杞生物", "格尔木柴达木枸杞生物科技有限公司", "C1499", "其他未列明食品制造", "2",
                   "2013-10-09", 4100, 64, "0.032", "reserve", KUNLUN_ZONE, "枸杞原浆、枸杞多糖", ("生物健康",),
                   1, 5, 0, strategic=False),
    DemoEnterprise("高原生物", "格尔木高原生物科技有限公司", "C2710", "化学药品原料药制造", "2", "2018-05-25",
                   2500, 39, "0.048", "", KUNLUN_ZONE, "盐湖卤虫提取物", ("生物健康",), 1, 2, 0),
    DemoEnterprise("氢能科技", "格尔木氢能科技有限公司", "C2619", "其他基础化学原料制造", "6", "2022-03-14",
                   900, 22, "0.110", "reserve", KUNLUN_ZONE, "光伏制氢示范", ("新能源",), 0, 2, 1),
    DemoEnterprise("锂电回收", "格尔木锂电回收科技有限公司", "C4210", "金属废料和碎屑加工处理", "7", "2021-08-30",
                   2100, 30, "0.045", "reserve", SALT_LAKE_ZONE, "退役锂电池拆解与再生", ("锂产业", "节能环保"),
                   0, 5, 0),
    DemoEnterprise("新型建材", "格尔木新型建材有限公司", "C3021", "水泥制品制造", "4", "2012-11-13",
                   5600, 90, "0.030", "", TIBET_ZONE, "镁质胶凝材料板材", ("新材料",), 0, 4, 0, strategic=False),
    DemoEnterprise("智慧物流", "格尔木智慧物流科技有限公司", "I6531", "信息技术咨询服务", "1", "2019-03-19",
                   1400, 33, "0.050", "reserve", TIBET_ZONE, "危化品运输监管平台", ("科技服务",), 0, 1, 5),
    DemoEnterprise("盐化机械", "格尔木盐化机械制造有限公司", "C3529", "其他专用设备制造", "8", "2010-07-07",
                   3800, 72, "0.033", "tier1", KUNLUN_ZONE, "蒸发结晶器、离心机", ("装备制造",), 1, 9, 0),
    DemoEnterprise("科创孵化", "格尔木科创孵化服务有限公司", "M7540", "科技中介服务", "5", "2020-09-01",
                   450, 12, "0.030", "", KUNLUN_ZONE, "众创空间运营、科技成果转化服务", ("科技服务",), 0, 0, 1,
                   strategic=False),
    DemoEnterprise("金泰铝业", "格尔木金泰铝业有限公司", "C3216", "铝冶炼", "4", "2014-01-20",
                   27000, 260, "0.030", "", TIBET_ZONE, "铝锭、铝合金棒", ("有色金属",), 0, 6, 0),
    DemoEnterprise("昆仑碱业", "格尔木昆仑碱业有限公司", "C2612", "无机碱制造", "4", "2012-02-16",
                   16500, 190, "0.030", "", SALT_LAKE_ZONE, "纯碱、小苏打", ("盐湖化工",), 0, 5, 0),
    # Two enterprises of the second demo park, for scoping demonstrations.
    DemoEnterprise("德令哈纯碱", "德令哈纯碱化工有限公司", "C2612", "无机碱制造", "4", "2009-05-12",
                   42000, 380, "0.030", "tier1", "", "纯碱", ("盐湖化工",), 1, 6, 0, park=DELINGHA),
    DemoEnterprise("德令哈光伏", "德令哈光伏发电有限公司", "D4416", "太阳能发电", "6", "2015-06-30",
                   8700, 26, "0.030", "", "", "光伏发电", ("新能源",), 0, 3, 0, park=DELINGHA),
    # The rest of 德令哈工业园 (issue 22): a small park of the same 州, so 海西州's figures add up two parks.
    DemoEnterprise("昊阳光热", "青海昊阳光热装备有限公司", "C3825", "光伏设备及元器件制造", "6", "2016-04-11",
                   16800, 140, "0.041", "tier1", "", "定日镜、光热集热管", ("新能源",), 2, 9, 1, park=DELINGHA),
    DemoEnterprise("柯鲁柯盐化", "青海柯鲁柯盐化有限公司", "C2619", "其他基础化学原料制造", "4", "2011-08-23",
                   23500, 210, "0.028", "reserve", "", "氯化镁、溴素", ("盐湖化工",), 1, 5, 0, park=DELINGHA),
    DemoEnterprise("高原藜麦", "青海高原藜麦食品有限公司", "C1399", "其他未列明农副食品加工", "2", "2017-03-15",
                   4200, 45, "0.035", "reserve", "", "藜麦米、藜麦粉", ("特色农牧",), 0, 4, 1, park=DELINGHA),
    DemoEnterprise("海西云数据", "青海海西云数据科技有限公司", "I6450", "互联网数据服务", "1", "2019-10-09",
                   1800, 32, "0.085", "tier1", "", "数据中心托管、工业云服务", ("数字经济",), 0, 1, 8, park=DELINGHA),
    DemoEnterprise("锂能储能", "青海锂能储能科技有限公司", "C3841", "锂离子电池制造", "6", "2021-05-20",
                   9600, 88, "0.052", "tier3", "", "储能电池系统", ("新能源", "锂产业"), 1, 6, 2, park=DELINGHA),
    DemoEnterprise("诺木洪枸杞", "青海诺木洪枸杞生物科技有限公司", "C1499", "其他未列明食品制造", "2", "2014-07-02",
                   6300, 70, "0.033", "tier1", "", "枸杞干果、枸杞多糖", ("特色农牧",), 1, 5, 0, park=DELINGHA),
)
# fmt: on

NAMES: dict[str, str] = {e.short: e.name for e in ENTERPRISES}

# (short name, award name, level, grade, year, rank, project, date conferred)
# The two 2022 awards of the Golmud scenario were conferred in the first half of 2023 (the park reported
# them for that half year); the others were conferred before it.
# fmt: off
AWARDS = (
    ("盐湖镁业", "国际镁科学技术奖", "international", "年度创新特别贡献奖", 2022, 1, "", "2023-05-26"),
    ("盐湖股份", "青海省科学技术进步奖", "provincial", "", 2022, 3, "基于青藏高原光热储能技术研究", "2023-04-20"),
    ("蓝科锂业", "青海省科学技术进步奖", "provincial", "二等奖", 2021, 1, "吸附法盐湖卤水提锂产业化技术", "2022-05-12"),
    ("启迪清源新材料", "青海省专利奖", "provincial", "优秀奖", 2022, 1, "一种盐湖卤水提锂用纳滤膜的制备方法", "2022-11-18"),
    ("三元钾肥", "海西州科学技术进步奖", "municipal", "一等奖", 2021, 1, "低品位固体钾矿溶浸开采技术", "2022-01-25"),
    # 德令哈工业园: two awards conferred in the first half of 2023.
    ("昊阳光热", "海西州科学技术进步奖", "municipal", "二等奖", 2022, 1, "塔式光热定日镜高精度跟踪控制技术", "2023-03-16"),
    ("诺木洪枸杞", "青海省科学技术进步奖", "provincial", "三等奖", 2022, 1, "枸杞多糖高效提取与纯化技术", "2023-04-20"),
)
# fmt: on

# (short name, institution name, kind, level, approving body, year)
# fmt: off
INSTITUTIONS = (
    ("盐湖股份", "青海盐湖股份有限公司技术中心", "enterprise_tech_center", "national", "国家发展改革委", 2014),
    ("盐湖镁业", "青海省镁基新材料工程技术研究中心", "eng_tech_center", "provincial", "青海省科学技术厅", 2019),
    ("蓝科锂业", "青海省盐湖提锂工程技术研究中心", "eng_tech_center", "provincial", "青海省科学技术厅", 2016),
    ("昊阳光热", "青海省光热发电装备工程技术研究中心", "eng_tech_center", "provincial", "青海省科学技术厅", 2021),
    ("启迪清源新材料", "青海省盐湖提锂膜材料重点实验室", "key_lab", "provincial", "青海省科学技术厅", 2021),
    ("东台锂资源", "东台锂资源企业技术中心", "enterprise_tech_center", "provincial", "青海省工业和信息化厅", 2018),
)
# fmt: on

# (short name, title, number, level, year, rank)
STANDARDS = (
    ("盐湖股份", "氯化钾", "GB/T 7118-2023", "national", 2023, 2),
    ("蓝科锂业", "盐湖卤水碳酸锂", "YS/T 1575-2022", "industry", 2022, 1),
    ("盐湖镁业", "盐湖氯化镁制金属镁技术规范", "T/QHMG 001-2021", "group", 2021, 1),
)

# (short name, kind, occurred, removed, description)
INCIDENTS = (
    ("高原硼业", "abnormal_operation_list", "2021-05-10", "2021-09-02", "未按时报送年度报告，补报后移出"),
)
