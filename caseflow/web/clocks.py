"""Clocks in words, the due-soon-and-overdue queue, and the user's notifications."""

from flask import Blueprint, flash, has_request_context, redirect, render_template, request, url_for
from flask_babel import format_date, format_datetime
from flask_login import current_user, login_required

from caseflow.domain.clocks import ClockStatus, local_date, time_left
from caseflow.domain.durations import readable
from caseflow.domain.geography import STATES_BY_CODE
from caseflow.http import utc_now
from caseflow.http.labels import EVENT_LABELS
from caseflow.i18n import gettext as _
from caseflow.i18n import ngettext
from caseflow.models import Clock
from caseflow.services import notifications as notification_service
from caseflow.services import worklist
from caseflow.services.audit import ReadKind
from caseflow.services.clocks import shown_calendar, status_now, target_of
from caseflow.web.helpers import paginate, record_read

bp = Blueprint("clocks", __name__)


def describe(clock: Clock, now) -> str:
    """'due in 2 working days, end of Thu 26 Mar', in the user's language."""
    if clock.met_at is not None:
        when = format_datetime(clock.met_at, "d MMM, HH:mm")
        if clock.met_by is None:  # met before the step was recorded on the clock
            return _("met %(when)s", when=when)
        return _(
            "met %(when)s by %(step)s (%(facility)s)",
            when=when,
            step=EVENT_LABELS.get(clock.met_by.type, clock.met_by.type),
            facility=clock.met_by.facility.name,
        )
    if clock.status is ClockStatus.CANCELLED:
        return _("cancelled")
    if clock.paused_at is not None:
        return _("paused since %(when)s", when=format_date(local_date(clock.paused_at), "d MMM"))
    left = time_left(now, clock.due_at, target_of(clock.policy), _calendar(clock))
    end = format_datetime(clock.due_at, "EEE d MMM, HH:mm")
    shown = readable(left.amount, left.unit)
    if left.unit == "hours" and shown.unit == "days":
        return _hours_in_days(shown.amount, left.overdue, end)
    if left.unit == "hours":
        if left.amount == 0:
            return (
                _("overdue (due %(end)s)", end=end)
                if left.overdue
                else _("due within the hour, %(end)s", end=end)
            )
        if left.overdue:
            return ngettext(
                "overdue by %(num)d hour (due %(end)s)",
                "overdue by %(num)d hours (due %(end)s)",
                left.amount,
                end=end,
            )
        return ngettext(
            "due in %(num)d hour, %(end)s", "due in %(num)d hours, %(end)s", left.amount, end=end
        )
    day = format_date(local_date(clock.due_at), "EEE d MMM")
    if left.overdue:
        return ngettext(
            "overdue by %(num)d day (due end of %(day)s)",
            "overdue by %(num)d days (due end of %(day)s)",
            left.amount,
            day=day,
        )
    if left.amount == 0:
        return _("due today, end of %(day)s", day=day)
    if left.unit == "working_days":
        return ngettext(
            "due in %(num)d working day, end of %(day)s",
            "due in %(num)d working days, end of %(day)s",
            left.amount,
            day=day,
        )
    return ngettext(
        "due in %(num)d day, end of %(day)s",
        "due in %(num)d days, end of %(day)s",
        left.amount,
        day=day,
    )


def _hours_in_days(days: int, overdue: bool, end: str) -> str:
    """An hours clock more than two days away (or late), in days: the time stays exact."""
    if overdue:
        return ngettext(
            "overdue by %(num)d day (due %(end)s)",
            "overdue by %(num)d days (due %(end)s)",
            days,
            end=end,
        )
    return ngettext("due in %(num)d day, %(end)s", "due in %(num)d days, %(end)s", days, end=end)


def target_words(amount: int, unit: str) -> str:
    """A policy's target: "1 month", "24 hours" ("1 bulan", "24 jam")."""
    if unit == "hours":
        return ngettext("%(num)d hour", "%(num)d hours", amount)
    if unit == "months":
        return ngettext("%(num)d month", "%(num)d months", amount)
    return ngettext("%(num)d day", "%(num)d days", amount)


def _calendar(clock: Clock):
    """The state's calendar from the cache, once a request however many clocks a page shows."""
    key = (clock.state_code, clock.policy.weekly_holidays)
    if not has_request_context():
        return shown_calendar(*key)
    kept = request.environ.setdefault("caseflow.calendars", {})
    if key not in kept:
        kept[key] = shown_calendar(*key)
    return kept[key]


def calendar_name(clock: Clock) -> str:
    return STATES_BY_CODE[clock.state_code].name


@bp.app_context_processor
def clock_helpers():
    return {
        "describe_clock": describe,
        "target_words": target_words,
        "clock_calendar": calendar_name,
        "clock_status": status_now,
    }


@bp.route("/clocks")
@login_required
def queue():
    """Due soon and overdue: the user's own cases, or every case of their facilities; with
    the referral clocks their facilities must answer, and anything due by tomorrow's end."""
    now = utc_now()
    scope = request.args.get("scope") or worklist.default_scope(current_user)
    page = paginate(worklist.due_clocks(current_user, now, scope))
    record_read(ReadKind.LIST, [clock.case_id for clock in page.items], page=page.page)
    return render_template("clocks/queue.html", page=page, scope=scope, now=now)


@bp.route("/notifications")
@login_required
def notifications():
    page = paginate(notification_service.listed(current_user.id))
    # Each notification names its case (its reference, the clock or the possible duplicate).
    record_read(ReadKind.LIST, [n.case_id for n in page.items], page="notifications")
    return render_template("clocks/notifications.html", page=page)


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_read():
    notification_service.mark_all_read(current_user, utc_now())
    flash(_("All notifications marked as read."), "success")
    return redirect(url_for("clocks.notifications"))
