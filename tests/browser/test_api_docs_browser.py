"""/api/v1/docs in Chromium: the operations render from this host alone, with no console error
(a CSP refusal is one) and no request leaving the host."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_api_docs_render_with_no_console_error_and_no_outside_request(
    page, live_server, screenshot
):
    host = urlsplit(live_server).netloc
    requests, outside, problems = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    # Anything not for this host is stopped and noted, so a stray fetch can neither leave nor hide.
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).netloc == host
            else (outside.append(route.request.url), route.abort())[-1]
        ),
    )
    page.goto("/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/cases/{case_id}/referrals" in paths and "/tokens" in paths
    assert page.locator("#examples").is_visible()
    page.locator(".opblock-summary-path", has_text="/cases/{case_id}/clocks").first.click()
    page.wait_for_selector(".opblock.is-open .responses-wrapper")
    screenshot("api-docs")
    assert not problems, problems
    assert not outside, outside
    assert any(url.endswith("/api/v1/openapi.json") for url in requests)
    assert all(urlsplit(url).scheme in ("http", "data") for url in requests), requests
