"""The work the queue does. Each task opens its own app context and database session.

Retention: `RETENTION_STEPS` is the hook for retention runs. Each step is a function taking
`now`; the daily `retention` task runs them in order (dropping expired export files is the
first). Add a step with `RETENTION_STEPS.append(step)` where the rule lives.
"""

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from flask import current_app
from huey import crontab

from caseflow.jobs.queue import huey, in_app_context
from caseflow.services import clock_sweep, export_jobs, mail, statistics

log = logging.getLogger(__name__)

RETENTION_STEPS: list[Callable[[datetime], object]] = [export_jobs.purge_expired]


@huey.task()
@in_app_context
def export(job_id: int) -> None:
    from caseflow.jobs.exports import run

    run(job_id)


@huey.task()
@in_app_context
def rebuild_statistics() -> int:
    return statistics.rebuild()


@huey.task(retries=3, retry_delay=60)
@in_app_context
def send_clock_mail(recipients: list[tuple[int, int, int]], kind: str) -> None:
    """The sweep's e-mail, sent after its commit; a mail server that is down is retried."""
    settings = mail.settings_from(current_app.config)
    if settings is not None:
        clock_sweep.mail_notifications(settings, recipients, kind)


def queue_clock_mail(recipients: list[tuple[int, int, int]], kind: str) -> None:
    send_clock_mail([list(r) for r in recipients], kind)


@huey.periodic_task(crontab(minute="*"))
@in_app_context
def sweep_clocks() -> dict[str, int]:
    """Every minute, so a warning or a breach reaches its officer within a minute; a sweep
    with nothing to move reads two indexes. Running cron as well is harmless (SKIP LOCKED)."""
    settings = mail.settings_from(current_app.config)
    return clock_sweep.sweep(datetime.now(UTC), mail=settings, deliver=queue_clock_mail)


@huey.periodic_task(crontab(minute="17", hour="3"))
@in_app_context
def retention() -> None:
    now = datetime.now(UTC)
    for step in RETENTION_STEPS:
        log.info("retention step %s: %s", step.__name__, step(now))
