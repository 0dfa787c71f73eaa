"""Page-number pagination for list endpoints: `?page=2&page_size=500` (at most 1,000 a page)."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class Pagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


def paginated_response(*, serializer_class, queryset, request, view) -> Response:
    """One page of `queryset`, serialized, with `count`, `next`, `previous` and `results`."""
    paginator = Pagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)
