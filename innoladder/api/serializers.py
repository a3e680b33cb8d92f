"""What the API returns and accepts. Serializers only shape data: reads come from selectors, writes go
through the apps' own forms and services (views.py), so validation and audit are those of the web pages."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from rest_framework import serializers

from innoladder.collection.models import Submission
from innoladder.enterprises.models import AnnualData, Enterprise, IPRecord
from innoladder.enterprises.services import ANNUAL_FIELDS
from innoladder.recognitions.models import Recognition
from innoladder.services.models import EnterpriseRequest, RequestHistory, Visit


class ReadModelSerializer(serializers.ModelSerializer):
    """Output only, so without the model fields' integer range checks: those are the database's ranges
    (they differ between SQLite and PostgreSQL), and the committed schema is one for both."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs.pop("min_value", None)
        kwargs.pop("max_value", None)
        ranges = (MinValueValidator, MaxValueValidator)
        kwargs["validators"] = [v for v in kwargs.get("validators", []) if not isinstance(v, ranges)]
        return field_class, kwargs


class AnnualDataSerializer(ReadModelSerializer):
    class Meta:
        model = AnnualData
        fields = ["year", *ANNUAL_FIELDS, "source", "source_note", "confirmed_at", "version"]


class IPRecordSerializer(ReadModelSerializer):
    class Meta:
        model = IPRecord
        fields = [
            "id",
            "kind",
            "number",
            "title",
            "applied_on",
            "granted_on",
            "status",
            "expires_on",
            "acquisition",
            "core_to_main_product",
        ]


class RecognitionSerializer(ReadModelSerializer):
    status = serializers.SerializerMethodField(help_text="按今天的日期判断的状态（有效、即将到期、已到期…）")

    class Meta:
        model = Recognition
        fields = [
            "id",
            "scheme",
            "scheme_name",
            "level",
            "number",
            "issued_on",
            "valid_until",
            "revoked_on",
            "cancelled_on",
            "status",
        ]

    def get_status(self, obj) -> str:
        return obj.status_on(timezone.localdate())


ENTERPRISE_LIST_FIELDS = [
    "id",
    "uscc",
    "name",
    "park",
    "park_name",
    "sub_zone",
    "industry_code",
    "industry_name",
    "tech_field",
    "size_class",
    "pool",
    "status",
    "registered_on",
    "tags",
    "updated_at",
    "version",
]


class EnterpriseListSerializer(ReadModelSerializer):
    park_name = serializers.CharField(source="park.name", read_only=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Enterprise
        fields = ENTERPRISE_LIST_FIELDS


class EnterpriseDetailSerializer(EnterpriseListSerializer):
    former_names = serializers.ListField(child=serializers.CharField(), read_only=True)
    annual_data = AnnualDataSerializer(many=True, read_only=True)
    ip_records = IPRecordSerializer(many=True, read_only=True)
    recognitions = RecognitionSerializer(many=True, read_only=True)

    class Meta:
        model = Enterprise
        fields = [
            *ENTERPRISE_LIST_FIELDS,
            "former_names",
            "legal_representative",
            "registered_capital",
            "address",
            "tech_subfield",
            "strategic_emerging",
            "main_products",
            "contact_name",
            "contact_phone",
            "contact_email",
            "status_changed_on",
            "annual_data",
            "ip_records",
            "recognitions",
        ]


# --- assessments and candidates --------------------------------------------------------------------


class GapSerializer(serializers.Serializer):
    kind = serializers.CharField()
    amount = serializers.CharField(help_text="差额（十进制字符串）")
    unit = serializers.CharField()
    text = serializers.CharField()


class CriterionSerializer(serializers.Serializer):
    """One condition or scored indicator: value, threshold, pass/fail, points, reason, clause and gap."""

    code = serializers.CharField()
    name_zh = serializers.CharField()
    group = serializers.CharField()
    status = serializers.CharField(help_text="pass / fail / insufficient_data / …")
    value = serializers.JSONField(allow_null=True, help_text="取值：数值为十进制字符串，日期为 ISO 字符串")
    value_text = serializers.CharField(allow_blank=True)
    threshold_text = serializers.CharField(allow_blank=True)
    points = serializers.CharField(allow_null=True)
    points_max = serializers.CharField(allow_null=True)
    points_range = serializers.ListField(child=serializers.CharField(), allow_null=True)
    reason = serializers.CharField(allow_blank=True)
    clause = serializers.CharField(allow_blank=True)
    gap = GapSerializer(allow_null=True)


class CandidateGapItemSerializer(serializers.Serializer):
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    unit = serializers.CharField()


class CandidateGapSerializer(serializers.Serializer):
    """What the enterprise lacks for the tier (the candidates list's 差距 column)."""

    text = serializers.CharField()
    gaps = CandidateGapItemSerializer(many=True)
    unmet = serializers.ListField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.CharField())


