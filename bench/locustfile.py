"""The load of bench/load.py: protectors 70 %, nurses 15 %, supervisors 10 %, packs 5 %.

Run by bench/load.py (headless, bounded users and seconds); it passes the case ids to read in
CASEFLOW_LOAD_CASES and the nurse's referral target in CASEFLOW_LOAD_OSCC.
"""

import os
import random
import re

from load_mix import REGISTRATION
from locust import HttpUser, between, task

PASSWORD = "caseflow-demo"
CASES = [int(n) for n in os.environ.get("CASEFLOW_LOAD_CASES", "").split(",") if n]
OSCC = int(os.environ.get("CASEFLOW_LOAD_OSCC", "0"))
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def web_sign_in(user: HttpUser, username: str) -> None:
    page = user.client.get("/login", name="sign-in page")
    token = CSRF.search(page.text).group(1)
    form = {"username": username, "password": PASSWORD, "csrf_token": token}
    user.client.post("/login", name="sign in (web)", allow_redirects=False, data=form)


def api_token(user: HttpUser, username: str) -> dict:
    answer = user.client.post(
        "/api/v1/tokens",
        name="sign in (API token)",
        json={"username": username, "password": PASSWORD},
    )
    return {"Authorization": f"Bearer {answer.json()['token']}"}


class Protector(HttpUser):
    weight = 70
    wait_time = between(0.5, 2)

    def on_start(self):
        web_sign_in(self, "jkm.protector")
        self.headers = api_token(self, "jkm.protector")

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
    wait_time = between(0.5, 2)

    def on_start(self):
        self.headers = api_token(self, "clinic.nurse")

    @task
    def register_and_refer(self):
        made = self.client.post(
            "/api/v1/cases", name="register (API)", json=REGISTRATION, headers=self.headers
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
    wait_time = between(0.5, 2)

    def on_start(self):
        self.headers = api_token(self, "jkm.supervisor")

    @task
    def caseload(self):
        self.client.get("/api/v1/caseload", name="caseload (API)", headers=self.headers)


class Packs(HttpUser):
    weight = 5
    wait_time = between(0.5, 2)

    def on_start(self):
        self.headers = api_token(self, "jkm.protector")

    @task
    def pack(self):
        self.client.get(
            f"/api/v1/cases/{random.choice(CASES)}/information-pack",
            name="information pack (API)",
            headers=self.headers,
        )
