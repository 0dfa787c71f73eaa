from django.urls import path

from surveys.views import answer, council, frontline, one_page, provider

# mounted under /org/<slug:org>/ (namespace "surveys")
provider_urlpatterns = [
    path("surveys/", provider.campaign_list, name="campaigns"),
    path("surveys/new/", provider.campaign_create, name="campaign-create"),
    path("surveys/<int:campaign>/", provider.campaign_detail, name="campaign"),
    path("surveys/<int:campaign>/distribution/", provider.campaign_distribution, name="campaign-distribution"),
    path("surveys/<int:campaign>/codes/", provider.campaign_codes, name="campaign-codes"),
    path("surveys/<int:campaign>/qr.png", provider.campaign_qr_png, name="campaign-qr-png"),
    path("surveys/<int:campaign>/qr.svg", provider.campaign_qr_svg, name="campaign-qr-svg"),
    path("surveys/<int:campaign>/poster/", provider.campaign_poster, name="campaign-poster"),
    path("surveys/<int:campaign>/results/", provider.campaign_results, name="campaign-results"),
    path("surveys/<int:campaign>/card/", frontline.campaign_card, name="campaign-card"),
    path("surveys/response-rates/", frontline.provider_rates, name="response-rates"),
    path("surveys/leavers/", frontline.leavers, name="leavers"),
    path("surveys/insight/", frontline.provider_insight, name="insight"),
    path("benchmarks/", frontline.benchmark_index, name="benchmark-index"),
    path("benchmarks/<int:workplace>/<slug:round>/", frontline.benchmarks, name="benchmarks"),
    path("benchmarks/<int:workplace>/<slug:round>/benchmarks.csv", frontline.benchmarks_csv, name="benchmarks-csv"),
]

# mounted under /council/<slug:council>/ (namespace "surveys-council")
council_urlpatterns = [
    path("surveys/", council.council_surveys, name="overview"),
    path("surveys/workplace-links/", council.council_workplace_links, name="workplace-links"),
    path("surveys/results/", council.council_results, name="results"),
    path("surveys/response-rates/", frontline.council_rates, name="response-rates"),
    path("surveys/insight/", frontline.council_insight, name="insight"),
    path("surveys/questions/", council.local_questions, name="local-questions"),
    path("surveys/channels/new/", council.channel_create, name="channel-create"),
    path("surveys/channels/<int:channel_campaign>/", council.channel_detail, name="channel"),
    path("surveys/channels/<int:channel_campaign>/qr.png", council.channel_qr_png, name="channel-qr-png"),
    path("surveys/channels/<int:channel_campaign>/qr.svg", council.channel_qr_svg, name="channel-qr-svg"),
    path("surveys/channels/<int:channel_campaign>/poster/", council.channel_poster, name="channel-poster"),
]

# mounted at the site root (no namespace, so names start "survey-"): the public short links. No survey address
# carries a query: what a page does is in its path, so nothing about a respondent reaches an access log's query.
urlpatterns = [
    path("s/<str:code>/", answer.survey_start, name="survey-start"),
    path("s/<str:code>/answers/", one_page.survey_answers, name="survey-answers"),
    path("s/<str:code>/q/<slug:question>/", answer.survey_question, name="survey-question"),
    path("s/<str:code>/q/<slug:question>/change/", answer.survey_question, {"change": True},
         name="survey-question-change"),
    path("s/<str:code>/check/", answer.survey_check, name="survey-check"),
    path("s/<str:code>/done/", answer.survey_done, name="survey-done"),
]
