"""E-mail for clock notifications, through SMTP when an installation configures it.

A mail says which case and which clock, never the child's name: e-mail leaves the system's
protection, so it only tells the reader to open Caseflow.
"""

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int = 25
    sender: str = "caseflow@localhost"
    username: str | None = None
    password: str | None = None
    starttls: bool = False


def settings_from(config) -> SmtpSettings | None:
    if not config.get("MAIL_SERVER"):
        return None
    return SmtpSettings(
        host=config["MAIL_SERVER"],
        port=int(config.get("MAIL_PORT") or 25),
        sender=config.get("MAIL_FROM") or "caseflow@localhost",
        username=config.get("MAIL_USERNAME"),
        password=config.get("MAIL_PASSWORD"),
        starttls=bool(config.get("MAIL_STARTTLS")),
    )


def clock_message(sender: str, to: str, kind: str, reference: str, clock: str) -> EmailMessage:
    message = EmailMessage()
    state = "is overdue" if kind == "breached" else "is due soon"
    message["Subject"] = f"Caseflow: {clock} {state} on {reference}"
    message["From"], message["To"] = sender, to
    message.set_content(
        f"The clock '{clock}' {state} on case {reference}.\n\n"
        "Open Caseflow to see the case. This message carries no details of the child.\n"
    )
    return message


def send(settings: SmtpSettings, messages: Iterable[EmailMessage]) -> int:
    """Send what can be sent; a mail server that is down never undoes the sweep."""
    sent = 0
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=10) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.username:
                smtp.login(settings.username, settings.password or "")
            for message in messages:
                try:
                    smtp.send_message(message)
                except (ValueError, smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError):
                    # One bad mail (a refused address, a header that cannot be sent) is
                    # logged; the rest still go.
                    log.exception("clock notification e-mail to %s not sent", message["To"])
                    continue
                sent += 1
    except (OSError, smtplib.SMTPException):
        log.exception("clock notification e-mail failed after %d messages", sent)
    return sent