class SchemeResultSerializer(serializers.Serializer):
    scheme = serializers.CharField()
    ruleset_version = serializers.CharField()
    outcome = serializers.CharField()
    standing = serializers.CharField()
    score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    score_low = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    score_high = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    met_count = serializers.IntegerField()
    total_count = serializers.IntegerField()
    conditions_met = serializers.IntegerField()
    conditions_total = serializers.IntegerField()
    unmet = serializers.IntegerField()
    data_year = serializers.IntegerField(allow_null=True)


class SchemeResultDetailSerializer(SchemeResultSerializer):
    criteria = CriterionSerializer(many=True, help_text="逐项结果（按保存的规则版本在保存的数据快照上重算）")
    gap = CandidateGapSerializer(allow_null=True)


class AssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    enterprise = serializers.IntegerField(source="enterprise_id")
    assessed_on = serializers.DateField()
    data_year = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    results = SchemeResultSerializer(many=True, source="scheme_results.all")


class AssessmentDetailSerializer(AssessmentSerializer):
    results = SchemeResultDetailSerializer(many=True)


class CandidateSerializer(SchemeResultSerializer):
    id = serializers.IntegerField()
    enterprise = serializers.IntegerField(source="enterprise_id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    park = serializers.IntegerField(source="enterprise.park_id")
    assessment = serializers.IntegerField(source="assessment_id")
    assessed_on = serializers.DateField(source="assessment.assessed_on")
    gap = CandidateGapSerializer(allow_null=True)


# --- obligations, services, collection, reports ------------------------------------------------------


class ObligationSerializer(serializers.Serializer):
    key = serializers.CharField()
    due_on = serializers.DateField()
    kind = serializers.CharField()
    title = serializers.CharField()
    enterprise = serializers.IntegerField(source="enterprise_id", allow_null=True)
    enterprise_name = serializers.CharField()
    note = serializers.CharField(allow_blank=True)


class VisitSerializer(ReadModelSerializer):
    enterprises = serializers.SerializerMethodField(help_text="您可见的走访企业 id")
    staff = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Visit
        fields = [
            "id",
            "visited_on",
            "enterprises",
            "staff",
            "staff_names",
            "department",
            "agency",
            "topics",
            "notes",
            "follow_up",
            "version",
        ]

    def get_enterprises(self, obj) -> list[int]:
        visible = self.context["visible_enterprise_ids"]
        return [e.pk for e in obj.enterprises.all() if e.pk in visible]


# Row ids: the databases' 64-bit integers (a larger number is no id, and SQLite refuses to compare it).
MAX_ID = 2**63 - 1


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class VisitWriteSerializer(serializers.Serializer):
    """A new visit record: the fields of the web form (services.forms.VisitForm), validated by it."""

    visited_on = serializers.DateField()
    enterprises = serializers.ListField(child=_id(), min_length=1)
    staff = serializers.ListField(child=_id(), required=False)
    department = serializers.CharField(required=False, allow_blank=True, max_length=100)
    agency = _id(required=False, allow_null=True)
    topics = serializers.ListField(child=serializers.CharField(), min_length=1)
    notes = serializers.CharField(required=False, allow_blank=True)
    follow_up = serializers.CharField(required=False, allow_blank=True)


class RequestHistorySerializer(ReadModelSerializer):
    class Meta:
        model = RequestHistory
        fields = ["from_status", "to_status", "at", "comment"]


class RequestSerializer(ReadModelSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = EnterpriseRequest
        fields = [
            "id",
            "enterprise",
            "category",
            "category_name",
            "title",
            "description",
            "raised_on",
            "visit",
            "department",
            "responsible",
            "due_on",
            "status",
            "overdue",
            "return_reason",
            "resolution",
            "resolved_on",
            "satisfaction",
            "version",
        ]


class RequestDetailSerializer(RequestSerializer):
    history = RequestHistorySerializer(many=True, read_only=True)

    class Meta(RequestSerializer.Meta):
        fields = [*RequestSerializer.Meta.fields, "history"]


class RequestWriteSerializer(serializers.Serializer):
    """A new request: the fields of the web form (services.forms.RequestForm). An enterprise user raises
    its own requests: enterprise, visit, department, responsible and raised_on are set for it."""

    enterprise = _id(required=False)
    category = _id()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    raised_on = serializers.DateField(required=False, allow_null=True)
    visit = _id(required=False, allow_null=True)
    department = serializers.CharField(required=False, allow_blank=True, max_length=100)
    responsible = serializers.CharField(required=False, allow_blank=True, max_length=50)


class SubmissionSerializer(ReadModelSerializer):
    campaign_title = serializers.CharField(source="campaign.title", read_only=True)
    fiscal_year = serializers.IntegerField(source="campaign.fiscal_year", read_only=True)
    fields = serializers.ListField(source="campaign.fields", child=serializers.CharField(), read_only=True)
    deadline = serializers.DateField(source="campaign.deadline", read_only=True)
    data = serializers.DictField(child=serializers.CharField(allow_blank=True), read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "campaign",
            "campaign_title",
            "fiscal_year",
            "deadline",
            "enterprise",
            "status",
            "fields",
            "data",
            "confirmed_warnings",
            "declaration",
            "submitted_at",
            "version",
        ]


class SubmissionWriteSerializer(serializers.Serializer):
    """Save a draft or submit, as the 填报 page does: values typed as on the form (money in 万元)."""

    values = serializers.DictField(child=serializers.CharField(allow_blank=True))
    submit = serializers.BooleanField(default=False)
    confirmed_warnings = serializers.ListField(child=serializers.CharField(), required=False)
    declaration = serializers.BooleanField(default=False)
    version = serializers.IntegerField(min_value=0, max_value=MAX_ID, help_text="读取时的版本号（乐观锁）")


class ProblemSerializer(serializers.Serializer):
    key = serializers.CharField()
    field = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class SubmissionResultSerializer(serializers.Serializer):
    submission = SubmissionSerializer()
    warnings = ProblemSerializer(many=True)


class StatisticsTableSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    headers = serializers.ListField(child=serializers.CharField())
    kinds = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=serializers.JSONField(allow_null=True)))
    note = serializers.CharField(allow_blank=True)


