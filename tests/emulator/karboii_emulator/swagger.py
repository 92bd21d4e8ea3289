# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""VK's Swagger 2.0 spec of Karboii turned into JSON Schema, to check bodies against the contract.

Only the optional `--swagger` mode and the contract tests use this, so the
`jsonschema` package is imported lazily and the emulator itself needs nothing
beyond the standard library.
"""

import json
import threading

from .routing import compile_template

DEFINITION_PREFIX = "#/definitions/"


def load_spec(path):
    with open(path) as handle:
        return json.load(handle)


def _nullable(schema):
    """Swagger's `x-nullable: true` as JSON Schema: the value may also be null."""
    if "$ref" in schema:
        # Draft 4 ignores every keyword beside $ref, so null has to be an alternative.
        return {"anyOf": [schema, {"type": "null"}]}
    if "type" not in schema:
        return schema
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    nullable = dict(schema, type=types + ["null"])
    if "enum" in nullable:
        nullable["enum"] = list(nullable["enum"]) + [None]
    return nullable


class Translator:
    """Swagger 2.0 schema objects -> draft-4 JSON Schema.

    `extra_nullable`: (definition, property) pairs to accept null for although
    the spec does not say so. `strict`: close every object that lists its
    properties (no unknown keys), except for `extra_properties`
    ({definition: {property: schema}}) known to exist beyond the spec.
    """

    def __init__(self, extra_nullable=(), strict=False, extra_properties=None):
        self.extra_nullable = frozenset(tuple(pair) for pair in extra_nullable)
        self.strict = strict
        self.extra_properties = extra_properties or {}

    def translate(self, node, definition=None):
        if isinstance(node, list):
            return [self.translate(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key.startswith("x-") or key in ("description", "example"):
                continue
            if key == "properties":
                out[key] = dict((name, self._property(definition, name, schema)) for name, schema in value.items())
            else:
                out[key] = self.translate(value)
        if self.strict and "properties" in out and "additionalProperties" not in out:
            out["properties"].update(self.extra_properties.get(definition, {}))
            out["additionalProperties"] = False
        if node.get("x-nullable") is True:
            out = _nullable(out)
        return out

    def _property(self, definition, name, schema):
        translated = self.translate(schema)
        if (definition, name) in self.extra_nullable:
            translated = _nullable(translated)
        return translated


class Contract:
    """Request and response schemas of each operation, found by method and path."""

    def __init__(self, spec, extra_nullable=(), strict=False, extra_properties=None):
        translator = Translator(extra_nullable, strict, extra_properties)
        self.translator = translator
        self.definitions = dict((name, translator.translate(schema, name)) for name, schema in spec["definitions"].items())
        # Literal segments before placeholders, so /health is not read as a project id.
        paths = sorted(spec["paths"].items(), key=lambda item: item[0].count("{"))
        self.operations = [(compile_template(path), path, item) for path, item in paths]
        self.paths = dict(spec["paths"])
        self._validators = {}
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path, **options):
        return cls(load_spec(path), **options)

    @staticmethod
    def require_jsonschema():
        """Fail at start rather than on the first request when the optional package is missing."""
        try:
            import jsonschema  # noqa: F401  pylint: disable=unused-import
        except ImportError:
            raise RuntimeError("--swagger needs the jsonschema package (pip install jsonschema)")

    def operation(self, method, path):
        """(template, operation) for a path below the Karboii base, e.g. `/<project>/plans`."""
        for regex, template, item in self.operations:
            if regex.match(path) and method.lower() in item:
                return template, item[method.lower()]
        return None, None

    def operations_by_path(self):
        """{path template: {method: operation}} as the spec lists them."""
        return dict((path, dict((method.upper(), op) for method, op in item.items() if method != "parameters"))
                    for path, item in self.paths.items())

    def request_schema(self, method, path):
        operation = self.operation(method, path)[1]
        for parameter in (operation or {}).get("parameters", ()):
            if parameter.get("in") == "body":
                return parameter["schema"]
        return None

    def response_schema(self, method, path, status):
        operation = self.operation(method, path)[1]
        response = (operation or {}).get("responses", {}).get(str(status))
        return (response or {}).get("schema")

    def errors(self, schema, instance):
        """Human-readable violations of `schema` (a Swagger schema object) by `instance`."""
        validator = self._validator(schema)
        found = sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path))
        return ["%s: %s" % ("/".join(str(part) for part in error.absolute_path) or "(body)", error.message)
                for error in found]

    def _validator(self, schema):
        key = json.dumps(schema, sort_keys=True)
        with self._lock:
            validator = self._validators.get(key)
            if validator is None:
                import jsonschema  # optional dependency, only for contract checks
                full = dict(self.translator.translate(schema), definitions=self.definitions)
                validator = jsonschema.Draft4Validator(full)
                self._validators[key] = validator
        return validator

    def request_errors(self, method, path, body):
        """Violations of the operation's request body schema; [] when it takes no body."""
        schema = self.request_schema(method, path)
        return [] if schema is None else self.errors(schema, body)

    def response_errors(self, method, path, status, body):
        schema = self.response_schema(method, path, status)
        return [] if schema is None else self.errors(schema, body)

    @staticmethod
    def schema_name(schema):
        ref = (schema or {}).get("$ref", "")
        return ref[len(DEFINITION_PREFIX):] if ref.startswith(DEFINITION_PREFIX) else "inline schema"
