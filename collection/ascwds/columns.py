"""The ASC-WDS bulk-upload column layouts (ASCWDS.md 3.2 and 3.3).

The header line decides which file is which: a workplace file starts LOCALESTID,STATUS and a staff file starts
LOCALESTID,UNIQUEWORKERID. Both must then carry exactly the columns below, in this order.
"""

from __future__ import annotations

import re

WORKPLACE_COLUMNS: tuple[str, ...] = (
    "LOCALESTID", "STATUS", "ESTNAME", "ADDRESS1", "ADDRESS2", "ADDRESS3", "POSTTOWN", "POSTCODE", "ESTTYPE",
    "OTHERTYPE", "PERMCQC", "PERMLA", "REGTYPE", "PROVNUM", "LOCATIONID", "MAINSERVICE", "ALLSERVICES", "CAPACITY",
    "UTILISATION", "SERVICEDESC", "SERVICEUSERS", "OTHERUSERDESC", "DHA", "DHAACTIVITIES", "TOTALPERMTEMP",
    "ALLJOBROLES", "STARTERS", "LEAVERS", "VACANCIES", "REASONS", "REASONNOS", "REPEATTRAINING", "CWPAWARE", "CWPUSE",
    "CWPUSEDESC", "SICKPAY", "PENSION", "ACTUALCONT", "OPTOUTPEN", "HOLIDAY", "SLEEPINS", "SLEEPINPAY", "TRAVELTIME",
    "TTDIFFRATE",
)  # fmt: skip

STAFF_COLUMNS: tuple[str, ...] = (
    "LOCALESTID", "UNIQUEWORKERID", "STATUS", "DISPLAYID", "NINUMBER", "POSTCODE", "DOB", "GENDER", "ETHNICITY",
    "NATIONALITY", "BRITISHCITIZENSHIP", "COUNTRYOFBIRTH", "YEAROFENTRY", "DISABLED", "CARECERT", "L2CARECERT",
    "RECSOURCE", "HANDCVISA", "INOUTUK", "STARTDATE", "STARTINSECT", "DHA", "APPRENTICE", "EMPLSTATUS", "ZEROHRCONT",
    "DAYSSICK", "SALARYINT", "SALARY", "HOURLYRATE", "MAINJOBROLE", "MAINJRDESC", "CONTHOURS", "AVGHOURS", "NMCREG",
    "AMHP", "SCQUAL", "NONSCQUAL", "CWPCATEGORY", "QUALACH01", "QUALACH01NOTES", "QUALACH02", "QUALACH02NOTES",
    "QUALACH03", "QUALACH03NOTES",
)  # fmt: skip

TRAINING_FIRST_COLUMNS: tuple[str, ...] = ("LOCALESTID", "UNIQUEWORKERID", "CATEGORY")

OPTIONAL_STAFF_COLUMNS: tuple[str, ...] = ("CHGUNIQUEWRKID", "TRANSFERSTAFFRECORD")

_QUAL_RE = re.compile(r"^QUALACH(\d{2})(NOTES)?$")


def staff_header_ok(header: tuple[str, ...]) -> bool:
    """A staff header is the 44 base columns, with CHGUNIQUEWRKID and/or TRANSFERSTAFFRECORD (in that order)
    allowed after UNIQUEWORKERID, and extra QUALACHnn / QUALACHnnNOTES pairs (04 up to 99) appended in order."""
    cols = list(header)
    if cols[:2] != ["LOCALESTID", "UNIQUEWORKERID"]:
        return False
    rest = cols[2:]
    for optional in OPTIONAL_STAFF_COLUMNS:
        if rest and rest[0] == optional:
            rest = rest[1:]
    base = list(STAFF_COLUMNS[2:])
    if rest[: len(base)] != base:
        return False
    extra = rest[len(base) :]
    if len(extra) % 2:
        return False
    for i in range(0, len(extra), 2):
        number = f"{4 + i // 2:02d}"
        if extra[i] != f"QUALACH{number}" or extra[i + 1] != f"QUALACH{number}NOTES":
            return False
    return True


def first_difference(header: tuple[str, ...], expected: tuple[str, ...]) -> str:
    """Plain-English description of the first place a header differs from the expected one."""
    for i, name in enumerate(expected):
        if i >= len(header):
            return f"column {i + 1} should be {name} but the line stops after {len(header)} columns"
        if header[i] != name:
            return f"column {i + 1} should be {name} but is '{header[i][:60]}'"
    if len(header) > len(expected):
        return f"it has {len(header) - len(expected)} extra column(s) after {expected[-1]}, starting '{header[len(expected)][:60]}'"
    return "it does not match"
