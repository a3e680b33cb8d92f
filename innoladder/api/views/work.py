"""Service records (visits, requests), the annual data submissions and the obligations calendar. Writes go
through the web forms (their validation and scoped choices) and the apps' services (their audit)."""

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from innoladder.accounts.choices import Role
from innoladder.collection import selectors as collection_selectors
from innoladder.collection import services as collection_services
from innoladder.collection.choices import SubmissionStatus
from innoladder.core import obligations
from innoladder.core.scoping import CHANGE, VIEW, for_user
from innoladder.core.services import StaleEditError
from innoladder.core.viewkit.access import require_writer
from innoladder.enterprises.models import Enterprise
from innoladder.services import selectors, services
from innoladder.services.filtersets import RequestFilterSet, VisitFilterSet
from innoladder.services.forms import RequestForm, VisitForm
from innoladder.services.models import EnterpriseRequest, Visit

from .. import serializers as s
from .base import (
    ApiView,
    errors,
    query_date,
    query_int,
    web_filtered,
    web_form_cleaned,
    web_list_schema,
)

OBLIGATION_MAX_DAYS = 366


def _refused(exc: DjangoValidationError):
    return exceptions.ValidationError({"detail": exc.messages})


class VisitList(ApiView):
    audit_type = "services.Visit"

    @web_list_schema("走访记录", "Visits", VisitFilterSet, Visit, s.VisitSerializer)
    def get(self, request):
        queryset = web_filtered(VisitFilterSet, request, selectors.visit_list(request.user))
        page = self.paginate_queryset(queryset.order_by("-visited_on", "-pk"))
        return self.get_paginated_response(
            s.VisitSerializer(
                page, many=True, context={"visible_enterprise_ids": _visible(request, page)}
            ).data
        )

    @extend_schema(
        summary="新增走访记录 / Record a visit",
        description="与网页表单相同的校验；服务机构、园区工作人员与园区管理员可用。"
        "\n\nValidated as the web form; "
        "for officers, agencies and park administrators.",
        request=s.VisitWriteSerializer,
        responses={201: s.VisitSerializer, **errors(400, 404)},
    )
    def post(self, request):
        require_writer(request.user)
        data = web_form_cleaned(s.VisitWriteSerializer, VisitForm, request)
        try:
            visit = services.visit_create(
                user=request.user,
                enterprises=list(data.pop("enterprises")),
                staff=list(data.pop("staff")),
                **data,
            )
        except DjangoValidationError as exc:
            raise _refused(exc) from exc
        context = {"visible_enterprise_ids": _visible(request, [visit])}
        return Response(s.VisitSerializer(visit, context=context).data, status=status.HTTP_201_CREATED)


def _visible(request, visits) -> set[int]:
    """The enterprises of these visits the user may see (one query for the page)."""
    ids = {e.pk for visit in visits for e in visit.enterprises.all()}
    return set(
        for_user(Enterprise.objects.filter(pk__in=ids), request.user, VIEW).values_list("pk", flat=True)
    )


class VisitDetail(ApiView):
    @extend_schema(summary="走访记录详情 / Visit", responses={200: s.VisitSerializer, **errors(404)})
    def get(self, request, pk: int):
        self.audited_object = visit = selectors.visit_get(request.user, pk)
        return Response(
            s.VisitSerializer(visit, context={"visible_enterprise_ids": _visible(request, [visit])}).data
        )


class RequestList(ApiView):
    audit_type = "services.EnterpriseRequest"

    @web_list_schema("企业诉求", "Requests", RequestFilterSet, EnterpriseRequest, s.RequestSerializer)
    def get(self, request):
        queryset = web_filtered(RequestFilterSet, request, selectors.request_list(request.user))
        return self.paged(queryset.order_by("-raised_on", "-pk"), s.RequestSerializer)

    @extend_schema(
        summary="提出诉求 / Raise a request",
        description="与网页表单相同。企业用户只为本企业提出（enterprise、visi"
        "t、department、responsible、raised_on "
        "由系统确定）。\n\nAs the web form. An enterprise user raises its own enterprise's requests.",
        request=s.RequestWriteSerializer,
        responses={201: s.RequestDetailSerializer, **errors(400, 404)},
    )
    def post(self, request):
        user = request.user
        if user.role == Role.ENTERPRISE:
            if user.enterprise_id is None:
                raise Http404
        else:
            require_writer(user)
        data = web_form_cleaned(s.RequestWriteSerializer, RequestForm, request)
        if user.role == Role.ENTERPRISE:
            data["enterprise"] = user.enterprise
        try:
            created = services.request_create(user=user, **data)
        except DjangoValidationError as exc:
            raise _refused(exc) from exc
        return Response(s.RequestDetailSerializer(created).data, status=status.HTTP_201_CREATED)


