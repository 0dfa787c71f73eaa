from django.urls import path

from retention import views

provider_urlpatterns = []  # mounted under /org/<slug:org>/
council_urlpatterns = [  # mounted under /council/<slug:council>/
    path("retention/", views.upcoming, name="upcoming"),
    path("retention/holds/", views.holds, name="holds"),
    path("retention/holds/<int:hold>/lift/", views.hold_lift, name="hold-lift"),
]
urlpatterns = []  # mounted at the site root
