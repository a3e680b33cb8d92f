from django.urls import path

from . import views

urlpatterns = [
    path("", views.exchange_home, name="exchange_home"),
    path("export/<slug:fmt>/", views.export_start, name="exchange_export"),
    path("exports/<uuid:job_id>/download/", views.export_download, name="exchange_download"),
]
