"""The steps the caller may record on a case now, from the same rules that refuse the others."""

from caseflow.api import api
from caseflow.api.cases import actor, visible_case
from caseflow.api.schemas import StepFieldOut, StepList, StepOut
from caseflow.domain.steps import OfferedStep
from caseflow.http import utc_now
from caseflow.http.labels import EVENT_LABELS, STEP_FIELD_LABELS
from caseflow.services import audit, case_steps
from caseflow.services.audit import ReadKind


def step_out(step: OfferedStep) -> StepOut:
    fields = [(name, True) for name in step.required] + [(name, False) for name in step.optional]
    return StepOut(
        type=step.kind.value,
        label=str(EVENT_LABELS[step.kind]),
        fields=[
            StepFieldOut(name=name, label=str(STEP_FIELD_LABELS[name]), required=required)
            for name, required in fields
        ],
        confirm=step.confirm,
    )


@api(
    "get",
    "/cases/<id:case_id>/steps",
    "The steps the caller may record on this case now, with the fields each needs",
    response=StepList,
    errors=(404,),
)
def case_steps_offered(case_id: int):
    """What the case page's "Record a step" offers; the step list reveals the case's state,
    so the read is recorded."""
    case = visible_case(case_id)
    offered = case_steps.offered(actor().user, case)
    audit.record_read(actor(), ReadKind.VIEW, [case.id], utc_now(), what="steps")
    return StepList(items=[step_out(step) for step in offered])
