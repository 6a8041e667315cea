"""What the load's nurses register: shared by bench/load.py and bench/locustfile.py (which must
not be imported by load.py, since locust patches the standard library as it loads)."""

REGISTRATION = {
    "child": {
        "given_name": "Beban",
        "family_name": "Ujian",
        "state": "KDH",
        "sex": "female",
        "age_estimate": 9,
    },
    "source": {"type": "clinic", "reported_at": "2026-11-30T01:00:00Z"},
    "concerns": [{"form": "sexual_abuse"}],
    "risk_level": "high",
}
