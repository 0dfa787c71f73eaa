"""Cache invalidation, the one job signals do here: a saved or deleted campaign or set of local questions is
dropped from the cache at once, whoever saved it (services, the admin, the demo seed)."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from surveys.access import link_cache_key
from surveys.models import Campaign, LocalQuestionSet
from surveys.selectors import local_cache_key


@receiver([post_save, post_delete], sender=Campaign)
def forget_campaign(sender, instance: Campaign, **kwargs) -> None:
    cache.delete(link_cache_key(instance.code))


@receiver([post_save, post_delete], sender=LocalQuestionSet)
def forget_local_questions(sender, instance: LocalQuestionSet, **kwargs) -> None:
    cache.delete(local_cache_key(instance.council_id, instance.kind))
