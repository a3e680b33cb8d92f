from django.urls import path

from . import views, views_calendar

urlpatterns = [
    path("", views.RecognitionListView.as_view(), name="recognition_list"),
    path("new/", views.recognition_create, name="recognition_create"),
    path("<int:pk>/", views.recognition_detail, name="recognition_detail"),
    path("<int:pk>/edit/", views.recognition_edit, name="recognition_edit"),
    path("<int:pk>/end/", views.RecognitionEndView.as_view(), name="recognition_end"),
    path("<int:pk>/certificate/", views.recognition_certificate, name="recognition_certificate"),
    path("<int:pk>/annual-reports/", views.AnnualReportAddView.as_view(), name="annual_report_add"),
    path("<int:pk>/changes/", views.ChangeEventAddView.as_view(), name="change_event_add"),
    path("changes/<int:pk>/reported/", views.change_event_reported, name="change_event_reported"),
    path("batches/", views.BatchListView.as_view(), name="batch_list"),
    path("batches/new/", views.batch_edit, name="batch_create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/edit/", views.batch_edit, name="batch_edit"),
    path("applications/", views.ApplicationListView.as_view(), name="application_list"),
    path("applications/new/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/transition/",
        views.ApplicationTransitionView.as_view(),
        name="application_transition",
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
