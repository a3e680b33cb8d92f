from django.urls import path

from . import views

urlpatterns = [
    path("", views.reports_home, name="reports_home"),
    path("generate/", views.report_generate, name="report_generate"),
    path("dashboard/", views.dashboard, name="reports_dashboard"),
    path("dashboard/<slug:key>.xlsx", views.chart_xlsx, name="reports_chart_xlsx"),
    path("statistics/", views.statistics_view, name="reports_statistics"),
    path("enterprise/<int:pk>/charts.xlsx", views.enterprise_charts_xlsx, name="reports_enterprise_xlsx"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/edit/<slug:section>/", views.report_edit, name="report_edit"),
    path("<int:pk>/compare/", views.report_compare_view, name="report_compare"),
    path("<int:pk>/facts/<str:key>/", views.fact_rows, name="report_fact_rows"),
    path("<int:pk>/report.docx", views.report_docx, name="report_docx"),
    path("<int:pk>/tables.xlsx", views.report_xlsx, name="report_xlsx"),
]
