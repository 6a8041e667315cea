"""The OpenAPI 3 description of the API, served at /api/v1/openapi.json and checked by a test."""

from flask import jsonify

from caseflow.api import bp
from caseflow.domain.cases import AbuseForm, RiskLevel, Sex, SourceType
from caseflow.domain.events import RECORDABLE_EVENTS
from caseflow.domain.facilities import FacilityType
from caseflow.domain.packs import PackLanguage, PackVersion
from caseflow.domain.workflow import CaseStatus, Urgency

ERROR = {"$ref": "#/components/schemas/Error"}


def _responses(ok: str, *codes: int) -> dict:
    out = {ok: {"description": "Success", "content": {"application/json": {}}}}
    for code in codes:
        out[str(code)] = {"description": "Error",
                          "content": {"application/json": {"schema": ERROR}}}  # fmt: skip
    return out


def _op(summary: str, ok: str = "200", *codes: int, body: dict | None = None,
        params: list | None = None, secure: bool = True) -> dict:  # fmt: skip
    op = {"summary": summary, "responses": _responses(ok, *codes)}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if params:
        op["parameters"] = params
    if not secure:
        op["security"] = []
    return op


def _path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


def _query(name: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema}


PAGING = [_query("page", {"type": "integer", "minimum": 1}),
          _query("per_page", {"type": "integer", "minimum": 1, "maximum": 200})]  # fmt: skip
VERSION = {"type": "integer"}
CASE_BODY = {
    "type": "object", "additionalProperties": False, "required": ["child", "source", "concerns"],
    "properties": {
        "child": {"type": "object", "additionalProperties": False,
                  "required": ["given_name", "state"],
                  "properties": {
                      "given_name": {"type": "string"}, "family_name": {"type": "string"},
                      "date_of_birth": {"type": "string", "format": "date", "nullable": True},
                      "age_estimate": {"type": "integer", "nullable": True},
                      "sex": {"enum": [s.value for s in Sex]},
                      "state": {"type": "string"}, "district": {"type": "string"},
                      "home_language": {"type": "string"}}},
        "source": {"type": "object", "additionalProperties": False,
                   "required": ["type", "reported_at"],
                   "properties": {"type": {"enum": [s.value for s in SourceType]},
                                  "facility_id": {"type": "integer"},
                                  "reported_at": {"type": "string", "format": "date-time"}}},
        "concerns": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["form"],
            "properties": {"form": {"enum": [f.value for f in AbuseForm]},
                           "online": {"type": "boolean"},
                           "platforms": {"type": "array", "items": {"type": "string"}}}}},
        "risk_level": {"enum": [r.value for r in RiskLevel]},
        "caregiver": {"type": "object", "additionalProperties": False,
                      "properties": {"name": {"type": "string"}, "phone": {"type": "string"},
                                     "relationship": {"type": "string"}}},
        "soca_sections": {"type": "array", "items": {"type": "string"}},
        "narrative": {"type": "string"},
    },
}  # fmt: skip

PACK_OPERATION = {
    **_op("Issue the child's or caregiver's information pack (recorded on the timeline)",
          "200", 401, 403, 404, 409, 422, params=[
              _path_id("id"),
              _query("version", {"enum": [v.value for v in PackVersion]}),
              _query("lang", {"enum": [lang.value for lang in PackLanguage]})]),
}  # fmt: skip
PACK_OPERATION["responses"]["200"] = {
    "description": "The PDF", "content": {"application/pdf": {"schema": {"type": "string",
                                                                         "format": "binary"}}},
}  # fmt: skip

EXPORT_FILE_OPERATION = _op("The finished file, once, within 24 hours", "200", 401, 404,
                            params=[_path_id("export_id")])  # fmt: skip
