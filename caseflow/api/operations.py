"""Each API operation is declared once: its route, its body and query models, and its answers.

The declaration registers the route, parses the request through the pydantic models (422
naming each field in dotted form), and is what the OpenAPI document is generated from.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import Response, g, jsonify, request
from pydantic import BaseModel, ValidationError

from caseflow.domain.events import RECORDABLE_EVENTS
from caseflow.http import utc_now
from caseflow.http.responses import json_error
from caseflow.services import api_tokens


@dataclass(frozen=True)
class Operation:
    method: str
    rule: str
    summary: str
    status: int
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    media: str
    errors: tuple[int, ...]
    secure: bool

    @property
    def path(self) -> str:
        """The Flask rule as an OpenAPI path: `/cases/<id:case_id>` → `/cases/{case_id}`."""
        return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.rule)

    @property
    def path_parameters(self) -> list[str]:
        return re.findall(r"<(?:\w+:)?(\w+)>", self.rule)


OPERATIONS: list[Operation] = []


class InvalidInput(Exception):
    """The body or query broke its schema: 422, each field named, nothing changed."""

    def __init__(self, fields: dict[str, str]):
        super().__init__("Please correct the fields named.")
        self.fields = fields


class MalformedBody(Exception):
    """Not JSON, or not a JSON object where one is required: 400."""


class Unauthenticated(Exception):
    """No valid bearer token: 401."""


#: An event body's errors come back under its tag (`note.text`); the field alone is `text`.
_EVENT_TAGS = {kind.value for kind in RECORDABLE_EVENTS}


def field_name(loc: tuple) -> str:
    """`('child', 'date_of_birth')` → `child.date_of_birth`; an event's tag is left out."""
    parts = [str(p) for p in loc if p != "root"]
    if len(parts) > 1 and parts[0] in _EVENT_TAGS:
        parts = parts[1:]
    return ".".join(parts) or "body"


def errors_by_field(error: ValidationError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in error.errors(include_url=False, include_context=False, include_input=False):
        if item["type"] == "json_invalid":
            raise MalformedBody(item["msg"])
        loc = item["loc"]
        if item["type"] in {"union_tag_invalid", "union_tag_not_found"}:
            loc = (*loc, "type")
        name = field_name(loc)
        if item["type"] == "extra_forbidden":
            fields[name] = "unknown field"
        else:
            fields.setdefault(name, item["msg"])
    return fields


def read_body(model: type[BaseModel]) -> BaseModel:
    data = request.get_data(cache=True)
    if not data.strip():
        data = b"{}"
    try:
        return model.model_validate_json(data)
    except ValidationError as error:
        raise InvalidInput(errors_by_field(error)) from error


def read_query(model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as error:
        raise InvalidInput(errors_by_field(error)) from error


def authenticate() -> None:
    """`Authorization: Bearer <token>`; a web session cookie does not count (API.md)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    record = api_tokens.find(token.strip(), utc_now()) if scheme == "Bearer" else None
    if record is None:
        raise Unauthenticated
    g.api_user, g.api_token = record.user, record


def answer(result, status: int):
    if isinstance(result, Response):
        return result
    if result is None:
        return Response(status=204)
    if isinstance(result, BaseModel):
        return jsonify(result.model_dump(mode="json", by_alias=True)), status
    return result


def operation(
    bp,
    method: str,
    rule: str,
    summary: str,
    *,
    status: int = 200,
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    media: str = "application/json",
    errors: tuple[int, ...] = (),
    secure: bool = True,
) -> Callable:
    """Declare an operation; the view gets `body` and `query` already parsed."""

    def decorate(view: Callable) -> Callable:
        declared = Operation(
            method.lower(), rule, summary, status, body, query, response, media, errors, secure
        )

        @wraps(view)
        def handler(**path):
            if secure:
                authenticate()
            kwargs = dict(path)
            if body is not None:
                kwargs["body"] = read_body(body)
            if query is not None:
                kwargs["query"] = read_query(query)
            return answer(view(**kwargs), status)

        bp.add_url_rule(rule, view.__name__, handler, methods=[method.upper()])
        OPERATIONS.append(declared)
        return handler

    return decorate


def error_answers(bp) -> None:
    bp.register_error_handler(InvalidInput, lambda e: json_error(422, str(e), e.fields))
    bp.register_error_handler(MalformedBody, lambda e: json_error(400, "Send a JSON object."))
    bp.register_error_handler(
        Unauthenticated,
        lambda e: json_error(401, "Send a valid token: Authorization: Bearer <token>."),
    )
