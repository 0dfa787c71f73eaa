from django.urls import path

from uploads import views

provider_urlpatterns = [  # mounted under /org/<slug:org>/
    path("uploads/", views.upload_index, name="index"),
    path("uploads/download/", views.return_download, name="download"),
    path("uploads/<int:upload>/", views.upload_detail, name="detail"),
    path("uploads/<int:upload>/status/", views.upload_status, name="status"),
    path("uploads/<int:upload>/report.xlsx", views.upload_report, name="report"),
    path("uploads/<int:upload>/apply/", views.upload_apply_view, name="apply"),
]
council_urlpatterns = []  # mounted under /council/<slug:council>/
urlpatterns = []  # mounted at the site root
