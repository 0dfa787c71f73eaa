"""Signals the collection app sends for apps above it to act on (it never imports them).

`staff_left`: staff records were marked as having left, whatever the route (web form, API, an upload's "missing
from file" decision): sent once per write with the ids of the returns concerned and the person who recorded it.
Nothing about the leavers themselves is sent. Receivers run inside the write's transaction.
"""

from django.dispatch import Signal

staff_left = Signal()  # kwargs: return_ids (list[int]), actor (User | None)
