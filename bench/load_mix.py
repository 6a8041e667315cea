"""What the load's nurses register: shared by bench/load.py and bench/locustfile.py (which must
not be imported by load.py, since locust patches the standard library as it loads).

Each registration is a different synthetic child, as a clinic's are: the same child registered
again and again would make every registration find all the earlier ones as possible
duplicates, and the benchmark would measure that pile-up, not a nurse's work.
"""

import random

GIVEN = ("Aina", "Mei Ling", "Kavitha", "Hakim", "Wei Jie", "Arjun", "Nurul", "Siew Lan")
FAMILY = ("Ujian", "Contoh", "Sampel", "Rekaan", "Olok", "Cubaan")


def registration() -> dict:
    return {
        "child": {
            "given_name": f"{random.choice(GIVEN)} {random.randrange(10**6):06d}",
            "family_name": random.choice(FAMILY),
            "state": "KDH",
            "sex": random.choice(("female", "male")),
            "age_estimate": random.randint(1, 17),
        },
        "source": {"type": "clinic", "reported_at": "2026-11-30T01:00:00Z"},
        "concerns": [{"form": "sexual_abuse"}],
        "risk_level": "high",
    }
