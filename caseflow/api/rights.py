"""The child's data rights over the API: identity corrections and the subject-access export."""

from caseflow.api import api
from caseflow.api.cases import actor, visible_case
from caseflow.api.schemas import CaseOut, CorrectionIn, SubjectAccessOut, SubjectAccessQuery
from caseflow.api.serialize import case_out
from caseflow.http import utc_now
from caseflow.http.responses import record_response
from caseflow.models import Case
from caseflow.services import corrections, subject_access
from caseflow.services.corrections import IdentityInput, identity_of


def identity_wanted(case: Case, body: CorrectionIn) -> IdentityInput:
    """The identity as it should read: the fields sent over the case's current ones."""
    sent = body.model_dump(exclude={"version", "reason"}, exclude_unset=True)
    wanted = {**identity_of(case), **sent}
    wanted["family_name"] = wanted["family_name"] or ""
    return IdentityInput(**wanted)


@api(
    "post",
    "/cases/<id:case_id>/corrections",
    "Correct the child's or caregiver's identity, with a reason (kept on the timeline)",
    status=201,
    body=CorrectionIn,
    response=CaseOut,
    errors=(403, 404, 409, 422),
)
def correct(case_id: int, body: CorrectionIn):
    case = visible_case(case_id)
    wanted = identity_wanted(case, body)
    corrections.correct_identity(actor(), case, body.version, wanted, body.reason, utc_now())
    return case_out(case)


@api(
    "get",
    "/cases/<id:case_id>/subject-access",
    "The child's whole record for a subject-access request (owning supervisor; audited)",
    query=SubjectAccessQuery,
    response=SubjectAccessOut,
    errors=(403, 404, 422),
)
def subject_access_export(case_id: int, query: SubjectAccessQuery):
    case = visible_case(case_id)
    done = subject_access.export(actor(), case, query.format, utc_now())
    if query.format == "pdf":
        return record_response(done, "pdf")
    return SubjectAccessOut(**done.record)
