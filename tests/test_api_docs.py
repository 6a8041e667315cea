"""/api/v1/docs, and its worked examples run against a served app so that they never go stale."""

import importlib.util
import os
import shutil
import subprocess
import threading

import pytest
from werkzeug.serving import make_server

from caseflow.api.docs import EXAMPLES
from caseflow.security import CONTENT_SECURITY_POLICY
from tests.support import require


@pytest.fixture
def served(app, demo_users):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def load_example():
    spec = importlib.util.spec_from_file_location("helpline_example", EXAMPLES / "helpline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_page_shows_both_examples_and_loads_only_this_hosts_assets(client):
    answer = client.get("/api/v1/docs")
    assert answer.status_code == 200 and answer.mimetype == "text/html"
    assert answer.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    page = answer.get_data(as_text=True)
    assert "def helpline_call" in page and "curl -sS" in page
    assert "<script>" not in page  # the CSP allows no inline script
    for asset in ("vendor/swagger-ui/swagger-ui-bundle.js", "js/api-docs.js"):
        assert f'src="/static/{asset}"' in page
        assert client.get(f"/static/{asset}").status_code == 200
    assert 'data-spec="/api/v1/openapi.json"' in page


def test_the_python_example_runs_the_helpline_path(app, served, capsys):
    example = load_example()
    caseflow = example.Caseflow(served)
    caseflow.sign_in("helpline.operator", "caseflow-demo")
    done = example.helpline_call(caseflow)
    assert done["case"]["reference"].startswith("CF-")
    assert done["office"]["type"] == "jkm" and done["office"]["district"] == "Kota Setar"
    assert done["referral"]["status"] == "sent"
    assert done["referral"]["to_facility_id"] == done["office"]["id"]
    assert done["clocks"], "a referral starts at least one clock"
    assert all(c["status"] == "running" for c in done["clocks"])
    assert "due" in capsys.readouterr().out


def test_the_python_example_quotes_the_request_id_when_refused(served):
    example = load_example()
    caseflow = example.Caseflow(served)
    with pytest.raises(SystemExit, match=r"401 .*request id [0-9a-f]{32}"):
        caseflow.sign_in("helpline.operator", "not-the-password")


def test_the_curl_example_runs_the_helpline_path(served):
    require(shutil.which("curl") is not None, "curl is not installed (apt-get install curl)")
    env = {
        **os.environ,
        "CASEFLOW_URL": served,
        "CASEFLOW_USER": "helpline.operator",
        "CASEFLOW_PASSWORD": "caseflow-demo",
    }
    done = subprocess.run(
        ["sh", str(EXAMPLES / "helpline.sh")], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert '"status":"sent"' in done.stdout.replace(" ", "")
    assert '"items"' in done.stdout and '"due_at"' in done.stdout
