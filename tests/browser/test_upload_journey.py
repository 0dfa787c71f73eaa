"""Upload files with errors, watch the check run in a real worker, read the report, fix, upload again, apply.
No WCAG 2.2 AA violations on any page."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from collection.models import StaffRecord
from providers.models import Membership
from tests.browser.conftest import sign_in
from tests.factories.providers import PASSWORD, MembershipFactory
from tests.factories.uploads import UploadRoundFactory
from tests.integration.uploads.conftest import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True)


def _fits_a_phone(page) -> None:
    """The upload report reflows at 320 px (WCAG 1.4.10): its tables of problems become stacked rows."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    page.set_viewport_size(size)
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]} px wide on a {widths[1]} px screen"


def test_editor_uploads_fixes_and_applies(live_server, page, axe_check, task_worker):
    UploadRoundFactory()
    editor = MembershipFactory(
        role=Membership.Role.EDITOR, organisation__slug="journey-care", organisation__name="Journey Care"
    ).user
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    sign_in(page, live_server.url, editor, PASSWORD)

    # Upload files with errors
    page.goto(live_server.url + "/org/journey-care/uploads/")
    expect(page.get_by_role("heading", name="Upload ASC-WDS files")).to_be_visible()
    axe_check(page)
    page.get_by_label("Upload your ASC-WDS files").set_input_files(
        [str(FIXTURES / "with-errors" / "workplace.csv"), str(FIXTURES / "with-errors" / "staff.csv")]
    )
    page.get_by_role("button", name="Upload and check the files").click()

    # Watch progress: the page polls and shows the report when the worker is done
    page.wait_for_url(re.compile(r"/uploads/\d+/$"))
    if page.get_by_role("heading", name="Checking your files").is_visible():
        expect(page.locator("progress#upload-progress")).to_be_visible()
        axe_check(page)
    page.get_by_role("heading", name="Your files have errors").wait_for(timeout=60_000)
    axe_check(page)
    _fits_a_phone(page)

    # Read the report: grouped errors with their lines, and a downloadable workbook
    expect(page.get_by_text("LOCALESTID is not a workplace in the workplace file").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report (.xlsx)").click()
    assert download.value.suggested_filename.endswith("bulk_upload_report.xlsx")

    # Fix: upload the corrected files
    page.get_by_role("link", name="Upload corrected files").click()
    page.get_by_label("Upload your ASC-WDS files").set_input_files(
        [str(FIXTURES / "clean" / "workplace.csv"), str(FIXTURES / "clean" / "staff.csv")]
    )
    page.get_by_role("button", name="Upload and check the files").click()
    page.get_by_role("heading", name=re.compile("Your files are ready to apply|Your files have warnings")).wait_for(
        timeout=60_000
    )
    expect(page.get_by_role("heading", name="What applying the upload will do")).to_be_visible()
    axe_check(page)
    _fits_a_phone(page)
    accept = page.get_by_label("I have read the warnings and want to apply the upload")
    if accept.count():
        accept.check()
    page.get_by_role("button", name="Apply the upload").click()
    expect(page.get_by_role("heading", name="Upload applied")).to_be_visible()
    axe_check(page)
    assert StaffRecord.objects.filter(workforce_return__workplace__organisation__slug="journey-care").count() == 34
