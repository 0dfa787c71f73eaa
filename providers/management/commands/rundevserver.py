"""`runserver` for the embedded stack (scripts/run-dev.sh): the same development server, with a listen queue long
enough for a team. Django's own keeps only 10 waiting connections, so the 11th editor pressing Save at the same
moment got "connection reset" and lost their answers."""

from django.core.servers.basehttp import WSGIServer
from whitenoise.runserver_nostatic.management.commands.runserver import Command as RunserverCommand


class TeamWSGIServer(WSGIServer):
    request_queue_size = 128


class Command(RunserverCommand):
    help = "Start the development server with a listen queue of 128 connections (used by scripts/run-dev.sh)."
    server_cls = TeamWSGIServer
