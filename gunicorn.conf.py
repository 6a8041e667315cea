"""gunicorn reads this file from the working folder: `gunicorn --workers 4 wsgi:app`."""

# The access log keeps the path (%(U)s), never the query string: searches carry children's
# names. The default format's %(r)s is the whole request line, query included.
accesslog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s"'
