"""What the benchmark scripts share: a warmed median, and a client signed in as a demo user."""

import statistics
import time

from caseflow.services import demo


def median_ms(fn, runs: int) -> float:
    fn()  # warm: the first call pays for caches a running server already has
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def signed_in_client(app, username: str):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/login", data={"username": username, "password": demo.DEMO_PASSWORD,
                                "csrf_token": token})  # fmt: skip
    return client
