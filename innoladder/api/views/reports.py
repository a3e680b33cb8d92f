"""Statistics tables and work-report figures, from the reports app's own selectors (nothing recomputed)."""

from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from innoladder.reports import selectors, statistics

from .. import serializers as s
from .base import ApiView, errors, query_int


def _cell(value):
    """Money and ratios as decimal strings (never binary floats), as everywhere in the API."""
    return str(value) if isinstance(value, Decimal) else value


def _require_reader(user) -> None:
    """Reports are the bureau's: who may read no park gets 404, as on the web pages."""
    if not selectors.parks_for(user).exists():
        raise Http404


class Statistics(ApiView):
    audit_type = "reports.Statistics"

    @extend_schema(
        summary="统计报表 / Statistics tables",
        description="与网页统计报表相同的各表（按梯度、培育库、行业、技术领域、月份），金额为万元。\n\n"
        "The statistics tables of the web page (by tier, pool, industry, tech field, month); money in 万元.",
        parameters=[
            OpenApiParameter("park", OpenApiTypes.INT, description="园区 id（默认您的第一个园区）"),
            OpenApiParameter("year", OpenApiTypes.INT, description="年度（默认上一年）"),
        ],
        responses={200: s.StatisticsSerializer, **errors(400, 404)},
    )
    def get(self, request):
        user = request.user
        _require_reader(user)
        park_id = query_int(request, "park")
        park = selectors.park_get(user, park_id) if park_id else selectors.default_park(user)
        if park is None:
            raise Http404
        today = timezone.localdate()
        year = query_int(request, "year") or today.year - 1
        if not 2000 <= year <= today.year:
            raise exceptions.ValidationError({"year": [f"年度应在 2000 至 {today.year} 之间"]})
        tables = [
            {**table.__dict__, "rows": [[_cell(v) for v in row] for row in table.rows]}
            for table in statistics.all_tables(user, park, year)
        ]
        self.audited_object = park
        return Response(s.StatisticsSerializer({"park": park.pk, "year": year, "tables": tables}).data)


class ReportList(ApiView):
    audit_type = "reports.WorkReport"

    @extend_schema(
        summary="工作总结 / Work reports",
        description="您可读的园区（或区域）工作总结。\n\nThe work reports you may read.",
        responses={200: s.ReportSerializer(many=True), **errors(404)},
    )
    def get(self, request):
        _require_reader(request.user)
        return self.paged(
            selectors.report_list(request.user).order_by("-created_at", "-pk"), s.ReportSerializer
        )


class ReportDetail(ApiView):
    @extend_schema(
        summary="工作总结的数字及其行 id / Report figures with their row ids",
        description="报告中每个数字（事实）及其计数行的 id；只列您现在可见的行，其余计入 hidden_rows。\n\n"
        "Every figure of the report with the ids of the rows it counted, as far as you may see them now.",
        responses={200: s.ReportDetailSerializer, **errors(404)},
    )
    def get(self, request, pk: int):
        user = request.user
        _require_reader(user)
        self.audited_object = report = selectors.report_get(user, pk)
        figures = []
        for fact in selectors.report_facts(report):
            visible = [row.pk for row in selectors.fact_rows(user, fact)]
            figures.append(
                {
                    **fact.__dict__,
                    "sentence": fact.sentence,
                    "row_ids": visible,
                    "hidden_rows": len(fact.row_ids) - len(visible),
                }
            )
        report.figures = figures
        return Response(s.ReportDetailSerializer(report).data)
