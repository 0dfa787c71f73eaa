"""Writes for bulk uploads. `check` reads and validates; `apply` writes a checked upload; `uploads` is the web flow."""

from uploads.services.apply import result_apply
from uploads.services.check import Checked, missing_staff, upload_check
from uploads.services.download import return_files, return_files_zip
from uploads.services.uploads import (
    Applied,
    upload_apply,
    upload_create,
    upload_files_delete,
    upload_mark_crashed,
    upload_validate,
    uploads_requeue_stale,
)

__all__ = [
    "Applied",
    "Checked",
    "missing_staff",
    "result_apply",
    "return_files",
    "return_files_zip",
    "upload_apply",
    "upload_check",
    "upload_create",
    "upload_mark_crashed",
    "upload_files_delete",
    "upload_validate",
    "uploads_requeue_stale",
]
