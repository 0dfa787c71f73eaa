"""Every issue code the rules can produce, with a one-line description (for the API docs and upload reports).

Codes are stable: a code is never renamed or reused for another meaning. Add new ones; retire old ones only by
leaving them here unused.
"""

from __future__ import annotations

ALL_CODES: dict[str, str] = {
    # any record
    "invalid_code": "The value is not a code in the ASC-WDS code list for this field (error).",
    # staff record: identity and job
    "local_ref_required": "The staff record has no staff reference (error).",
    "local_ref_too_long": "The staff reference is longer than 50 characters (error).",
    "local_ref_looks_like_ni_number": "The staff reference looks like a National Insurance number (error).",
    "job_role_required": "The main job role is missing (error).",
    "job_role_retired": "The job role code has been withdrawn from the national list (error).",
    "job_role_other_required": "An 'other' job role has no description (error).",
    "job_role_other_too_long": "The job role description is longer than 120 characters (error).",
    "job_role_other_not_needed": "A job role description was given for a role that does not need one; it is ignored "
    "(warning).",
    "registered_manager_not_regulated": "A registered manager is recorded at a workplace not regulated by CQC (error).",
    "contract_type_required": "The contract type is missing (error).",
    # staff record: hours
    "zero_hours_with_contracted_hours": "Contracted hours are given for a zero-hours (or don't know) contract (error).",
    "zero_hours_missing_with_contracted_hours": "Contracted hours are given but the zero-hours question is unanswered "
    "(warning).",
    "contracted_hours_zero_not_zero_hours": "Contracted hours are 0 but the contract is not zero-hours (warning).",
    "contracted_hours_not_applicable": "Contracted hours given for bank, agency or other staff; they are ignored "
    "(warning).",
    "average_hours_not_applicable": "Average hours given for permanent or temporary staff with contracted hours "
    "(warning).",
    "hours_out_of_range": "Weekly hours are outside 0 to 75 (error).",
    "hours_not_half_hour": "Weekly hours are not a whole or half number (error).",
    "contracted_hours_over_48": "More than 48 contracted hours a week (warning).",
    "average_hours_over_48": "More than 48 average hours a week (warning).",
    # staff record: pay
    "pay_rate_without_interval": "A pay rate is given without saying whether it is annual or hourly (error).",
    "pay_rate_not_needed": "A pay rate is given with a 'don't know' pay interval; it is ignored (warning).",
    "annual_pay_out_of_range": "An annual salary is outside £500 to £200,000 (£250,000 for senior management) (error).",
    "annual_pay_not_whole_pounds": "An annual salary is not in whole pounds (error).",
    "hourly_pay_out_of_range": "An hourly rate is outside £2.50 to £200 (error).",
    "hourly_pay_too_many_decimals": "An hourly rate has more than 2 decimal places (error).",
    "pay_below_national_living_wage": "An hourly rate is below the National Living Wage on the snapshot date "
    "(warning).",
    "annual_pay_below_national_living_wage": "An annual salary works out below the National Living Wage for the "
    "contracted hours (warning).",
    # staff record: sickness, dates, person
    "sickness_days_out_of_range": "Sickness days are outside 0 to 366 (error).",
    "sickness_days_not_half_day": "Sickness days are not a whole or half number (error).",
    "birth_year_in_future": "The birth year is after the snapshot date (error).",
    "birth_year_age_out_of_range": "The birth year gives an age under 14 or over 100 on the snapshot date (warning).",
    "start_date_in_future": "The start date is after the snapshot date (warning).",
    "start_date_before_age_14": "The start date is before the worker was 14 (warning).",
    "sector_start_in_future": "The year started in adult social care is after the snapshot date (warning).",
    "sector_start_after_job_start": "The year started in adult social care is after the start date in this job "
    "(warning).",
    "sector_start_before_age_14": "The year started in adult social care is before the worker was 14 (warning).",
    "health_care_visa_british_national": "A Health and Care Worker visa answer is given for a British national; "
    "it is ignored (warning).",
    # staff record: qualifications
    "social_care_level_required": "A social care qualification is held but its level is missing (error).",
    "social_care_level_not_needed": "A social care qualification level is given without a 'Yes'; it is ignored "
    "(warning).",
    "other_qualification_level_not_needed": "A non-social care qualification level is given without a 'Yes'; "
    "it is ignored (warning).",
    "professional_role_without_qualification": "A social worker, registered nurse or occupational therapist has no "
    "known social care qualification level (warning).",
    # workplace section of a return
    "total_staff_out_of_range": "The total number of staff is outside 0 to 999 (error).",
    "job_role_count_out_of_range": "A starters, leavers or vacancies count is outside 0 to 999 (error).",
    "job_role_repeated": "The same job role appears more than once in the starters, leavers and vacancies (error).",
    "job_counts_not_declared": "Counts are given for starters, leavers or vacancies that were not declared "
    "'with jobs'; they are ignored (warning).",
    "leaver_reason_count_out_of_range": "A leaver reason count is outside 0 to 999 (error).",
    "leaver_reasons_total_mismatch": "The leaver reasons do not add up to the number of leavers (error).",
    "leaver_reasons_without_leavers": "Leaver reasons are given but no leavers were declared; they are ignored "
    "(warning).",
    "starters_exceed_total_staff": "There are more starters than staff (warning).",
    "leavers_not_below_total_staff": "There are as many leavers as staff, or more (warning).",
    "vacancies_not_below_total_staff": "There are as many vacancies as staff, or more (warning).",
    "pension_percentage_not_needed": "A pension percentage is given without a 'Yes' to pension contributions; "
    "it is ignored (warning).",
    "pension_percentage_out_of_range": "The employer pension percentage is not above 3 and up to 100 (error).",
    "sleep_in_pay_not_needed": "Sleep-in pay is given but sleep-ins are not offered; it is ignored (warning).",
    "travel_time_rate_not_needed": "A travel time rate is given for a travel pay option without a rate; "
    "it is ignored (warning).",
    "travel_time_rate_out_of_range": "The travel time rate is outside £2.50 to £200 (error).",
    "holiday_days_out_of_range": "Holiday days are outside 0 to 366 (error).",
    "staff_records_not_total_staff": "The number of staff records is not the total number of staff (warning).",
    # workplace details
    "name_required": "The workplace name is missing (error).",
    "name_too_long": "The workplace name is longer than 120 characters (error).",
    "address1_required": "The first line of the address is missing (error).",
    "address1_too_long": "The first line of the address is longer than 40 characters (error).",
    "postcode_required": "The postcode is missing (error).",
    "postcode_invalid": "The postcode is not a UK postcode (error).",
    "cqc_regulated_required": "It is not said whether the workplace is regulated by CQC (error).",
    "cqc_location_id_required": "A CQC-regulated workplace has no CQC location ID (error).",
    "cqc_location_id_invalid": "The CQC location ID is not in the format 1-123456789 (error).",
    "cqc_location_id_not_needed": "A CQC location ID is given for a workplace not regulated by CQC; "
    "it is ignored (warning).",
    "main_service_required": "The main service is missing (error).",
    "regulated_main_service_mismatch": "The CQC registration answer does not match the main service (warning).",
    "capacity_out_of_range": "The capacity is outside 0 to 999 (error).",
    "utilisation_out_of_range": "The utilisation is outside 0 to 999 (error).",
    "utilisation_exceeds_capacity": "The utilisation is more than the capacity (error).",
}