class StatisticsSerializer(serializers.Serializer):
    park = serializers.IntegerField()
    year = serializers.IntegerField()
    tables = StatisticsTableSerializer(many=True)


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    park = serializers.IntegerField(source="park_id", allow_null=True)
    region = serializers.SerializerMethodField(help_text="区域报告的区域 id（园区报告为 null）")
    title = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    created_at = serializers.DateTimeField()

    def get_region(self, obj) -> int | None:
        return getattr(obj, "region_id", None)


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    section = serializers.CharField()
    label = serializers.CharField()
    sentence = serializers.CharField()
    figure = serializers.CharField()
    count = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    model = serializers.CharField(allow_blank=True)
    row_ids = serializers.ListField(child=serializers.IntegerField(), help_text="您现在可见的计数行 id")
    hidden_rows = serializers.IntegerField(help_text="计数时包含、但您现在不可见的行数")


class ReportDetailSerializer(ReportSerializer):
    figures = FigureSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="中文错误说明 / what went wrong, in Chinese")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="字段错误：{字段: [说明…]} / field errors",
    )


class SubmissionErrorSerializer(ErrorSerializer):
    problems = ProblemSerializer(many=True, help_text="填报校验问题（字段、说明）")
    warnings = ProblemSerializer(many=True, help_text="合理性提示：提交前须逐项确认（confirmed_warnings）")
