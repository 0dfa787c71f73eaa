"""Factories for bulk-upload tests: a collection round, and uploads with their files."""

from __future__ import annotations

from datetime import date

import factory

from collection.models import CollectionRound
from uploads.models import Upload, UploadFile


class UploadRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionRound
        django_get_or_create = ["slug"]

    name = "2026 workforce return"
    slug = "upload-2026"
    snapshot_date = date(2026, 3, 31)
    window_opens = date(2026, 4, 1)
    due_date = date(2026, 6, 30)
    closes = date(2026, 7, 31)


class UploadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Upload
        skip_postgeneration_save = True

    organisation = factory.SubFactory("tests.factories.providers.OrganisationFactory")
    round = factory.SubFactory(UploadRoundFactory)
    state = Upload.State.FAILED
    result = factory.LazyFunction(
        lambda: {
            "status": "failed",
            "workplaces": {},
            "staff": {},
            "errors": [],
            "warnings": [],
            "preview": [],
            "deleted_staff": [],
            "missing_staff": [],
            "missing_workplaces": [],
        }
    )

    @factory.post_generation
    def files(obj, create, extracted, **kwargs):
        for name, data in extracted or ():
            UploadFile.objects.create(upload=obj, name=name, size=len(data), data=data)


def upload_for(organisation) -> Upload:
    """The same upload every time for an organisation (for the access matrix)."""
    found = Upload.objects.filter(organisation=organisation).order_by("pk").first()
    return found or UploadFactory(organisation=organisation)
