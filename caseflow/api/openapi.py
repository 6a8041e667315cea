"""The OpenAPI 3.1 document, generated from the declared operations and their pydantic models.

Nothing here describes a body by hand: change a model and the document follows.
"""

from functools import cache

from flask import jsonify
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from caseflow.api import api
from caseflow.api.operations import OPERATIONS, Operation
from caseflow.domain.ids import MAX_ID

REF = "#/components/schemas/{model}"
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                "request_id": {"type": "string"},
            },
        }
    },
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}


def _query_parameters(model: type[BaseModel], schemas: dict) -> list[dict]:
    schema = model.model_json_schema(ref_template=REF, by_alias=True)
    schemas.update(schema.pop("$defs", {}))
    required = set(schema.get("required", ()))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": prop}
        for name, prop in schema["properties"].items()
    ]


def _path_parameters(op: Operation) -> list[dict]:
    return [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        }
        for name in op.path_parameters
    ]


def _responses(op: Operation, refs: dict) -> dict:
    ok: dict = {"description": "Success"}
    if op.media != "application/json":
        binary = {"schema": {"type": "string", "format": "binary"}}
        ok["content"] = {media: binary for media in op.media.split(",")}
    elif op.response is not None:
        ok["content"] = {"application/json": {"schema": refs[(op.response, "serialization")]}}
    codes = set(op.errors) | ({400, 422} if op.body or op.query else set())
    if op.secure:
        codes.add(401)
    errors = {
        str(code): {"description": "Error", "content": {"application/json": {"schema": ERROR_REF}}}
        for code in sorted(codes)
    }
    return {str(op.status): ok, **errors}


def _operation(op: Operation, refs: dict, schemas: dict) -> dict:
    doc: dict = {"summary": op.summary, "operationId": op.rule + ":" + op.method}
    parameters = _path_parameters(op)
    if op.query is not None:
        parameters += _query_parameters(op.query, schemas)
    if parameters:
        doc["parameters"] = parameters
    if op.body is not None:
        schema = refs[(op.body, "validation")]
        doc["requestBody"] = {"required": True, "content": {"application/json": {"schema": schema}}}
    doc["responses"] = _responses(op, refs)
    if not op.secure:
        doc["security"] = []
    return doc


@cache
def document() -> dict:
    models = {(op.body, "validation") for op in OPERATIONS if op.body is not None}
    models |= {(op.response, "serialization") for op in OPERATIONS if op.response is not None}
    ordered = sorted(models, key=lambda pair: (pair[0].__name__, pair[1]))
    refs, definitions = models_json_schema(ordered, ref_template=REF, by_alias=True)
    schemas = {"Error": ERROR, **definitions.get("$defs", {})}
    paths: dict = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op, refs, schemas)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Caseflow API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas,
        },
        "security": [{"bearer": []}],
        "paths": paths,
    }


@api("get", "/openapi.json", "This document", secure=False)
def openapi_document():
    return jsonify(document())
