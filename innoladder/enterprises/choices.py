from django.db import models


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", "在园"
    MOVED_OUT = "moved_out", "已迁出"
    DEREGISTERED = "deregistered", "已注销"


class SizeClass(models.TextChoices):
    LARGE = "large", "大型"
    MEDIUM = "medium", "中型"
    SMALL = "small", "小型"
    MICRO = "micro", "微型"


class TechField(models.TextChoices):
    """国家重点支持的高新技术领域 (2016), the 8 fields."""

    ELECTRONIC_INFO = "1", "电子信息"
    BIO_MEDICINE = "2", "生物与新医药"
    AEROSPACE = "3", "航空航天"
    NEW_MATERIALS = "4", "新材料"
    HITECH_SERVICES = "5", "高技术服务"
    NEW_ENERGY = "6", "新能源与节能"
    RESOURCES_ENVIRONMENT = "7", "资源与环境"
    ADVANCED_MANUFACTURING = "8", "先进制造与自动化"


class Pool(models.TextChoices):
    """Park cultivation pools (梯度培育库), lowest to highest."""

    NONE = "", "未入库"
    RESERVE = "reserve", "储备/潜力库"
    TIER1 = "tier1", "科技型/创新型培育库"
    HNTE_CANDIDATE = "hnte_candidate", "高企培育库"
    TIER3 = "tier3", "高企/专精特新库"
    TIER4 = "tier4", "小巨人库"


class DataSource(models.TextChoices):
    MANUAL = "manual", "手工录入"
    IMPORT = "import", "Excel导入"
    COLLECTION = "collection", "年度填报"
    LEDGER = "ledger", "研发辅助账"
    DEMO = "demo", "演示数据"


class IPKind(models.TextChoices):
    INVENTION_PATENT = "invention_patent", "发明专利"
    DEFENCE_PATENT = "defence_patent", "国防专利"
    UTILITY_MODEL = "utility_model", "实用新型"
    DESIGN_PATENT = "design_patent", "外观设计"
    SOFTWARE_COPYRIGHT = "software_copyright", "软件著作权"
    IC_LAYOUT = "ic_layout", "集成电路布图设计"
    PLANT_VARIETY = "plant_variety", "植物新品种"
    CROP_VARIETY = "crop_variety", "国家级农作物品种"
    NEW_DRUG = "new_drug", "国家新药"
    TCM_PROTECTED = "tcm_protected", "国家一级中药保护品种"
    OTHER = "other", "其他"


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
    PENDING = "pending", "申请中"
    VALID = "valid", "有效"
    LAPSED = "lapsed", "失效"
    EXPIRED = "expired", "期满"


class IPAcquisition(models.TextChoices):
    SELF = "self", "自主研发"
    TRANSFERRED = "transferred", "受让"
    GIFT = "gift", "受赠"
    MERGER = "merger", "并购"


class Level(models.TextChoices):
    INTERNATIONAL = "international", "国际"
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    MUNICIPAL = "municipal", "市级"
    PARK = "park", "园区级"


class AwardKind(models.TextChoices):
    SCI_TECH = "sci_tech", "科学技术奖"
    PATENT = "patent", "专利奖"
    CKZG = "ckzg", "创客中国"
    INDUSTRY = "industry", "行业奖项"
    OTHER = "other", "其他"


class StandardLevel(models.TextChoices):
    INTERNATIONAL = "international", "国际标准"
    NATIONAL = "national", "国家标准"
    INDUSTRY = "industry", "行业标准"
    LOCAL = "local", "地方标准"
    GROUP = "group", "团体标准"


class InstitutionKind(models.TextChoices):
    KEY_LAB = "key_lab", "重点实验室"
    ENG_TECH_CENTER = "eng_tech_center", "工程技术研究中心"
    ENG_LAB = "eng_lab", "工程实验室"
    ENG_RESEARCH_CENTER = "eng_research_center", "工程研究中心"
    ENTERPRISE_TECH_CENTER = "enterprise_tech_center", "企业技术中心"
    INTL_JOINT_CENTER = "intl_joint_center", "国际联合研究中心"
    ACADEMICIAN_STATION = "academician_station", "院士工作站"
    POSTDOC_STATION = "postdoc_station", "博士后工作站"
    RESEARCH_INSTITUTE = "research_institute", "企业研究院"
    OTHER = "other", "其他"


class IncidentKind(models.TextChoices):
    SAFETY_QUALITY = "safety_quality_accident", "重大安全、质量事故"
    ENVIRONMENTAL = "environmental_violation", "严重环境违法行为"
    INTEGRITY = "integrity_breach", "严重科研失信行为"
    ABNORMAL_LIST = "abnormal_operation_list", "列入经营异常名录"
    VIOLATION_LIST = "serious_violation_list", "列入严重违法失信名单"
