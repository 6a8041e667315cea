"""Reference data: the directory of Malaysia's districts and facilities, as plain records.

`malaysia.json` holds the facts per state; `facility_specs()` turns them into one record per
facility, the same every time, so loading it twice changes nothing.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from caseflow.domain.facilities import FacilityType
from caseflow.domain.geography import STATES_BY_CODE


@dataclass(frozen=True, slots=True)
class FacilitySpec:
    code: str
    type: FacilityType
    name: str
    state: str
    district: str | None
    default_oscc_code: str | None = None
    special: bool = False
    phone: str | None = None


@cache
def load_reference() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("malaysia.json").read_text("utf-8"))


def districts() -> dict[str, list[str]]:
    return {code: facts["districts"] for code, facts in load_reference()["states"].items()}


def capital_office_name(state: str) -> str | None:
    """The directory's name for the JKM office of a state's capital district."""
    facts = load_reference()["states"].get(state)
    return f"Pejabat Kebajikan Masyarakat Daerah {facts['capital_district']}" if facts else None


def facility_code(state: str, kind: FacilityType, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"{state.lower()}-{kind.value}-{slug}"[:64]


def facility_specs() -> list[FacilitySpec]:
    """Every facility, OSCCs first so that clinics can name theirs."""
    specs: list[FacilitySpec] = []
    for state, facts in load_reference()["states"].items():
        specs.extend(_state_facilities(state, facts))
    for item in load_reference()["national"]:
        specs.append(
            FacilitySpec(
                code=item["code"],
                type=FacilityType(item["type"]),
                name=item["name"],
                state=item["state"],
                district=item.get("district"),
                special=item.get("special", False),
                phone=item.get("phone"),
            )
        )
    specs.sort(key=lambda spec: spec.type is not FacilityType.OSCC)
    return specs


def _state_facilities(state: str, facts: dict[str, Any]) -> list[FacilitySpec]:
    state_name = STATES_BY_CODE[state].name
    capital, capital_district = facts["capital"], facts["capital_district"]
    hospitals = [[facts["hospital"], facts.get("hospital_district", capital_district)]]
    hospitals += facts.get("extra_hospitals", [])
    osccs = {
        name: _spec(state, FacilityType.OSCC, f"OSCC, {name}", dist) for name, dist in hospitals
    }
    main_oscc = osccs[facts["hospital"]]
    specs = list(osccs.values())
    for clinic in facts["clinics"]:
        oscc = osccs[clinic[2]] if len(clinic) > 2 else main_oscc
        specs.append(_spec(state, FacilityType.CLINIC, clinic[0], clinic[1], oscc.code))
    served = (
        {capital_district} | {c[1] for c in facts["clinics"]} | {s[1] for s in facts["schools"]}
    )
    for district in sorted(served):
        name = f"Pejabat Kebajikan Masyarakat Daerah {district}"
        specs.append(_spec(state, FacilityType.JKM, name, district))
    specs += [
        _spec(state, FacilityType.SCHOOL, name, district) for name, district in facts["schools"]
    ]
    police_district = facts.get("police_district", capital_district)
    specs += [
        _spec(state, FacilityType.POLICE, f"D11, IPK {state_name}", capital_district),
        # The code keeps the name the directory first used, so a reload never duplicates it.
        _spec(
            state,
            FacilityType.POLICE,
            f"IPD {police_district}",
            capital_district,
            code_name=f"IPD {capital_district}",
        ),
        _spec(state, FacilityType.COURT, f"Mahkamah Sesyen {capital}", capital_district),
        _spec(state, FacilityType.COURT, f"Mahkamah Bagi Kanak-Kanak {capital}", capital_district),
        _spec(
            state,
            FacilityType.LEGAL_COMPANION,
            f"Jabatan Bantuan Guaman {state_name} (Pendamping Guaman)",
            capital_district,
            code_name=f"Jabatan Bantuan Guaman {state_name} (Pendamping Sah)",
        ),
    ]
    return specs


def _spec(
    state: str,
    kind: FacilityType,
    name: str,
    district: str,
    oscc_code: str | None = None,
    code_name: str | None = None,
) -> FacilitySpec:
    code = facility_code(state, kind, code_name or name)
    return FacilitySpec(code, kind, name, state, district, oscc_code)
