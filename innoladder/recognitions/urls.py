from django.urls import path

from innoladder.core import viewkit as vk

from . import views, views_calendar

urlpatterns = [
    *vk.routes(
        "recognition",
        list=views.RecognitionListView.as_view(),
        create=views.recognition_create,
        detail=views.recognition_detail,
        edit=views.recognition_edit,
    ),
    path("<int:pk>/end/", views.RecognitionEndView.as_view(), name="recognition_end"),
    path("<int:pk>/certificate/", views.recognition_certificate, name="recognition_certificate"),
    path("<int:pk>/annual-reports/", views.AnnualReportAddView.as_view(), name="annual_report_add"),
    path("<int:pk>/changes/", views.ChangeEventAddView.as_view(), name="change_event_add"),
    path("changes/<int:pk>/reported/", views.change_event_reported, name="change_event_reported"),
    *vk.routes(
        "batch",
        "batches/",
        list=views.BatchListView.as_view(),
        create=views.batch_edit,
        detail=views.batch_detail,
        edit=views.batch_edit,
    ),
    *vk.routes(
        "application",
        "applications/",
        list=views.ApplicationListView.as_view(),
        create=views.application_create,
        detail=views.application_detail,
        transition=views.ApplicationTransitionView.as_view(),
    ),
    path(
        "applications/<int:pk>/documents/",
        views.ApplicationDocumentUploadView.as_view(),
        name="application_document_upload",
    ),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("obligations/", views_calendar.obligation_list, name="obligation_list"),
    path("obligations/reminders/", views_calendar.reminders_send, name="reminders_send"),
    path("notifications/", views_calendar.notification_list, name="notification_list"),
    path("notifications/read/", views_calendar.notification_read, name="notification_read_all"),
    path("notifications/<int:pk>/read/", views_calendar.notification_read, name="notification_read"),
    path("pipeline/", views_calendar.pipeline_view, name="pipeline"),
    path("pipeline/list/", views_calendar.pipeline_list, name="pipeline_list"),
]
