"""Errors a service raises when it refuses a step. Views turn them into messages or 4xx."""


class ServiceError(Exception):
    """A step refused for a reason the user can act on; nothing was changed."""

    def __init__(self, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class ValidationFailed(ServiceError):
    """The input breaks a rule (422 on the API)."""


class Conflict(ServiceError):
    """The record changed or is in a state that does not allow the step (409 on the API)."""


class StepRefused(ServiceError):
    """The workflow refuses this step for this user or in this state; nothing was changed."""

    def __init__(self, refusal):
        from caseflow.services.refusals import REFUSAL_MESSAGES

        super().__init__(REFUSAL_MESSAGES[refusal])
        self.refusal = refusal
