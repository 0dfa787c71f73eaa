from django.contrib import admin

from collection.models import CollectionRound


@admin.register(CollectionRound)
class CollectionRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "snapshot_date", "window_opens", "due_date", "closes"]
    prepopulated_fields = {"slug": ["name"]}
