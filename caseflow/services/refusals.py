"""The sentences a user reads when the workflow refuses a step."""

from caseflow.domain.workflow import Refusal
from caseflow.i18n import lazy_gettext as _l

REFUSAL_MESSAGES = {
    Refusal.NOT_YOUR_CASE: _l("Only the facility that owns this case can do that."),
    Refusal.NOT_YOUR_REFERRAL: _l("Only the facility that received this referral can answer it."),
    Refusal.ROLE_MAY_NOT: _l("Your role cannot take this step."),
    Refusal.CASE_CLOSED: _l("This case is closed."),
    Refusal.SAME_FACILITY: _l("A case cannot be referred to the facility that holds it."),
    Refusal.ALREADY_REFERRED: _l("This case already has an open referral to that facility."),
    Refusal.RECEIVER_CANNOT_TAKE_CASES: _l("That facility does not receive referrals."),
    Refusal.NOT_SENT: _l("This referral has already been acknowledged or answered."),
    Refusal.NOT_ACKNOWLEDGED: _l("Acknowledge the referral before accepting or declining it."),
    Refusal.REASON_REQUIRED: _l("Give the reason for declining."),
    Refusal.NOT_JKM_CASE: _l("Only a case owned by a JKM office is assigned to a protector."),
    Refusal.OFFICER_NOT_IN_FACILITY: _l("That officer does not work at the owning facility."),
    Refusal.OFFICER_ROLE: _l("Only a child protector can be assigned a case."),
    Refusal.ALREADY_CLOSED: _l("This case is already closed."),
    Refusal.NOT_CLOSED: _l("Aftercare follow-ups are recorded once the case is closed."),
    Refusal.ALREADY_RECORDED: _l("This step is already on the timeline; it happens once."),
    Refusal.EARLIER_STEP_MISSING: _l("This step follows another that is not on the timeline yet."),
}
