from django.urls import path  # noqa: F401

provider_urlpatterns = []  # mounted under /org/<slug:org>/
council_urlpatterns = []  # mounted under /council/<slug:council>/
urlpatterns = []  # mounted at the site root
