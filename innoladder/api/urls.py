"""/api/v1/: the REST API, its OpenAPI schema and its docs page (Swagger UI served from local files)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from . import web
from .views import engine, enterprises, reports, work

app_name = "api"
PUBLIC = {"authentication_classes": [], "permission_classes": [AllowAny], "throttle_classes": []}

v1 = [
    path("enterprises/", enterprises.EnterpriseList.as_view(), name="enterprise_list"),
    path("enterprises/<int:pk>/", enterprises.EnterpriseDetail.as_view(), name="enterprise_detail"),
    path("assessments/", enterprises.AssessmentList.as_view(), name="assessment_list"),
    path("assessments/<int:pk>/", enterprises.AssessmentDetail.as_view(), name="assessment_detail"),
    path("candidates/", enterprises.CandidateList.as_view(), name="candidate_list"),
    path("obligations/", work.ObligationList.as_view(), name="obligation_list"),
    path("visits/", work.VisitList.as_view(), name="visit_list"),
    path("visits/<int:pk>/", work.VisitDetail.as_view(), name="visit_detail"),
    path("requests/", work.RequestList.as_view(), name="request_list"),
    path("requests/<int:pk>/", work.RequestDetail.as_view(), name="request_detail"),
    path("submissions/", work.SubmissionList.as_view(), name="submission_list"),
    path("submissions/<int:pk>/", work.SubmissionDetail.as_view(), name="submission_detail"),
    path("statistics/", reports.Statistics.as_view(), name="statistics"),
    path("reports/", reports.ReportList.as_view(), name="report_list"),
    path("reports/<int:pk>/", reports.ReportDetail.as_view(), name="report_detail"),
    path("assess", engine.Assess.as_view(), name="assess"),
    # The schema and its docs page hold no data: open to anyone, like the login page.
    path("schema/", SpectacularAPIView.as_view(**PUBLIC), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html", **PUBLIC
        ),
        name="docs",
    ),
    # Any other path under /api/v1/ answers as the API does (JSON), not with the site's HTML 404 page.
    re_path(r"^.*$", web.api_not_found),
]

urlpatterns = [
    path("v1/", include(v1)),
    # The page where a signed-in user issues and revokes their own tokens (a web page, not the API).
    path("tokens/", web.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", web.token_revoke, name="token_revoke"),
]
