from django.urls import path

from providers.views import councils, organisations

organisation_patterns = (
    [
        path("<slug:org>/", organisations.organisation_detail, name="detail"),
        path("<slug:org>/workplaces/<int:workplace>/", organisations.workplace_detail, name="workplace"),
        path("<slug:org>/people/", organisations.member_list, name="members"),
        path(
            "<slug:org>/people/invitations/<int:invitation>/withdraw/",
            organisations.invitation_revoke_view,
            name="invitation-revoke",
        ),
    ],
    "org",
)

council_patterns = (
    [
        path("<slug:council>/", councils.council_home, name="home"),
        path("<slug:council>/people/", councils.council_people, name="people"),
        path(
            "<slug:council>/people/invitations/<int:council_invitation>/withdraw/",
            councils.council_invitation_revoke,
            name="invitation-revoke",
        ),
        path("<slug:council>/organisations/<slug:org>/", councils.council_organisation, name="organisation"),
    ],
    "council",
)
