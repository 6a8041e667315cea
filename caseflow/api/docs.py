"""`/api/v1/docs`: the OpenAPI document rendered for integrators, with worked examples.

Swagger UI is served from static/ (no outside host, no inline script: the app's CSP holds);
the examples are the files in api/examples/, which tests/test_api_docs.py runs against the
app, so what the page shows is what works.
"""

from functools import cache
from pathlib import Path

from flask import render_template

from caseflow.api import api

EXAMPLES = Path(__file__).resolve().parent / "examples"


@cache
def examples() -> dict[str, str]:
    return {
        "python": (EXAMPLES / "helpline.py").read_text(),
        "curl": (EXAMPLES / "helpline.sh").read_text(),
    }


@api("get", "/docs", "This API's documentation, rendered", secure=False, media="text/html")
def api_docs():
    return render_template("api/docs.html", examples=examples())
