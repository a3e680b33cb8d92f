from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.choices import Level as Level  # awards and R&D institutions take every level


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", _("在园")
    MOVED_OUT = "moved_out", _("已迁出")
    DEREGISTERED = "deregistered", _("已注销")


class SizeClass(models.TextChoices):
    LARGE = "large", _("大型")
    MEDIUM = "medium", _("中型")
    SMALL = "small", _("小型")
    MICRO = "micro", _("微型")


class TechField(models.TextChoices):
    """国家重点支持的高新技术领域 (2016), the 8 fields."""

    ELECTRONIC_INFO = "1", _("电子信息")
    BIO_MEDICINE = "2", _("生物与新医药")
    AEROSPACE = "3", _("航空航天")
    NEW_MATERIALS = "4", _("新材料")
    HITECH_SERVICES = "5", _("高技术服务")
    NEW_ENERGY = "6", _("新能源与节能")
    RESOURCES_ENVIRONMENT = "7", _("资源与环境")
    ADVANCED_MANUFACTURING = "8", _("先进制造与自动化")


class Pool(models.TextChoices):
    """Park cultivation pools (梯度培育库), lowest to highest."""

    NONE = "", _("未入库")
    RESERVE = "reserve", _("储备/潜力库")
    TIER1 = "tier1", _("科技型/创新型培育库")
    HNTE_CANDIDATE = "hnte_candidate", _("高企培育库")
    TIER3 = "tier3", _("高企/专精特新库")
    TIER4 = "tier4", _("小巨人库")


class DataSource(models.TextChoices):
    MANUAL = "manual", _("手工录入")
    IMPORT = "import", _("Excel导入")
    COLLECTION = "collection", _("年度填报")
    LEDGER = "ledger", _("研发辅助账")
    DEMO = "demo", _("演示数据")


class IPKind(models.TextChoices):
    INVENTION_PATENT = "invention_patent", _("发明专利")
    DEFENCE_PATENT = "defence_patent", _("国防专利")
    UTILITY_MODEL = "utility_model", _("实用新型")
    DESIGN_PATENT = "design_patent", _("外观设计")
    SOFTWARE_COPYRIGHT = "software_copyright", _("软件著作权")
    IC_LAYOUT = "ic_layout", _("集成电路布图设计")
    PLANT_VARIETY = "plant_variety", _("植物新品种")
    CROP_VARIETY = "crop_variety", _("国家级农作物品种")
    NEW_DRUG = "new_drug", _("国家新药")
    TCM_PROTECTED = "tcm_protected", _("国家一级中药保护品种")
    OTHER = "other", _("其他")


CLASS_I_KINDS = frozenset(
    {
        "invention_patent",
        "defence_patent",
        "ic_layout",
        "plant_variety",
        "crop_variety",
        "new_drug",
        "tcm_protected",
    }
)
CLASS_II_KINDS = frozenset({"utility_model", "design_patent", "software_copyright"})


class IPStatus(models.TextChoices):
    PENDING = "pending", _("申请中")
    VALID = "valid", _("有效")
    LAPSED = "lapsed", _("失效")
    EXPIRED = "expired", _("期满")


class IPAcquisition(models.TextChoices):
    SELF = "self", _("自主研发")
    TRANSFERRED = "transferred", _("受让")
    GIFT = "gift", _("受赠")
    MERGER = "merger", _("并购")


class AwardKind(models.TextChoices):
    SCI_TECH = "sci_tech", _("科学技术奖")
    PATENT = "patent", _("专利奖")
    CKZG = "ckzg", _("创客中国")
    INDUSTRY = "industry", _("行业奖项")
    OTHER = "other", _("其他")


class StandardLevel(models.TextChoices):
    INTERNATIONAL = "international", _("国际标准")
    NATIONAL = "national", _("国家标准")
    INDUSTRY = "industry", _("行业标准")
    LOCAL = "local", _("地方标准")
    GROUP = "group", _("团体标准")


class InstitutionKind(models.TextChoices):
    KEY_LAB = "key_lab", _("重点实验室")
    ENG_TECH_CENTER = "eng_tech_center", _("工程技术研究中心")
    ENG_LAB = "eng_lab", _("工程实验室")
    ENG_RESEARCH_CENTER = "eng_research_center", _("工程研究中心")
    ENTERPRISE_TECH_CENTER = "enterprise_tech_center", _("企业技术中心")
    INTL_JOINT_CENTER = "intl_joint_center", _("国际联合研究中心")
    ACADEMICIAN_STATION = "academician_station", _("院士工作站")
    POSTDOC_STATION = "postdoc_station", _("博士后工作站")
    RESEARCH_INSTITUTE = "research_institute", _("企业研究院")
    OTHER = "other", _("其他")


class IncidentKind(models.TextChoices):
    SAFETY_QUALITY = "safety_quality_accident", _("重大安全、质量事故")
    ENVIRONMENTAL = "environmental_violation", _("严重环境违法行为")
    INTEGRITY = "integrity_breach", _("严重科研失信行为")
    ABNORMAL_LIST = "abnormal_operation_list", _("列入经营异常名录")
    VIOLATION_LIST = "serious_violation_list", _("列入严重违法失信名单")
