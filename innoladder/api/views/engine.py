"""``POST /api/v1/assess``: the pure rules engine, facts in, verdicts out; nothing is stored."""

import json
from pathlib import Path

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, parsers
from rest_framework.response import Response

from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.eligibility import assess, assess_scheme, next_step_plan
from innoladder.eligibility.jsonio import FactsFormatError, load_document, results_to_dict
from innoladder.eligibility.registry import UnknownSchemeError

from .base import ApiView, errors, query_date

EXAMPLE = Path(__file__).resolve().parents[2] / "eligibility" / "examples" / "golmud_example.json"


class RawJSONParser(parsers.BaseParser):
    """Keeps the body as text: the engine reads numbers exactly (Decimal), never through binary floats."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read()


class Assess(ApiView):
    parser_classes = [RawJSONParser]

    @extend_schema(
        summary="按企业数据评估 / Assess facts",
        description="与命令行 `innoladder assess FILE.json` 相同：请求"
        "体为 docs/facts-format.md 所述的企业数据 JSON（可含 "
        "as_of 与 settings），返回各梯度的结论、逐项结果、差"
        "距与下一步建议；不保存任何数据。金额为元，用十进制字符串。\n\n"
        "As the command line `innoladder assess FILE.json`: the body is one enterprise's facts document "
        "(docs/facts-format.md), the answer every tier's verdict, criteria, gaps and the next-step plan. "
        "Nothing is stored.",
        parameters=[
            OpenApiParameter("on", OpenApiTypes.DATE, description="评估日期（数据中无 as_of 时必填）"),
            OpenApiParameter("scheme", OpenApiTypes.STR, description="只评估一个认定类型，如 hnte"),
        ],
        request={"application/json": OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample("格尔木示例企业", value=json.loads(EXAMPLE.read_text("utf-8")), request_only=True)
        ],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="{as_of, enterprise, results, plan}"),
            **errors(400),
        },
    )
    def post(self, request):
        raw = request.data
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
            facts, as_of, settings = load_document(text)
        except UnicodeDecodeError:
            raise exceptions.ValidationError({"detail": ["请求体不是 UTF-8 编码"]}) from None
        except (FactsFormatError, RecursionError) as error:
            raise exceptions.ValidationError({"detail": [f"输入错误：{error}"]}) from None
        on = query_date(request, "on", as_of)
        if on is None:
            raise exceptions.ValidationError({"on": ["数据中没有 as_of，请用 ?on=YYYY-MM-DD 指定评估日期"]})
        scheme = request.query_params.get("scheme", "")
        try:
            results = (assess_scheme(scheme, facts, on, settings),) if scheme else assess(facts, on, settings)
        except UnknownSchemeError as error:
            raise exceptions.ValidationError({"scheme": [str(error)]}) from None
        audit.record(
            AuditEvent.REPORT,
            user=request.user,
            object_type="eligibility.Facts",
            object_repr=f"{facts.name}（{facts.uscc}）",
            changes={"api": request.path, "on": on.isoformat(), "scheme": scheme},
            message="接口评估（不保存数据）",
        )
        return Response(results_to_dict(facts, on, results, next_step_plan(facts, results, on)))
