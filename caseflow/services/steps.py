"""What every workflow step does the same way: find the acting user, commit or report a conflict."""

from sqlalchemy.orm.exc import StaleDataError

from caseflow.domain.workflow import Refusal
from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import User
from caseflow.services.audit import Actor
from caseflow.services.errors import Conflict, StepRefused

CONFLICT_MESSAGE = _l("Someone else changed this case. Reload it and try again.")


def acting_user(actor: Actor) -> User:
    if actor.user is None:
        raise StepRefused(Refusal.ROLE_MAY_NOT)
    return actor.user


def commit_or_conflict() -> None:
    """Commit the step; if another writer got there first, undo all of it and say so."""
    _or_conflict(db.session.commit)


def flush_or_conflict() -> None:
    """Flush mid-step: the version check can fail here too, before the commit is reached."""
    _or_conflict(db.session.flush)


def _or_conflict(write) -> None:
    try:
        write()
    except StaleDataError as error:
        db.session.rollback()
        raise Conflict(CONFLICT_MESSAGE) from error
