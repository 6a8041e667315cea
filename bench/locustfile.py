"""The load of bench/load.py: protectors 70 %, nurses 15 %, supervisors 10 %, packs 5 %.

Run by bench/load.py (headless, bounded users and seconds); it passes the case ids to read in
CASEFLOW_LOAD_CASES, the nurse's referral target in CASEFLOW_LOAD_OSCC, the think time between
two requests of a user in CASEFLOW_LOAD_WAIT ("low,high" seconds), and the sessions and tokens
it signed in beforehand in CASEFLOW_LOAD_SIGNED_IN (a JSON file): the users are at work when
the timed run starts, as they are at nine in the morning, and the run measures their work,
not a crowd signing in (bench/load.py --sign-in-burst measures that apart).
"""

import itertools
import json
import os
import random

from load_mix import registration
from locust import HttpUser, between, task

CASES = [int(n) for n in os.environ.get("CASEFLOW_LOAD_CASES", "").split(",") if n]
OSCC = int(os.environ.get("CASEFLOW_LOAD_OSCC", "0"))
LOW, HIGH = (float(s) for s in os.environ.get("CASEFLOW_LOAD_WAIT", "0.5,2").split(","))
with open(os.environ["CASEFLOW_LOAD_SIGNED_IN"]) as signed_in:
    SIGNED_IN = json.load(signed_in)  # {"web": {username: [cookies]}, "api": {username: [tokens]}}
_next = itertools.count()


def signed_in(kind: str, username: str):
    """This simulated user's own session (web) or token (api), made before the run."""
    pool = SIGNED_IN[kind][username]
    return pool[next(_next) % len(pool)]


def api_headers(username: str) -> dict:
    return {"Authorization": f"Bearer {signed_in('api', username)}"}


class Protector(HttpUser):
    weight = 70
    wait_time = between(LOW, HIGH)

    def on_start(self):
        self.client.cookies.update(signed_in("web", "jkm.protector"))
        self.headers = api_headers("jkm.protector")
        self.wait()  # the first click after a think time too: fifty users never click at once

    @task(3)
    def work_queue(self):
        self.client.get("/cases", name="work queue")

    @task(3)
    def case_page(self):
        self.client.get(f"/cases/{random.choice(CASES)}", name="case page")

    @task(2)
    def timeline(self):
        self.client.get(
            f"/api/v1/cases/{random.choice(CASES)}/timeline",
            name="timeline (API)",
            headers=self.headers,
        )


class Nurse(HttpUser):
    weight = 15
    wait_time = between(LOW, HIGH)

    def on_start(self):
        self.headers = api_headers("clinic.nurse")
        self.wait()

    @task
    def register_and_refer(self):
        made = self.client.post(
            "/api/v1/cases", name="register (API)", json=registration(), headers=self.headers
        )
        if made.status_code != 201:
            return
        case = made.json()
        self.client.post(
            f"/api/v1/cases/{case['id']}/referrals",
            name="refer (API)",
            headers=self.headers,
            json={
                "to_facility_id": OSCC,
                "reason": "Load test referral.",
                "urgency": "routine",
                "version": case["version"],
            },
        )


class Supervisor(HttpUser):
    weight = 10
    wait_time = between(LOW, HIGH)

    def on_start(self):
        self.headers = api_headers("jkm.supervisor")
        self.wait()

    @task
    def caseload(self):
        self.client.get("/api/v1/caseload", name="caseload (API)", headers=self.headers)


class Packs(HttpUser):
    weight = 5
    wait_time = between(LOW, HIGH)

    def on_start(self):
        self.headers = api_headers("jkm.protector")
        self.wait()

    @task
    def pack(self):
        self.client.get(
            f"/api/v1/cases/{random.choice(CASES)}/information-pack",
            name="information pack (API)",
            headers=self.headers,
        )
