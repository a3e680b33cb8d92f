from django.contrib import admin
from django.urls import include, path

from innoladder.core import views as core_views

urlpatterns = [
    path("", include("innoladder.core.urls")),
    path("accounts/", include("innoladder.accounts.urls")),
    path("enterprises/", include("innoladder.enterprises.urls")),
    path("assessments/", include("innoladder.assessments.urls")),
    path("recognitions/", include("innoladder.recognitions.urls")),
    path("imports/", include("innoladder.imports.urls")),
    path("rnd/", include("innoladder.rnd.urls")),
    path("projects/", include("innoladder.projects.urls")),
    path("services/", include("innoladder.services.urls")),
    path("cooperation/", include("innoladder.cooperation.urls")),
    path("funding/", include("innoladder.funding.urls")),
    path("policies/", include("innoladder.policies.urls")),
    path("reports/", include("innoladder.reports.urls")),
    path("collection/", include("innoladder.collection.urls")),
    path("contracts/", include("innoladder.contracts.urls")),
    path("ruletables/", include("innoladder.ruletables.urls")),
    path("exchange/", include("innoladder.exchange.urls")),
    path("api/", include("innoladder.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # System configuration (Django admin): no login of its own, see accounts/adminsite.py.
    path("sysadmin/", admin.site.urls),
]

handler403 = core_views.error_403
handler404 = core_views.error_404
handler500 = core_views.error_500