class RequestDetail(ApiView):
    @extend_schema(summary="诉求详情 / Request", responses={200: s.RequestDetailSerializer, **errors(404)})
    def get(self, request, pk: int):
        self.audited_object = found = selectors.request_get(request.user, pk)
        return Response(s.RequestDetailSerializer(found).data)


SUBMISSION_PARAMETERS = [
    OpenApiParameter("campaign", OpenApiTypes.INT, description="填报任务 id"),
    OpenApiParameter("status", OpenApiTypes.STR, enum=SubmissionStatus.values, description="状态"),
]


class SubmissionList(ApiView):
    audit_type = "collection.Submission"

    @extend_schema(
        summary="年度数据填报 / Annual data submissions",
        description="您可见的各填报任务中的企业填报表。\n\nThe annual data forms you may see.",
        parameters=SUBMISSION_PARAMETERS,
        responses={200: s.SubmissionSerializer(many=True), **errors(400)},
    )
    def get(self, request):
        queryset = collection_selectors.submission_list(request.user)
        campaign = query_int(request, "campaign")
        if campaign is not None:
            queryset = queryset.filter(campaign_id=campaign)
        state = request.query_params.get("status", "")
        if state:
            if state not in SubmissionStatus.values:
                raise exceptions.ValidationError({"status": ["未知的状态"]})
            queryset = queryset.filter(status=state)
        return self.paged(
            queryset.order_by("-campaign__fiscal_year", "campaign_id", "pk"), s.SubmissionSerializer
        )


class SubmissionDetail(ApiView):
    @extend_schema(summary="填报表 / Submission", responses={200: s.SubmissionSerializer, **errors(404)})
    def get(self, request, pk: int):
        self.audited_object = found = collection_selectors.submission_get(request.user, pk)
        return Response(s.SubmissionSerializer(found).data)

    @extend_schema(
        summary="保存或提交年度数据 / Save or submit annual data",
        description="与网页填报相同：同样的校验与合理性提示、乐观锁（version）和审计。金额按万元填写。提交须确认全部提示"
        "（confirmed_warnings 填提示的 key）并承诺（declaration）。版本已变为 409。\n\n"
        "As the web form: the same checks and warnings, optimistic locking on `version`, and audit. Money in "
        "万元 (10,000 yuan). Submitting needs every warning co"
        "nfirmed and the declaration. A stale version is 409.",
        request=s.SubmissionWriteSerializer,
        responses={
            200: s.SubmissionResultSerializer,
            400: OpenApiResponse(s.SubmissionErrorSerializer, description="数据有误 / invalid data"),
            409: OpenApiResponse(s.ErrorSerializer, description="已被他人修改 / changed meanwhile"),
            **errors(404),
        },
    )
    def put(self, request, pk: int):
        user = request.user
        submission = collection_selectors.submission_get(user, pk)
        may_fill = (
            collection_selectors.submission_list(user, CHANGE).filter(pk=pk).exists()
            and user.role != Role.AUDITOR
        )
        if not may_fill:
            raise Http404
        incoming = s.SubmissionWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        raw = {f: data["values"].get(f, "") for f in submission.campaign.fields}
        try:
            problems, warnings = collection_services.submission_save(
                user=user,
                submission=submission,
                raw=raw,
                submit=data["submit"],
                confirmed_warnings=data.get("confirmed_warnings", []),
                declaration=data["declaration"],
                expected_version=data["version"],
            )
        except StaleEditError as exc:
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as exc:
            raise _refused(exc) from exc
        if problems:
            body = {
                "detail": "；".join(p.message for p in problems),
                "problems": s.ProblemSerializer(problems, many=True).data,
                "warnings": s.ProblemSerializer(warnings, many=True).data,
            }
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        submission.refresh_from_db()
        return Response(
            {
                "submission": s.SubmissionSerializer(submission).data,
                "warnings": s.ProblemSerializer(warnings, many=True).data,
            }
        )


class ObligationList(ApiView):
    audit_type = "core.Obligation"

    @extend_schema(
        summary="保存量事项 / Obligations",
        description=f"到期事项日历（年报、复审、项目节点…），默认今天起 90 天，跨"
        f"度最长 {OBLIGATION_MAX_DAYS} 天。\n\n"
        f"Deadlines in a period (default: the next 90 days; at most {OBLIGATION_MAX_DAYS} days).",
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, description="起始日期（含）"),
            OpenApiParameter("end", OpenApiTypes.DATE, description="截止日期（含）"),
        ],
        responses={200: s.ObligationSerializer(many=True), **errors(400)},
    )
    def get(self, request):
        today = timezone.localdate()
        start = query_date(request, "start", today)
        end = query_date(request, "end", start + dt.timedelta(days=90))
        if end < start or (end - start).days > OBLIGATION_MAX_DAYS:
            raise exceptions.ValidationError(
                {"end": [f"截止日期应在起始日期之后 {OBLIGATION_MAX_DAYS} 天内"]}
            )
        return self.paged(obligations.gather(request.user, start, end), s.ObligationSerializer)
