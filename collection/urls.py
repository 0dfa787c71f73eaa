from django.urls import path

from collection.views import council, light, returns, staff, staff_record

RETURN = "workplaces/<int:workplace>/returns/<slug:round>/"

provider_urlpatterns = [  # mounted under /org/<slug:org>/
    path("returns/", returns.returns_overview, name="returns"),
    path(RETURN, returns.task_list, name="return"),
    path(RETURN + "workplace/", returns.workplace_section, name="return-workplace"),
    path(RETURN + "numbers/", returns.numbers_section, name="return-numbers"),
    path(RETURN + "pay/", returns.pay_section, name="return-pay"),
    path(RETURN + "check/", returns.check_answers, name="return-check"),
    path(RETURN + "confirmation/", returns.confirmation, name="return-confirmation"),
    path(RETURN + "history/", returns.history, name="return-history"),
    path(RETURN + "staff/", staff.staff_list, name="staff-list"),
    path(RETURN + "staff/add/", staff_record.staff_add, name="staff-add"),
    path(RETURN + "staff/carry-forward/", staff.staff_carry_forward, name="staff-carry-forward"),
    path(RETURN + "staff/nothing-changed/", staff.staff_no_change, name="staff-no-change"),
    path(RETURN + "staff/<int:record>/", staff_record.staff_check, name="staff-edit"),
    path(RETURN + "staff/<int:record>/job/", staff_record.staff_job, name="staff-job"),
    path(RETURN + "staff/<int:record>/pay/", staff_record.staff_pay, name="staff-pay"),
    path(RETURN + "staff/<int:record>/qualifications/", staff_record.staff_qualifications,
         name="staff-qualifications"),
    path(RETURN + "staff/<int:record>/remove/", staff.staff_remove, name="staff-remove"),
    path(RETURN + "staff/<int:record>/confirm/", staff.staff_confirm, name="staff-confirm"),
    path("pa-returns/", light.pa_return_list, name="pa-returns"),
    path("pa-returns/<slug:round>/", light.pa_return_edit, name="pa-return"),
    path("pa-returns/<slug:round>/check/", light.pa_return_check, name="pa-return-check"),
    path("pa-returns/<slug:round>/confirmation/", light.pa_return_confirmation, name="pa-return-confirmation"),
]
council_urlpatterns = [  # mounted under /council/<slug:council>/
    path("rounds/", council.round_list, name="rounds"),
    path("rounds/add/", council.round_edit, name="round-add"),
    path("rounds/copy/", council.round_copy_view, name="round-copy"),
    path("rounds/<slug:round>/", council.round_edit, name="round-edit"),
    path("returns/", council.return_list, name="returns"),
    path("returns/<int:workforce_return>/", council.return_detail, name="return"),
]
urlpatterns = []  # mounted at the site root
