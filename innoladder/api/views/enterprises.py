"""Enterprises (with annual data, IP and recognitions) and their assessments, read through the registry's
and the assessments' own selectors."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from innoladder.assessments import candidates, snapshots
from innoladder.assessments import selectors as assessment_selectors
from innoladder.assessments.forms import CandidateFilterForm
from innoladder.assessments.models import SchemeResult
from innoladder.assessments.serialize import criterion_dict
from innoladder.core.scoping import VIEW, for_user
from innoladder.enterprises import selectors
from innoladder.enterprises.filtersets import EnterpriseFilterSet
from innoladder.enterprises.models import AnnualData, IPRecord
from innoladder.recognitions.models import Recognition

from .. import serializers as s
from .base import ANONYMOUS, ApiView, bound_filters, enterprise_parameter, errors, form_parameters, query_int


class EnterpriseList(ApiView):
    audit_type = "enterprises.Enterprise"

    @extend_schema(
        summary="企业名单 / Enterprises",
        description="与网页企业名单相同的筛选与排序（关键词、园区、行业、技术领域、培育库、标签、联系干部、状态）。"
        "\n\nThe same filters and sorting as the web registry list.",
        parameters=form_parameters(EnterpriseFilterSet(user=ANONYMOUS), dynamic=("park", "officer")),
        responses={200: s.EnterpriseListSerializer(many=True), **errors(400)},
    )
    def get(self, request):
        filterset, queryset = selectors.enterprise_search(request.user, request.query_params or None)
        bound_filters(filterset)
        return self.paged(queryset.prefetch_related(None).select_related("park"), s.EnterpriseListSerializer)


class EnterpriseDetail(ApiView):
    @extend_schema(
        summary="企业档案 / Enterprise",
        description="企业基本信息、各年度数据、知识产权与资质认定。\n\n"
        "The enterprise with its annual data, IP and recognitions.",
        responses={200: s.EnterpriseDetailSerializer, **errors(404)},
    )
    def get(self, request, pk: int):
        user = request.user
        queryset = selectors.enterprise_list(user).prefetch_related(
            Prefetch("annual_data", for_user(AnnualData.objects.order_by("year"), user, VIEW)),
            Prefetch("ip_records", for_user(IPRecord.objects.order_by("-granted_on", "pk"), user, VIEW)),
            Prefetch("recognitions", for_user(Recognition.objects.order_by("-issued_on", "pk"), user, VIEW)),
        )
        self.audited_object = enterprise = get_object_or_404(queryset, pk=pk)
        return Response(s.EnterpriseDetailSerializer(enterprise).data)


class AssessmentList(ApiView):
    audit_type = "assessments.Assessment"

    @extend_schema(
        summary="评估记录 / Assessments",
        description="一家企业的评估历史（最新在前）及各梯度结论。\n\nOne ente"
        "rprise's assessments, newest first.",
        parameters=[enterprise_parameter(required=True)],
        responses={200: s.AssessmentSerializer(many=True), **errors(400, 404)},
    )
    def get(self, request):
        enterprise = selectors.enterprise_get(request.user, query_int(request, "enterprise", required=True))
        queryset = assessment_selectors.assessment_history(request.user, enterprise).prefetch_related(
            "scheme_results"
        )
        return self.paged(queryset.order_by("-assessed_on", "-created_at", "-pk"), s.AssessmentSerializer)


class AssessmentDetail(ApiView):
    @extend_schema(
        summary="评估详情 / Assessment",
        description="各梯度的逐项结果（取值、门槛、是否满足、得分、理由、条款、差距），按保存的规则版本在保存的数据快照上"
        "重算，与网页一致。\n\nPer-criterion results and gaps, r"
        "e-explained from the stored snapshot as on the "
        "web page.",
        responses={200: s.AssessmentDetailSerializer, **errors(404)},
    )
    def get(self, request, pk: int):
        assessment = assessment_selectors.assessment_get(request.user, pk)
        self.audited_object = assessment
        rows = list(for_user(SchemeResult.objects.filter(assessment=assessment), request.user, VIEW))
        explained = snapshots.explain(assessment, rows)
        results = []
        for row in rows:
            result = explained.results.get(row.pk)
            row.criteria = [criterion_dict(item) for item in result.criteria] if result else []
            row.gap = (
                candidates.candidate_gap(result, explained.facts, assessment.assessed_on) if result else None
            )
            results.append(row)
        assessment.results = results
        return Response(s.AssessmentDetailSerializer(assessment).data)


class CandidateList(ApiView):
    audit_type = "assessments.SchemeResult"

    @extend_schema(
        summary="梯度候选企业 / Candidates per tier",
        description="与网页“梯度候选”相同：各企业最近一次评估中某一梯度的结论，满足者在前，接近者按差距排序。企业用户不可用（404）。"
        "\n\nThe candidates list of one tier, nearest first,"
        " as on the web page. Not for enterprise users (404).",
        parameters=form_parameters(
            CandidateFilterForm(parks=None, default_scheme=assessment_selectors.DEFAULT_SCHEME)
        ),
        responses={200: s.CandidateSerializer(many=True), **errors(400, 404)},
    )
    def get(self, request):
        user = request.user
        if not assessment_selectors.may_see_candidates(user):
            raise exceptions.NotFound()
        form = CandidateFilterForm(
            request.query_params or None,
            parks=assessment_selectors.parks_for(user),
            default_scheme=assessment_selectors.DEFAULT_SCHEME,
        )
        if form.scheme_error:
            raise exceptions.ValidationError({"scheme": ["未知的认定类型"]})
        bound_filters(form)
        return self.paged(assessment_selectors.candidate_list(user, form.filters()), s.CandidateSerializer)
