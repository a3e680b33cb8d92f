from django.urls import path

from innoladder.core import viewkit as vk

from . import views

urlpatterns = [
    *vk.routes(
        "campaign", list=views.campaign_list, create=views.campaign_create, detail=views.campaign_detail
    ),
    path("<int:pk>/remind/", views.campaign_remind, name="campaign_remind"),
    path("<int:pk>/apply-import/", views.campaign_apply_import, name="campaign_apply_import"),
    path("<int:pk>/export/", views.campaign_export, name="campaign_export"),
    path("forms/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("forms/<int:pk>/return/", views.submission_return, name="submission_return"),
    path("forms/<int:pk>/accept/", views.submission_accept, name="submission_accept"),
    path("forms/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
