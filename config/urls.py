from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from providers.urls import council_patterns, organisation_patterns
from providers.views import invitations, pages

handler403 = "providers.views.pages.error_403"
handler404 = "providers.views.pages.error_404"
handler500 = "providers.views.pages.error_500"

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("account/", pages.account, name="account"),
    path("invitations/<str:token>/", invitations.invitation_accept_view, name="invitation-accept"),
    path("accounts/", include("allauth.urls")),
    path("org/", include(organisation_patterns)),
    path("council/", include(council_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("django-admin/", admin.site.urls),
]
