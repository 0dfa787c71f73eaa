"""The anonymity attack suite (issue 15): an intruder against the running service and its database.

Each test plays someone who wants to know who said what in the staff surveys and holds more than anyone should:
every table of the database (dumped row by row), the cache, the service's logs and gunicorn's access log, the
served pages and API, and two or more moments in time. They run in the normal suite, on SQLite and PostgreSQL,
through the real views, services, tasks and database; nothing is mocked.

1. test_confirmation.py: two people answering yes / no to the exploitation question get byte-identical
   confirmation pages at identical addresses, in the one-page (script) flow and the no-script flow; the logs
   and access-log lines of a whole survey hold no address, user agent, exact time or query.
2. test_no_link_to_code.py: after a no-script survey with a single-use code, no row of any table (and no cache
   entry) holds the code next to an answer, and no Django session was created for /s/ at all.
3. test_response_order.py: responses inserted in known orders read back (by every read path, by primary key, and
   from the table's own order after a release) in an order independent of arrival.
4. test_releases.py: results read before and after one extra response are identical until the next release,
   and any two releases differ by at least five people.
5. test_lp_differencing.py: a linear-programming differencing attack (scipy.optimize.linprog) over every table
   served for a campaign set cannot bound any hidden group's size or hidden indicator to an interval narrower
   than the threshold.
6. test_throttle_dump.py: from a full database and cache dump, no throttle key can be linked to an address.
"""
