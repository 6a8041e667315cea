"""A helpline's path through the Caseflow API, with nothing but Python 3.11's standard
library: sign in for a token, register a case from a call, refer it to the child's district
JKM office, and follow the clocks that the referral started.

    CASEFLOW_URL=<your Caseflow address> CASEFLOW_USER=helpline.operator \
        CASEFLOW_PASSWORD=... python3 helpline.py
"""

import json
import os
import urllib.error
import urllib.request
from datetime import UTC, datetime


class Caseflow:
    def __init__(self, url: str):
        self.api = url.rstrip("/") + "/api/v1"
        self.token = None

    def call(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.api + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.load(answer) if answer.status != 204 else None
        except urllib.error.HTTPError as refused:
            error = json.load(refused)["error"]
            # Quote the request id to the operator: it names this call in their logs.
            raise SystemExit(
                f"{method} {path}: {refused.code} {error['message']} {error.get('fields', '')}"
                f" (request id {error.get('request_id')})"
            ) from None

    def sign_in(self, username: str, password: str) -> None:
        answer = self.call("POST", "/tokens", {"username": username, "password": password})
        self.token = answer["token"]  # valid until answer["expires_at"]


def helpline_call(caseflow: Caseflow) -> dict:
    """Register, refer, follow: returns what each step answered."""
    case = caseflow.call(
        "POST",
        "/cases",
        {
            "child": {
                "given_name": "Aina",
                "family_name": "Contoh",
                "date_of_birth": None,
                "age_estimate": 12,
                "sex": "female",
                "state": "KDH",
                "district": "Kota Setar",
            },
            # When the call came in: the clocks count from it.
            "source": {"type": "helpline", "reported_at": datetime.now(UTC).isoformat()},
            "concerns": [{"form": "sexual_extortion", "online": True, "platforms": ["tiktok"]}],
            "risk_level": "high",
            "narrative": "Synthetic example: a caller reports threats to share images.",
        },
    )
    # The child's district JKM office, from the directory.
    offices = caseflow.call("GET", "/facilities?type=jkm&state=KDH&per_page=200")["items"]
    office = next(f for f in offices if f["district"] == "Kota Setar")
    referral = caseflow.call(
        "POST",
        f"/cases/{case['id']}/referrals",
        {
            "to_facility_id": office["id"],
            "reason": "Helpline call: online sexual extortion",
            "urgency": "urgent",
            "version": case["version"],  # the version just read: a stale one answers 409
        },
    )
    clocks = caseflow.call("GET", f"/cases/{case['id']}/clocks")["items"]
    for clock in clocks:
        print(clock["policy"]["name"], clock["status"], "due", clock["due_at"])
    return {"case": case, "office": office, "referral": referral, "clocks": clocks}


if __name__ == "__main__":
    caseflow = Caseflow(os.environ["CASEFLOW_URL"])
    caseflow.sign_in(os.environ["CASEFLOW_USER"], os.environ["CASEFLOW_PASSWORD"])
    done = helpline_call(caseflow)
    print(done["case"]["reference"], "referred to", done["office"]["name"])
