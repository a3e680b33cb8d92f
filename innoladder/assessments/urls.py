from django.urls import path

from . import views

urlpatterns = [
    path("candidates/", views.candidate_list, name="candidate_list"),
    path("candidates/export/", views.candidate_export, name="candidate_export"),
    path("candidates/run/", views.batch_run, name="assessment_batch_run"),
    path("calculator/", views.calculator, name="calculator"),
    path("enterprise/<int:pk>/", views.enterprise_assessment, name="enterprise_assessment"),
    path("enterprise/<int:pk>/run/", views.assessment_run, name="assessment_run"),
    path("<int:pk>/", views.assessment_detail, name="assessment_detail"),
]
