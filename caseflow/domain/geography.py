"""Malaysia's 13 states and 3 federal territories.

Each carries its ISO 3166-2:MY code and the short code the `holidays` package uses for its
calendar, because the clocks count days on the calendar of the state where the work is done.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class State:
    code: str  # the `holidays` subdivision code, e.g. "KDH"
    iso: str  # ISO 3166-2:MY, e.g. "MY-02"
    name: str


STATES: tuple[State, ...] = (
    State("JHR", "MY-01", "Johor"),
    State("KDH", "MY-02", "Kedah"),
    State("KTN", "MY-03", "Kelantan"),
    State("MLK", "MY-04", "Melaka"),
    State("NSN", "MY-05", "Negeri Sembilan"),
    State("PHG", "MY-06", "Pahang"),
    State("PNG", "MY-07", "Pulau Pinang"),
    State("PRK", "MY-08", "Perak"),
    State("PLS", "MY-09", "Perlis"),
    State("SGR", "MY-10", "Selangor"),
    State("TRG", "MY-11", "Terengganu"),
    State("SBH", "MY-12", "Sabah"),
    State("SWK", "MY-13", "Sarawak"),
    State("KUL", "MY-14", "Wilayah Persekutuan Kuala Lumpur"),
    State("LBN", "MY-15", "Wilayah Persekutuan Labuan"),
    State("PJY", "MY-16", "Wilayah Persekutuan Putrajaya"),
)

STATES_BY_CODE: dict[str, State] = {state.code: state for state in STATES}
