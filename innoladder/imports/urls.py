from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_home, name="import_home"),
    path("batches/<uuid:pk>/", views.batch_detail, name="import_batch_detail"),
    path("batches/<uuid:pk>/commit/", views.batch_commit, name="import_batch_commit"),
    path("batches/<uuid:pk>/errors.xlsx", views.batch_errors, name="import_batch_errors"),
    path("<slug:key>/", views.dataset_upload, name="import_upload"),
    path("<slug:key>/template.xlsx", views.dataset_template, name="import_template"),
]
