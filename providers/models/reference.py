from django.db import models


class ReferenceCode(models.Model):
    """One code of an ASC-WDS code list, as loaded from the project's versioned reference data.

    Returns store codes and the version they were made with; a new version of a list adds rows here and never
    rewrites the rows of an older version, so an old return keeps its meaning.
    """

    list_name = models.CharField(max_length=60)
    version = models.CharField(max_length=20)
    code = models.CharField(max_length=40)
    label = models.CharField(max_length=300)
    group = models.CharField(max_length=120, blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["list_name", "version", "id"]
        constraints = [
            models.UniqueConstraint(fields=["list_name", "version", "code"], name="unique_reference_code"),
        ]
        indexes = [models.Index(fields=["list_name", "version"])]

    def __str__(self) -> str:
        return f"{self.list_name} {self.code}: {self.label}"
