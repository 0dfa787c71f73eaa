"""The real servers the integration tests rely on work: mail reaches a local SMTP server, tasks run in a worker."""

import time

import pytest
from django.core.mail import send_mail
from django_q.models import Success
from django_q.tasks import async_task


def test_mail_reaches_the_local_smtp_server(smtp_server, db):
    send_mail("Hello", "Body text", "from@example.com", ["to@example.com"])
    messages = smtp_server.wait_for(1)
    assert messages[0]["Subject"] == "Hello" and "Body text" in smtp_server.body(messages[0])


@pytest.mark.django_db(transaction=True)
def test_a_task_runs_in_a_real_worker_process(task_worker):
    task_id = async_task("math.floor", 3.7)
    deadline = time.monotonic() + 30
    while not Success.objects.filter(id=task_id).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    task = Success.objects.get(id=task_id)
    assert task.result == 3
