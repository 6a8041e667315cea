"""How long each piece of text may be: one table for the web forms and the API alike.

A limit lives here so that the page and the API refuse the same input with the same reason.
"""

NAME = 80  # a child's given or family name
DISTRICT = 80
STATE_CODE = 3
HOME_LANGUAGE = 8
CAREGIVER_NAME = 120
CAREGIVER_RELATIONSHIP = 60
PHONE = 40
NARRATIVE = 20_000
REASON = 4_000  # why a case is referred or a referral declined
NOTE = 4_000
REPORT_NUMBER = 60
CENTRE = 120
OUTCOME = 200
STEP_REASON = 400  # why a case closed or a clock paused
PLATFORM = 40
MAX_PLATFORMS = 20
MAX_CONCERNS = 10
SOCA_SECTION = 10
MAX_SOCA_SECTIONS = 30
USERNAME = 150
PASSWORD = 1_024
SEARCH = 200
MAX_AGE = 17  # a child, under the Child Act 2001 s.2, is under 18
REQUEST_BYTES = 1024 * 1024  # 1 MiB: no honest request to Caseflow is larger
