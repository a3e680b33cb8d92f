from django.urls import path

from . import views

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("export/", views.ProjectListView.as_view(exporting=True), name="project_export"),
    path("new/", views.ProjectEditView.as_view(), name="project_create"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("<int:pk>/transition/", views.ProjectTransitionView.as_view(), name="project_transition"),
    path("<int:pk>/milestones/", views.MilestoneAddView.as_view(), name="milestone_add"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("<int:pk>/reports/", views.ReportAddView.as_view(), name="report_add"),
    path("reports/<int:pk>/file/", views.report_file, name="report_file"),
]
