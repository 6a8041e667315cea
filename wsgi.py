"""Production entry point: `gunicorn --workers 4 wsgi:app` with CASEFLOW_ENV=production."""

from caseflow import create_app

app = create_app()
