from django.urls import path

from exports import views

provider_urlpatterns = []  # mounted under /org/<slug:org>/
council_urlpatterns = [  # mounted under /council/<slug:council>/, namespace "exports-council"
    path("exports/", views.export_index, name="index"),
    path("exports/extracts/new/", views.extract_new, name="extract-new"),
    path("exports/<int:export>/", views.export_detail, name="detail"),
    path("exports/<int:export>/status.json", views.export_status_json, name="status"),
    path("exports/<int:export>/download/", views.export_file, name="download"),
]
urlpatterns = []  # mounted at the site root
