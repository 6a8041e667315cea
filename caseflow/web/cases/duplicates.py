"""Possible duplicates on the case page: link, merge into this case, undo a merge."""

from flask import flash, g, redirect, url_for
from flask_login import current_user, login_required

from caseflow.domain.ids import parse_id
from caseflow.domain.matching import merge_may_be_undone
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.permissions import can_merge
from caseflow.services import duplicates, links
from caseflow.services.errors import ServiceError
from caseflow.web.cases import bp, load_visible_case
from caseflow.web.cases.forms import LinkForm
from caseflow.web.helpers import current_actor


def duplicates_context(case) -> dict:
    """What the case page shows: possible duplicates not yet linked, and linked cases, each
    only where this user sees both."""
    user = current_user._get_current_object()
    linked = links.linked_cases(user, case)
    linked_ids = {other.id for _link, other in linked}
    found = [f for f in duplicates.visible_duplicates(user, case) if f.case.id not in linked_ids]

    def may_merge(other) -> bool:
        return can_merge(user, case, other)

    # The page names these children too: the case view's read record must say so.
    g.cases_shown_with = [f.case.id for f in found] + [other.id for _link, other in linked]
    return {
        "possible_duplicates": found,
        "linked_cases": linked,
        "link_form": LinkForm(),
        "may_merge": may_merge,
        "may_undo": lambda link: merge_may_be_undone(link.created_at, utc_now()),
    }


def _other(form: LinkForm):
    other_id = parse_id(form.other_case_id.data) if form.validate_on_submit() else None
    return load_visible_case(other_id) if other_id is not None else None


@bp.route("/cases/<id:case_id>/link", methods=["POST"])
@login_required
def link(case_id: int):
    case, form = load_visible_case(case_id), LinkForm()
    other = _other(form)
    if other is not None:
        _run(lambda: links.link(current_actor(), case, other, utc_now()), _("Cases linked."))
    return redirect(url_for("cases.show", case_id=case.id, _anchor="duplicates"))


@bp.route("/cases/<id:case_id>/merge", methods=["POST"])
@login_required
def merge(case_id: int):
    """Merge the other case into this one."""
    case, form = load_visible_case(case_id), LinkForm()
    other = _other(form)
    if other is not None:
        _run(
            lambda: links.merge(current_actor(), other, case, form.reason.data or "", utc_now()),
            _("Case %(reference)s merged into this case.", reference=other.reference),
        )
    return redirect(url_for("cases.show", case_id=case.id, _anchor="duplicates"))


@bp.route("/cases/<id:case_id>/undo-merge", methods=["POST"])
@login_required
def undo_merge(case_id: int):
    case, form = load_visible_case(case_id), LinkForm()
    other = _other(form)
    if other is not None:
        _run(
            lambda: links.undo_merge(current_actor(), other, utc_now()),
            _("Merge undone: %(reference)s is a case of its own again.", reference=other.reference),
        )
    return redirect(url_for("cases.show", case_id=case.id, _anchor="duplicates"))


def _run(step, done: str) -> None:
    try:
        step()
    except ServiceError as error:
        flash(str(error.message), "error")
    except LookupError:
        flash(_("No such case."), "error")
    else:
        flash(done, "success")
