"""The committed deployment files agree with the app: body limit, timeouts, headers, commands.

`nginx -t` and `systemd-analyze verify` themselves run in .ci/run (deploy/check-*.sh).
"""

import re
import shlex
from pathlib import Path

from caseflow.security import CONTENT_SECURITY_POLICY
from config import Config

ROOT = Path(__file__).resolve().parent.parent
NGINX = (ROOT / "deploy" / "nginx" / "caseflow.conf").read_text()
UNITS = ROOT / "deploy" / "systemd"


def gunicorn_settings() -> dict:
    settings: dict = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), settings)
    return settings


def directive(name: str) -> list[str]:
    return re.findall(rf"^\s*{name}\s+([^;]+);", NGINX, re.MULTILINE)


def seconds(value: str) -> int:
    return int(value.removesuffix("s"))


def test_nginx_body_limit_is_the_apps():
    (limit,) = directive("client_max_body_size")
    assert limit == "1m" and Config.MAX_CONTENT_LENGTH == 1024 * 1024


def test_nginx_waits_for_gunicorn_as_long_as_gunicorn_lets_a_request_run():
    timeout = gunicorn_settings()["timeout"]
    assert seconds(directive("proxy_read_timeout")[0]) == timeout
    assert seconds(directive("proxy_send_timeout")[0]) == timeout


#: What a response carries that is not a security header nginx repeats.
NOT_SECURITY = {"Content-Type", "Content-Length", "Cache-Control", "X-Request-ID", "Vary"}


def test_nginx_sends_the_apps_security_headers_with_the_same_values(client):
    headers = client.get("/healthz", base_url="https://caseflow.test").headers
    sent = {
        name: value.strip('"')
        for name, value in re.findall(r'add_header\s+(\S+)\s+("[^"]*"|\S+)\s+always;', NGINX)
    }
    expected = {k: v for k, v in headers.items() if k not in NOT_SECURITY}
    assert sent == expected
    assert sent["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    hidden = set(directive("proxy_hide_header"))
    assert hidden == set(sent)  # the app's copies hidden: each header sent once


def test_nginx_passes_its_request_id_and_never_logs_a_query_string():
    assert "proxy_set_header X-Request-ID $request_id" in NGINX
    log_format = NGINX[NGINX.index("log_format") : NGINX.index("upstream")]
    assert "$uri" in log_format
    for leak in ("$request_uri", "$args", "$query_string", "$request "):
        assert leak not in log_format


def test_gunicorn_listens_where_nginx_sends():
    (upstream,) = re.findall(r"upstream caseflow_app \{\s*server ([^;\s]+)", NGINX)
    env = dict(
        line.split("=", 1)
        for line in (ROOT / "deploy" / "caseflow.env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert env["GUNICORN_BIND"] == upstream
    assert env["PROXY_COUNT"] == "1"  # nginx is the one proxy whose X-Forwarded-* the app trusts


def unit(name: str) -> dict[str, str]:
    values = {}
    for line in (UNITS / name).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values[key] = value
    return values


def test_units_start_the_committed_configuration_and_commands():
    web = unit("caseflow-web.service")
    assert shlex.split(web["ExecStart"])[1:] == ["-c", "gunicorn.conf.py", "wsgi:app"]
    graceful = gunicorn_settings()["graceful_timeout"]
    assert int(web["TimeoutStopSec"]) > graceful
    worker = shlex.split(unit("caseflow-worker.service")["ExecStart"])
    assert worker[1:5] == ["--app", "wsgi", "jobs", "consume"]
    sweep = shlex.split(unit("caseflow-sweep.service")["ExecStart"])
    assert sweep[1:] == ["--app", "wsgi", "clocks", "sweep"]
    # The timer keeps the worker's schedule (caseflow/jobs/tasks.py: crontab(minute="*/5")).
    assert unit("caseflow-sweep.timer")["OnCalendar"] == "*:0/5"
    for name in ("caseflow-web.service", "caseflow-worker.service", "caseflow-sweep.service"):
        assert unit(name)["EnvironmentFile"] == "/etc/caseflow/caseflow.env"


def test_gunicorn_workers_keep_the_loaded_app_out_of_the_collectors_sight():
    """A full collection over the app's whole heap pauses the request it lands on."""
    import gc

    before = gc.get_freeze_count()
    try:
        gunicorn_settings()["post_worker_init"](None)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
