"""The API under /api/v1/ (schema at /api/schema/, docs at /api/docs/), and the token pages under /account/."""

from django.urls import include, path

from api import views
from api.apis import compliance, exports, providers, returns, staff, surveys, uploads

app_name = "api"

RETURN = "organisations/<slug:org>/workplaces/<int:workplace>/returns/<slug:round>/"
RECORDS = RETURN + "staff-records/"
UPLOAD = "organisations/<slug:org>/uploads/<int:upload>/"
COUNCIL_ROUND = "councils/<slug:council>/rounds/<slug:round>/"

v1 = [
    path("organisations/", providers.OrganisationListApi.as_view(), name="organisation-list"),
    path("organisations/<slug:org>/workplaces/", providers.WorkplaceListApi.as_view(), name="workplace-list"),
    path("organisations/<slug:org>/rounds/", providers.RoundListApi.as_view(), name="round-list"),
    path(
        "organisations/<slug:org>/workplaces/<int:workplace>/returns/",
        returns.ReturnListApi.as_view(),
        name="return-list",
    ),
    path(RETURN, returns.ReturnDetailApi.as_view(), name="return-detail"),
    path(RETURN + "numbers/update/", returns.ReturnNumbersUpdateApi.as_view(), name="return-numbers-update"),
    path(RETURN + "pay/update/", returns.ReturnPayUpdateApi.as_view(), name="return-pay-update"),
    path(RETURN + "submit/", returns.ReturnSubmitApi.as_view(), name="return-submit"),
    path(RECORDS, staff.StaffRecordListApi.as_view(), name="staff-record-list"),
    path(RECORDS + "create/", staff.StaffRecordCreateApi.as_view(), name="staff-record-create"),
    path(RECORDS + "bulk/", staff.StaffRecordBulkApi.as_view(), name="staff-record-bulk"),
    path(RECORDS + "<int:record>/", staff.StaffRecordDetailApi.as_view(), name="staff-record-detail"),
    path(RECORDS + "<int:record>/update/", staff.StaffRecordUpdateApi.as_view(), name="staff-record-update"),
    path(RECORDS + "<int:record>/delete/", staff.StaffRecordDeleteApi.as_view(), name="staff-record-delete"),
    path("organisations/<slug:org>/compliance/", compliance.OrganisationComplianceApi.as_view(),
         name="organisation-compliance"),
    path("organisations/<slug:org>/surveys/", surveys.SurveyListApi.as_view(), name="survey-list"),
    path("organisations/<slug:org>/surveys/<int:campaign>/results/", surveys.SurveyResultsApi.as_view(),
         name="survey-results"),
    path("organisations/<slug:org>/uploads/", uploads.UploadListApi.as_view(), name="upload-list"),
    path("organisations/<slug:org>/rounds/<slug:round>/uploads/create/", uploads.UploadCreateApi.as_view(),
         name="upload-create"),
    path(UPLOAD, uploads.UploadDetailApi.as_view(), name="upload-detail"),
    path(UPLOAD + "report/", uploads.UploadReportApi.as_view(), name="upload-report"),
    path(UPLOAD + "report/download/", uploads.UploadReportDownloadApi.as_view(), name="upload-report-download"),
    path(UPLOAD + "apply/", uploads.UploadApplyApi.as_view(), name="upload-apply"),
    path("councils/", compliance.CouncilListApi.as_view(), name="council-list"),
    path("councils/<slug:council>/rounds/<slug:round>/compliance/", compliance.CouncilComplianceApi.as_view(),
         name="council-compliance"),
    path(COUNCIL_ROUND + "surveys/results/", surveys.CouncilSurveyResultsApi.as_view(),
         name="council-survey-results"),
    path(COUNCIL_ROUND + "surveys/workplaces/", surveys.CouncilSurveyWorkplacesApi.as_view(),
         name="council-survey-workplaces"),
    path("councils/<slug:council>/exports/", exports.ExportListApi.as_view(), name="export-list"),
    path("councils/<slug:council>/rounds/<slug:round>/exports/create/", exports.ExportCreateApi.as_view(),
         name="export-create"),
    path(COUNCIL_ROUND + "extracts/create/", exports.ExtractCreateApi.as_view(), name="extract-create"),
    path("councils/<slug:council>/exports/<int:export>/", exports.ExportDetailApi.as_view(), name="export-detail"),
    path("councils/<slug:council>/exports/<int:export>/download/", exports.ExportDownloadApi.as_view(),
         name="export-download"),
]

urlpatterns = [path("v1/", include(v1))]  # mounted at /api/

# Mounted at /account/api-tokens/ (namespace "api-tokens"): the pages where people manage their tokens.
account_urlpatterns = [
    path("", views.api_token_list_view, name="list"),
    path("new/", views.api_token_created_view, name="created"),
    path("<int:token>/revoke/", views.api_token_revoke_view, name="revoke"),
]
