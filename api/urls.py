from django.urls import path  # noqa: F401

app_name = "api"
urlpatterns = []  # under /api/ (the versioned API lives under /api/v1/)
