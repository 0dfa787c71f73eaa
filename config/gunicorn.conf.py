"""gunicorn settings shared by the Dockerfile, docker-compose.yml and scripts/stack.sh: the access log, with the
survey pages' lines stripped of anything about the respondent (`config.gunicorn_logging`)."""

logger_class = "config.gunicorn_logging.SurveyPrivateLogger"
accesslog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'