EXPORT_FILE_OPERATION["responses"]["200"] = {"description": "The CSV or XLSX file", "content": {
    "text/csv": {"schema": {"type": "string"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
        "schema": {"type": "string", "format": "binary"}}}}  # fmt: skip

DOCUMENT = {
    "openapi": "3.0.3",
    "info": {"title": "Caseflow API", "version": "1"},
    "servers": [{"url": "/api/v1"}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {"Error": {"type": "object", "required": ["error"], "properties": {
            "error": {"type": "object", "required": ["code", "message"], "properties": {
                "code": {"type": "string"}, "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}}}}}}},
    },
    "security": [{"bearer": []}],
    "paths": {
        "/tokens": {"post": _op("Exchange a username and password for a token", "201", 401, 422,
                                429, secure=False, body={
            "type": "object", "required": ["username", "password"],
            "properties": {"username": {"type": "string"}, "password": {"type": "string"},
                           "otp": {"type": "string"}}})},
        "/me": {"get": _op("The signed-in user", "200", 401)},
        "/facilities": {"get": _op("The facility directory", "200", 400, 401, 422, params=[
            _query("type", {"enum": [t.value for t in FacilityType]}),
            _query("state", {"type": "string"}), *PAGING])},
        "/cases": {
            "post": _op("Register a case", "201", 401, 403, 422, body=CASE_BODY),
            "get": _op("Search the cases this user may see", "200", 400, 401, 422, params=[
                _query("status", {"enum": [s.value for s in CaseStatus]}),
                _query("owner", {"type": "integer"}), _query("state", {"type": "string"}),
                _query("q", {"type": "string"}), *PAGING]),
        },
        "/cases/{id}": {"get": _op("A case as this user may see it", "200", 401, 404,
                                   params=[_path_id("id")])},
        "/cases/{id}/timeline": {"get": _op("The case's events, oldest first", "200", 400, 401,
                                            404, params=[_path_id("id"), *PAGING])},
        "/cases/{id}/events": {"post": _op("Record a step", "201", 401, 403, 404, 409, 422,
                                           params=[_path_id("id")], body={
            "type": "object", "required": ["type", "at", "version"],
            "properties": {"type": {"enum": [t.value for t in RECORDABLE_EVENTS]},
                           "at": {"type": "string", "format": "date-time"},
                           "version": VERSION}})},
        "/cases/{id}/referrals": {"post": _op("Refer the case to another facility", "201", 401,
                                              403, 404, 409, 422, params=[_path_id("id")], body={
            "type": "object", "additionalProperties": False,
            "required": ["to_facility_id", "reason", "urgency"],
            "properties": {"to_facility_id": {"type": "integer"}, "reason": {"type": "string"},
                           "urgency": {"enum": [u.value for u in Urgency]},
                           "version": VERSION}})},
        "/cases/{id}/assignment": {"post": _op("Assign the owning protector", "200", 401, 403,
                                               404, 409, 422, params=[_path_id("id")], body={
            "type": "object", "required": ["officer_id", "version"],
            "properties": {"officer_id": {"type": "integer"}, "version": VERSION}})},
        **{f"/referrals/{{id}}/{step}": {"post": _op(f"The receiver's answer: {step}", "200",
                                                     401, 403, 404, 409, 422,
                                                     params=[_path_id("id")])}
           for step in ("acknowledge", "accept")},
        "/referrals/{id}/decline": {"post": _op("Decline, with a reason", "200", 401, 403, 404,
                                                409, 422, params=[_path_id("id")], body={
            "type": "object", "required": ["reason"],
            "properties": {"reason": {"type": "string"}}})},
        "/cases/{id}/clocks": {"get": _op("Every clock of the case, with its status now", "200",
                                          401, 404, params=[_path_id("id")])},
        "/cases/{id}/information-pack": {"get": PACK_OPERATION},
        "/caseload": {"get": _op("Per officer: open, high-risk, due-soon and breached cases",
                                 "200", 401, 403, 404, 422,
                                 params=[_query("facility_id", {"type": "integer"})])},
        "/statistics": {"get": _op("De-identified counts, small cells suppressed", "200", 401,
                                   403, 422, params=[
            _query("from", {"type": "string", "format": "date"}),
            _query("to", {"type": "string", "format": "date"}),
            _query("group_by", {"type": "string"})])},
        "/notifications": {"get": _op("The user's notifications, newest first", "200", 400, 401,
                                      params=[_query("unread", {"enum": ["true", "false"]}),
                                              *PAGING])},
        "/exports": {"post": _op("Queue an export of a case list (202 with the job)", "202",
                                 401, 404, 422, body={
            "type": "object", "additionalProperties": False, "required": ["kind", "format"],
            "properties": {"kind": {"enum": ["cases", "dashboard_cases"]},
                           "format": {"enum": ["csv", "xlsx"]},
                           "q": {"type": "string"}, "status": {"type": "string"},
                           "state": {"type": "string"}, "mine": {"type": "boolean"},
                           "facility_id": {"type": "integer"}, "officer": {"type": "string"},
                           "metric": {"type": "string"}}})},
        "/exports/{export_id}": {"get": _op("An export job: status, progress, download_url when "
                                            "done", "200", 401, 404,
                                            params=[_path_id("export_id")])},
        "/exports/{export_id}/file": {"get": EXPORT_FILE_OPERATION},
        "/openapi.json": {"get": _op("This document", "200", secure=False)},
    },
}  # fmt: skip


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(DOCUMENT)
