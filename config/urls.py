from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

import api.urls
import collection.urls
import compliance.urls
import exports.urls
import retention.urls
import surveys.urls
import uploads.urls
from api.docs import api_docs
from providers.signin import views as signin_views
from providers.urls import council_patterns, organisation_patterns
from providers.views import invitations, pages

FEATURES = [collection.urls, uploads.urls, surveys.urls, compliance.urls, exports.urls, retention.urls]

handler403 = "providers.views.pages.error_403"
handler404 = "providers.views.pages.error_404"
handler500 = "providers.views.pages.error_500"
handler429 = "providers.views.pages.error_429"  # allauth's rate limits answer with this

urlpatterns = [
    # The public survey links first: a survey answered on a phone is the busiest request, and this way it is
    # resolved at the first pattern rather than after every other app's (the links are /s/<code>/...: nothing else
    # starts with s/).
    path("", include(surveys.urls.urlpatterns)),
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("account/", pages.account, name="account"),
    path("account/still-here/", pages.still_here, name="still-here"),
    path("account/sign-out-everywhere/", pages.sign_out_everywhere, name="sign-out-everywhere"),
    path("accounts/signed-out/", pages.signed_out, name="signed-out"),
    path("account/api-tokens/", include((api.urls.account_urlpatterns, "api-tokens"))),
    path("invitations/<str:token>/", invitations.invitation_accept_view, name="invitation-accept"),
    path("accounts/login/", signin_views.sign_in, name="account_login"),
    path("accounts/sign-in-code/", signin_views.signin_code_view, name="account_signin_code"),
    path("accounts/", include("allauth.urls")),
    path("org/", include(organisation_patterns)),
    path("council/", include(council_patterns)),
    # Each feature app mounts its provider pages under /org/<org>/, council pages under /council/<council>/,
    # and any public pages at the root. The access matrix test finds them all from here.
    *[path("org/<slug:org>/", include((f.provider_urlpatterns, f.__name__.split(".")[0]))) for f in FEATURES],
    *[
        path("council/<slug:council>/", include((f.council_urlpatterns, f.__name__.split(".")[0] + "-council")))
        for f in FEATURES
    ],
    *[path("", include(f.urlpatterns)) for f in FEATURES if f is not surveys.urls],
    path("api/", include("api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The schema set out as a GOV.UK page (api/docs.py): no script, the CSP intact, readable on a phone.
    path("api/docs/", api_docs, name="api-docs"),
    path("django-admin/", admin.site.urls),
]
