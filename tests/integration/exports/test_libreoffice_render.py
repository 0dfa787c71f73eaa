"""The workbook printed: LibreOffice headless renders it to PDF; the cover fits one page, and the widest table
fits one page's width (every page it prints on carries its first and last column headings, so no page holds
a right-hand slice of it). Needs `soffice` (apt: libreoffice-calc-nogui) and poppler (apt: poppler-utils);
skipped with the reason when they are absent."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from exports.aggregation import build_tables
from exports.disclosure import protect_all
from exports.synthetic import make_council
from exports.workbook import write_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install "
                                               "libreoffice-calc-nogui"),
    pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                       reason="poppler is not installed: apt-get install poppler-utils"),
]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    council = make_council(workplaces=200, staff=5_000, seed=4)
    tables = build_tables(staff=council.staff, workplaces=council.workplaces, job_roles=council.job_roles,
                          leaver_reasons=council.leaver_reasons, compliance=council.compliance,
                          snapshot_date=council.snapshot_date, round_label="2025-26")
    folder = tmp_path_factory.mktemp("render")
    book = folder / "render-workforce-2025-26.xlsx"
    book.write_bytes(write_workbook(tables=protect_all(tables), council_name="Render County", round_label="2025-26",
                                    snapshot_date=council.snapshot_date, data_version="render"))
    profile = folder / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(book)], check=True, capture_output=True, timeout=300)
    return folder / "render-workforce-2025-26.pdf"


def _pages(path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout for n in range(1, count + 1)]


def test_pages_are_landscape(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    width, height = float(size[2]), float(size[4])
    assert width > height


def test_the_cover_fits_one_page(pdf):
    pages = _pages(pdf)
    assert "Render County adult social care workforce, 2025-26" in pages[0]
    assert "Source" in pages[0] and "staff and exit surveys" in " ".join(pages[0].split())
    assert "Contents" in pages[1] and "Render County adult" not in pages[1].split("Contents")[0]


def test_the_widest_table_fits_one_page_width(pdf):
    title = re.compile(r"Table \d+: Pay by service type group and job role group")  # the sheet's page heading
    pages = [p for p in _pages(pdf) if title.search(" ".join(p.split()))]
    assert pages, "the pay table was not printed"
    assert len(pages) <= 3  # 8 x 7 rows: a couple of pages long, not a dozen slices
    for page in pages:
        text = " ".join(page.split())
        assert re.search(r"\b(All service types|Adult|Healthcare|Other)\b", text)  # first column's labels ...
        assert "annual" in text  # ... and the last column's heading ("Median annual pay"), on every page


def test_a_narrow_table_prints_its_whole_title_and_lines_above_it(pdf):
    """The title and the lines above a narrow table run on to the right in column A; the print area reaches far
    enough that none of it is cut off on paper."""
    page = next(p for p in _pages(pdf) if "Table 2: Coverage" in p)
    text = " ".join(page.split())
    assert "Table 2: Coverage: workplaces, providers and staff records by district [note" in text
    assert "[z] not applicable." in text  # the end of the shorthand line

