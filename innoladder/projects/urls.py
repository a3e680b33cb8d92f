from django.urls import path

from innoladder.core import viewkit as vk

from . import views

urlpatterns = [
    *vk.object_urls(views, "Project", "project", roles="list export edit detail transition"),
    path("<int:pk>/milestones/", views.MilestoneAddView.as_view(), name="milestone_add"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("<int:pk>/reports/", views.ReportAddView.as_view(), name="report_add"),
    path("reports/<int:pk>/file/", views.report_file, name="report_file"),
]
