"""Plain labels for ASC-WDS options whose national text is specification wording, not something to show a person.

The reference files keep the national lists as published (the codes and their spec text, such as "Other (OTHERTYPE
text, max 240 chars)"). Everything that shows an option to a person reads the label through `providers.reference`,
which puts these in place of the published text, so forms, pages, messages and workbooks all say the same plain
thing. Only the label changes: the code, and what it means, stay the national ones.
"""

from __future__ import annotations

PLAIN_LABELS: dict[str, dict[str, str]] = {
    "employer_type": {
        "1": "Local authority (adult social services)",
        "3": "Local authority (other services)",
        "6": "Private sector",
        "7": "Voluntary or charity",
        "8": "Other",
    },
    "contract_types": {"3": "Pool or bank"},
    "disability": {"2": "Prefers not to say"},
    "ethnicity": {
        "31": "English, Welsh, Scottish, Northern Irish or British",
        "38": "Any other mixed or multiple ethnic background",
        "46": "Any other Black, African or Caribbean background",
    },
    "recruitment_sources": {"16": "Don't know"},
    "job_roles": {
        "24": "Manager (care-related, not providing care)",
        "26": "Ancillary staff (not providing care)",
        "34": "Activities worker or co-ordinator",
        "42": "Any job role working with children and young people",
    },
    "main_services": {
        "14": "Short breaks and respite care",
        "18": "Disability adaptations and assistive technology services",
        "75": "Any service for children and young people",
    },
    "service_users": {
        "5": "Adults with learning disabilities or autism",
        "7": "Adults with sensory impairments",
        "8": "Adults who misuse alcohol or drugs",
        "23": "Older people with learning disabilities or autism",
        "26": "Older people with sensory impairments",
        "27": "Older people who misuse alcohol or drugs",
    },
    "nationality": {"999": "Another nationality (not listed)"},
    "country_of_birth": {
        "418": "Lao People's Democratic Republic",
        "531": "Curaçao",
        "534": "Sint Maarten (Dutch part)",
        "535": "Bonaire, Sint Eustatius and Saba",
        "995": "Another country (listed by ASC-WDS only)",
        "999": "Another country (not listed)",
    },
    "delegated_healthcare_activities": {"999": "Don't know which activities"},
    "registration_type": {"2": "Regulated by the CQC"},
    "training_who_delivered": {"2": "An external training provider"},
    "data_owner": {"Parent": "The parent organisation keeps these records"},
    "data_permissions": {"None": "The parent organisation sees only the name and address"},
    "user_roles": {
        "Edit": "Can change the workplace's records",
        "Read": "Can read the workplace's records",
        "None": "No access to the records",
    },
    "record_status": {
        "NOCHANGE": "Keep this record as it is",
        "UNCHECKED": "Keep this record as it is (not checked)",
        "DELETE": "Delete this record",
    },
}

# Options whose published text a person should read first or last, whatever the alphabet says.
FIRST = {"nationality": ("826",), "country_of_birth": ("826",)}
LAST = {"nationality": ("999", "998"), "country_of_birth": ("999", "998")}
# Codes a form does not offer (an upload may still carry them): ASC-WDS's own "other country" entries.
NOT_OFFERED = {"country_of_birth": ("995",)}
