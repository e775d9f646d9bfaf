"""Every word the conference documents print, marked for Qt Linguist in the "Documents" context.

The strings are the English source text; Welsh comes from ``resources/translations/documents_cy.ts``
(the same catalogue the Qt app compiles), read without Qt by :mod:`desktop.catalog`. Marking them
with ``QT_TRANSLATE_NOOP`` lets ``pyside6-lupdate`` find them. Placeholders are Qt's ``%1``, ``%2``.
"""

from __future__ import annotations

from desktop.catalog import QT_TRANSLATE_NOOP

CONTEXT = "Documents"


# ---- Page furniture
MARKING = QT_TRANSLATE_NOOP("Documents", "OFFICIAL-SENSITIVE")
PAGE_X_OF_Y = QT_TRANSLATE_NOOP("Documents", "Page %1 of %2")
VERSION_N = QT_TRANSLATE_NOOP("Documents", "Version %1")
DRAFT = QT_TRANSLATE_NOOP("Documents", "DRAFT")
DRAFT_STATUS = QT_TRANSLATE_NOOP("Documents", "Draft: not yet approved by the chair")
APPROVED_STATUS = QT_TRANSLATE_NOOP("Documents", "Approved by the chair on %1")
PARTIAL_COPY = QT_TRANSLATE_NOOP("Documents", "Partial copy")
CONFIDENTIAL_NOTE = QT_TRANSLATE_NOOP(
    "Documents",
    "This document is confidential. Do not pass it to anyone else without the consent of the conference chair.",
)

# ---- Titles
TITLE_RECORD = QT_TRANSLATE_NOOP("Documents", "Record of the child protection conference")
TITLE_SUMMARY = QT_TRANSLATE_NOOP("Documents", "Summary of decisions and outline plan")
TITLE_LETTER = QT_TRANSLATE_NOOP("Documents", "Letter about the conference decision")
TITLE_NOTICE = QT_TRANSLATE_NOOP("Documents", "Child Protection Register change notice")
SHORT_RECORD = QT_TRANSLATE_NOOP("Documents", "Conference record")
SHORT_SUMMARY = QT_TRANSLATE_NOOP("Documents", "Summary of decisions")
SHORT_LETTER = QT_TRANSLATE_NOOP("Documents", "Letter")
SHORT_NOTICE = QT_TRANSLATE_NOOP("Documents", "Register change notice")

# ---- Headings
H_DETAILS = QT_TRANSLATE_NOOP("Documents", "Conference details")
H_CHILDREN = QT_TRANSLATE_NOOP("Documents", "Children considered")
H_ATTENDANCE = QT_TRANSLATE_NOOP("Documents", "Attendance")
H_APOLOGIES = QT_TRANSLATE_NOOP("Documents", "Apologies and absences")
H_EXCLUSIONS = QT_TRANSLATE_NOOP("Documents", "Exclusions")
H_REPORTS = QT_TRANSLATE_NOOP("Documents", "Reports received")
H_VOICE = QT_TRANSLATE_NOOP("Documents", "The child's voice")
H_DISCUSSION = QT_TRANSLATE_NOOP("Documents", "Discussion")
H_DECISIONS = QT_TRANSLATE_NOOP("Documents", "Decisions")
H_DECISION_FOR = QT_TRANSLATE_NOOP("Documents", "Decision: %1")
H_VIEWS = QT_TRANSLATE_NOOP("Documents", "Practitioners' views")
H_DISSENT = QT_TRANSLATE_NOOP("Documents", "Dissent")
H_PLAN = QT_TRANSLATE_NOOP("Documents", "Outline plan")
H_PLAN_FOR = QT_TRANSLATE_NOOP("Documents", "Outline plan: %1")
H_ACTIONS = QT_TRANSLATE_NOOP("Documents", "Actions")
H_GENERAL_ACTIONS = QT_TRANSLATE_NOOP("Documents", "Actions for the whole family")
H_CORE_GROUP = QT_TRANSLATE_NOOP("Documents", "Core group")
H_NEXT_REVIEW = QT_TRANSLATE_NOOP("Documents", "Next review conference")
H_DISTRIBUTION = QT_TRANSLATE_NOOP("Documents", "Distribution")
H_CHANGES = QT_TRANSLATE_NOOP("Documents", "Changes to the register")
H_NO_CHANGES = QT_TRANSLATE_NOOP("Documents", "No change to the register")

# ---- Field labels
F_REFERENCE = QT_TRANSLATE_NOOP("Documents", "Conference reference")
F_COUNCIL = QT_TRANSLATE_NOOP("Documents", "Local authority")
F_TYPE = QT_TRANSLATE_NOOP("Documents", "Type of conference")
F_DATE = QT_TRANSLATE_NOOP("Documents", "Date")
F_VENUE = QT_TRANSLATE_NOOP("Documents", "Venue")
F_MODE = QT_TRANSLATE_NOOP("Documents", "How the conference met")
F_LANGUAGE = QT_TRANSLATE_NOOP("Documents", "Language of the conference")
F_CHAIR = QT_TRANSLATE_NOOP("Documents", "Chair")
F_MINUTE_TAKER = QT_TRANSLATE_NOOP("Documents", "Record taken by")
F_MINUTING = QT_TRANSLATE_NOOP("Documents", "How the record was taken")
F_QUORUM_REASON = QT_TRANSLATE_NOOP("Documents", "Reason for proceeding with two agencies")
F_NAME = QT_TRANSLATE_NOOP("Documents", "Name")
F_ROLE = QT_TRANSLATE_NOOP("Documents", "Role")
F_AGENCY = QT_TRANSLATE_NOOP("Documents", "Agency")
F_STATUS = QT_TRANSLATE_NOOP("Documents", "Attendance")
F_SUPPORT_PRESENT = QT_TRANSLATE_NOOP("Documents", "Support present")
F_DOB = QT_TRANSLATE_NOOP("Documents", "Date of birth")
F_EDD = QT_TRANSLATE_NOOP("Documents", "Expected date of delivery: %1")
F_REASON = QT_TRANSLATE_NOOP("Documents", "Reason")
F_AUTHOR = QT_TRANSLATE_NOOP("Documents", "Author")
F_RECEIVED = QT_TRANSLATE_NOOP("Documents", "Received")
F_SHARED = QT_TRANSLATE_NOOP("Documents", "Shared with parents")
F_ABOUT = QT_TRANSLATE_NOOP("Documents", "About")
F_SUMMARY = QT_TRANSLATE_NOOP("Documents", "Summary")
F_ALL_CHILDREN = QT_TRANSLATE_NOOP("Documents", "All the children")
F_PARTICIPATION = QT_TRANSLATE_NOOP("Documents", "How the child took part")
F_ADVOCACY = QT_TRANSLATE_NOOP("Documents", "Offer of an advocate")
F_ADVOCACY_REASON = QT_TRANSLATE_NOOP("Documents", "Why an advocate has not yet been offered")
F_WISHES = QT_TRANSLATE_NOOP("Documents", "Wishes and feelings")
F_LIVED = QT_TRANSLATE_NOOP("Documents", "Lived experience")
F_CHAIR_MET = QT_TRANSLATE_NOOP("Documents", "Chair met the child before the conference")
F_DEBRIEF = QT_TRANSLATE_NOOP("Documents", "Debrief offered to the child")
F_FOLLOW_UP = QT_TRANSLATE_NOOP("Documents", "Social worker's follow-up")
F_VOICE_NOT_RECORDED = QT_TRANSLATE_NOOP("Documents", "Why the child's voice could not be recorded")
F_OUTCOME = QT_TRANSLATE_NOOP("Documents", "Decision")
F_CATEGORIES = QT_TRANSLATE_NOOP("Documents", "Categories")
F_RATIONALE = QT_TRANSLATE_NOOP("Documents", "Rationale")
F_EVIDENCE = QT_TRANSLATE_NOOP("Documents", "Evidence")
F_EVIDENCE_OF_CHANGE = QT_TRANSLATE_NOOP("Documents", "Evidence of change in the child's daily life")
F_PLAN_IF_NOT = QT_TRANSLATE_NOOP("Documents", "Support and safety plan")
F_CONTINGENCY = QT_TRANSLATE_NOOP("Documents", "Contingency plan")
F_HOW_DECIDED = QT_TRANSLATE_NOOP("Documents", "How the decision was reached")
F_CONSENSUS = QT_TRANSLATE_NOOP("Documents", "By consensus of the practitioners")
F_NO_CONSENSUS = QT_TRANSLATE_NOOP("Documents", "No consensus: the chair decided")
F_CHAIR_REASON = QT_TRANSLATE_NOOP("Documents", "Chair's reason")
F_COORDINATOR = QT_TRANSLATE_NOOP("Documents", "Co-ordinator")
F_PRACTITIONER = QT_TRANSLATE_NOOP("Documents", "Practitioner")
F_VIEW = QT_TRANSLATE_NOOP("Documents", "View")
F_ADDENDUM = QT_TRANSLATE_NOOP("Documents", "Addendum")
F_RISKS = QT_TRANSLATE_NOOP("Documents", "Risks of harm")
F_KEEPING_SAFE = QT_TRANSLATE_NOOP("Documents", "How the plan keeps the child safe")
F_OUTCOMES = QT_TRANSLATE_NOOP("Documents", "Outcomes")
F_SUPPORT = QT_TRANSLATE_NOOP("Documents", "Support and therapy")
F_MONITORING = QT_TRANSLATE_NOOP("Documents", "Monitoring")
F_WISHES_VIEWS = QT_TRANSLATE_NOOP("Documents", "The child's wishes and the parents' views")
F_FIRST_CORE_GROUP = QT_TRANSLATE_NOOP("Documents", "First core group meeting")
F_ACTION = QT_TRANSLATE_NOOP("Documents", "Action")
F_OWNER = QT_TRANSLATE_NOOP("Documents", "Who")
F_DUE = QT_TRANSLATE_NOOP("Documents", "By when")
F_RECIPIENT = QT_TRANSLATE_NOOP("Documents", "Recipient")
F_COPY = QT_TRANSLATE_NOOP("Documents", "Copy")
F_COPY_FULL = QT_TRANSLATE_NOOP("Documents", "Full")
F_COPY_PARTIAL = QT_TRANSLATE_NOOP("Documents", "Partial")
F_RECORD_LANGUAGE = QT_TRANSLATE_NOOP("Documents", "Language")
F_SENT = QT_TRANSLATE_NOOP("Documents", "Sent")
F_CHANGE = QT_TRANSLATE_NOOP("Documents", "Change")
F_PREVIOUS_CATEGORIES = QT_TRANSLATE_NOOP("Documents", "Previous categories")
F_EFFECTIVE = QT_TRANSLATE_NOOP("Documents", "Date of change")
F_CHILD = QT_TRANSLATE_NOOP("Documents", "Child")
F_FOR = QT_TRANSLATE_NOOP("Documents", "For")
YES = QT_TRANSLATE_NOOP("Documents", "Yes")
NO = QT_TRANSLATE_NOOP("Documents", "No")
NONE = QT_TRANSLATE_NOOP("Documents", "None")
NOT_RECORDED = QT_TRANSLATE_NOOP("Documents", "Not recorded")
NOT_SET = QT_TRANSLATE_NOOP("Documents", "To be arranged")
NOT_DECIDED = QT_TRANSLATE_NOOP("Documents", "No decision recorded yet")
INTERPRETER = QT_TRANSLATE_NOOP("Documents", "interpreter")
ADVOCATE = QT_TRANSLATE_NOOP("Documents", "advocate")
SUPPORTER = QT_TRANSLATE_NOOP("Documents", "supporter")
NOBODY_ABSENT = QT_TRANSLATE_NOOP("Documents", "Nobody sent apologies or was absent.")
NOBODY_EXCLUDED = QT_TRANSLATE_NOOP("Documents", "Nobody was excluded.")
NO_REPORTS = QT_TRANSLATE_NOOP("Documents", "No written reports were received.")
NO_ACTIONS = QT_TRANSLATE_NOOP("Documents", "No actions recorded.")
NO_DISSENT = QT_TRANSLATE_NOOP("Documents", "No practitioner recorded dissent.")
NO_PLAN = QT_TRANSLATE_NOOP("Documents", "No outline plan is needed: the child is not on the register.")
NEXT_REVIEW_ON = QT_TRANSLATE_NOOP("Documents", "The next review conference will be held by %1.")
NEXT_REVIEW_NONE = QT_TRANSLATE_NOOP("Documents", "No review conference is needed: no child is on the register.")
WITHHELD_NOTICE = QT_TRANSLATE_NOOP(
    "Documents",
    "Part of this record has been withheld from this copy because it covers part of the conference "
    "you were not present for.",
)
WITHHELD_PLACEHOLDER = QT_TRANSLATE_NOOP("Documents", "[A part of the record has been withheld from this copy.]")
# All a partial copy says of a child's decision withheld from it (issue 10).
DECISION_WITHHELD = QT_TRANSLATE_NOOP("Documents", "A decision was made and is withheld from this copy.")
SUMMARY_INTRO = QT_TRANSLATE_NOOP(
    "Documents",
    "This summary records the decision about each child and the outline plan. The full record will follow.",
)
NOTICE_INTRO = QT_TRANSLATE_NOOP(
    "Documents",
    "Please update your agency's records. The following changes to the Child Protection Register follow "
    "from the conference held on %1.",
)
NOTICE_NO_CHANGE_FOR = QT_TRANSLATE_NOOP("Documents", "%1: no change to the register.")

# ---- The family letter (plain words)
LETTER_DEAR = QT_TRANSLATE_NOOP("Documents", "Dear %1,")
LETTER_DEAR_FAMILY = QT_TRANSLATE_NOOP("Documents", "Dear parent or carer,")
LETTER_ABOUT = QT_TRANSLATE_NOOP("Documents", "About: %1")
LETTER_INTRO = QT_TRANSLATE_NOOP(
    "Documents",
    "On %1 a child protection conference met to talk about %2. This letter tells you what was decided "
    "and what will happen next.",
)
LETTER_INTRO_UNDATED = QT_TRANSLATE_NOOP(
    "Documents",
    "A child protection conference met to talk about %1. This letter tells you what was decided and what "
    "will happen next.",
)
LETTER_H_DECIDED = QT_TRANSLATE_NOOP("Documents", "What was decided")
LETTER_H_WHY = QT_TRANSLATE_NOOP("Documents", "Why")
LETTER_H_NEXT = QT_TRANSLATE_NOOP("Documents", "What happens next")
LETTER_H_CONTACT = QT_TRANSLATE_NOOP("Documents", "Who to contact")
LETTER_H_WRONG = QT_TRANSLATE_NOOP("Documents", "If something is wrong or you are unhappy")
LETTER_REGISTERED = QT_TRANSLATE_NOOP(
    "Documents",
    "The people at the conference agreed that %1 needs a plan to keep them safe. %1's name has been "
    "added to the Child Protection Register.",
)
LETTER_NOT_REGISTERED = QT_TRANSLATE_NOOP(
    "Documents",
    "The people at the conference decided that %1's name does not need to go on the Child Protection Register.",
)
LETTER_REMAIN = QT_TRANSLATE_NOOP(
    "Documents", "The people at the conference decided that %1's name will stay on the Child Protection Register."
)
LETTER_REMAIN_CHANGED = QT_TRANSLATE_NOOP(
    "Documents",
    "The people at the conference decided that %1's name will stay on the Child Protection Register, "
    "but the kind of worry has changed.",
)
LETTER_DEREGISTER = QT_TRANSLATE_NOOP(
    "Documents",
    "The people at the conference decided that %1's name will come off the Child Protection Register, "
    "because things have got better.",
)
LETTER_UNDECIDED = QT_TRANSLATE_NOOP(
    "Documents", "The conference has not yet made a final decision about %1. We will write to you again."
)
LETTER_WORRIES = QT_TRANSLATE_NOOP("Documents", "The worries are about: %1.")
LETTER_NEXT_PLAN = QT_TRANSLATE_NOOP(
    "Documents",
    "A small group of people who work with your family, called the core group, will meet with you to "
    "turn the outline plan into a full plan.",
)
LETTER_NEXT_CORE_GROUP = QT_TRANSLATE_NOOP("Documents", "The first core group meeting will be by %1.")
LETTER_NEXT_REVIEW = QT_TRANSLATE_NOOP("Documents", "There will be another conference, a review, by %1.")
LETTER_NEXT_SUPPORT = QT_TRANSLATE_NOOP(
    "Documents", "Your social worker will talk with you about the help and support that is planned."
)
LETTER_NEXT_SUPPORT_PLAN = QT_TRANSLATE_NOOP("Documents", "The support that has been agreed: %1")
LETTER_COORDINATOR = QT_TRANSLATE_NOOP(
    "Documents", "%1 is the social worker in charge of %2's plan. Please contact them with any questions."
)
LETTER_COORDINATOR_NONE = QT_TRANSLATE_NOOP(
    "Documents", "Please contact children's services with any questions about %1's plan."
)
LETTER_CORRECTIONS = QT_TRANSLATE_NOOP(
    "Documents",
    "You will also receive the record of the conference. If you think something in it is wrong, "
    "please write to the chair within 10 working days of receiving it.",
)
LETTER_COMPLAIN = QT_TRANSLATE_NOOP(
    "Documents",
    "If you are unhappy with the decision or with how the conference was run, you can complain. Ask your "
    "social worker or the chair for the complaints leaflet.",
)
LETTER_LANGUAGE = QT_TRANSLATE_NOOP(
    "Documents", "You can have this letter, and the record of the conference, in Welsh or in English."
)
LETTER_SIGN_OFF = QT_TRANSLATE_NOOP("Documents", "Yours sincerely,")
LETTER_CHAIR_TITLE = QT_TRANSLATE_NOOP("Documents", "Chair of the child protection conference")

# ---- Enumerations: the same codes as sync.protocol.enums
CONFERENCE_TYPES = {
    "initial": QT_TRANSLATE_NOOP("Documents", "Initial child protection conference"),
    "review": QT_TRANSLATE_NOOP("Documents", "Review child protection conference"),
    "transfer_in": QT_TRANSLATE_NOOP("Documents", "Transfer-in conference"),
}
VENUE_MODES = {
    "in_person": QT_TRANSLATE_NOOP("Documents", "In person"),
    "remote": QT_TRANSLATE_NOOP("Documents", "Remotely"),
    "hybrid": QT_TRANSLATE_NOOP("Documents", "In person and remotely"),
}
MINUTING_MODES = {
    "separate_record_taker": QT_TRANSLATE_NOOP("Documents", "By a separate record-taker"),
    "chair_minutes": QT_TRANSLATE_NOOP("Documents", "By the chair"),
}
LANGUAGES = {
    "cy": QT_TRANSLATE_NOOP("Documents", "Welsh"),
    "en": QT_TRANSLATE_NOOP("Documents", "English"),
    "other": QT_TRANSLATE_NOOP("Documents", "Another language"),
}
OUTCOMES = {
    "decision_1_not_registered": QT_TRANSLATE_NOOP("Documents", "Not registered (decision 1)"),
    "decision_2_registered": QT_TRANSLATE_NOOP("Documents", "Registered (decision 2)"),
    "remain_same_category": QT_TRANSLATE_NOOP("Documents", "Remains registered under the same categories"),
    "remain_category_changed": QT_TRANSLATE_NOOP("Documents", "Remains registered; categories changed"),
    "deregister": QT_TRANSLATE_NOOP("Documents", "Removed from the register"),
}
CATEGORIES = {
    "physical": QT_TRANSLATE_NOOP("Documents", "Physical abuse"),
    "emotional": QT_TRANSLATE_NOOP("Documents", "Emotional or psychological abuse"),
    "sexual": QT_TRANSLATE_NOOP("Documents", "Sexual abuse"),
    "neglect": QT_TRANSLATE_NOOP("Documents", "Neglect"),
    "financial": QT_TRANSLATE_NOOP("Documents", "Financial abuse"),
}
#: Plain words for the family letter.
CATEGORIES_PLAIN = {
    "physical": QT_TRANSLATE_NOOP("Documents", "physical harm"),
    "emotional": QT_TRANSLATE_NOOP("Documents", "emotional harm"),
    "sexual": QT_TRANSLATE_NOOP("Documents", "sexual harm"),
    "neglect": QT_TRANSLATE_NOOP("Documents", "neglect"),
    "financial": QT_TRANSLATE_NOOP("Documents", "money or belongings being taken or misused"),
}
ATTENDANCE_STATUSES = {
    "present_in_person": QT_TRANSLATE_NOOP("Documents", "Present"),
    "present_remote": QT_TRANSLATE_NOOP("Documents", "Present remotely"),
    "apologies_with_report": QT_TRANSLATE_NOOP("Documents", "Apologies; report sent"),
    "apologies_no_report": QT_TRANSLATE_NOOP("Documents", "Apologies; no report"),
    "did_not_attend": QT_TRANSLATE_NOOP("Documents", "Did not attend"),
    "excluded_part": QT_TRANSLATE_NOOP("Documents", "Excluded from part"),
    "excluded_whole": QT_TRANSLATE_NOOP("Documents", "Excluded from the whole conference"),
}
# An ``excluded_part`` attendee whose exclusion covered the decision stage (issue 10).
EXCLUDED_FROM_DECISION = QT_TRANSLATE_NOOP("Documents", "Excluded from part, including the decision")
AGENCIES = {
    "social_services": QT_TRANSLATE_NOOP("Documents", "Social services"),
    "police": QT_TRANSLATE_NOOP("Documents", "Police"),
    "health": QT_TRANSLATE_NOOP("Documents", "Health"),
    "education": QT_TRANSLATE_NOOP("Documents", "Education"),
    "probation_youth_justice": QT_TRANSLATE_NOOP("Documents", "Probation / youth justice"),
    "adult_services": QT_TRANSLATE_NOOP("Documents", "Adult services"),
    "housing": QT_TRANSLATE_NOOP("Documents", "Housing"),
    "voluntary": QT_TRANSLATE_NOOP("Documents", "Voluntary sector"),
    "cafcass_cymru": QT_TRANSLATE_NOOP("Documents", "CAFCASS Cymru"),
    "la_legal": QT_TRANSLATE_NOOP("Documents", "Local authority legal"),
}
PARTICIPANT_KINDS = {
    "practitioner": QT_TRANSLATE_NOOP("Documents", "Practitioner"),
    "family": QT_TRANSLATE_NOOP("Documents", "Family member"),
    "child": QT_TRANSLATE_NOOP("Documents", "Child or young person"),
    "advocate": QT_TRANSLATE_NOOP("Documents", "Advocate"),
    "interpreter": QT_TRANSLATE_NOOP("Documents", "Interpreter"),
    "other": QT_TRANSLATE_NOOP("Documents", "Other"),
}
PARTICIPATION_MODES = {
    "attends_whole": QT_TRANSLATE_NOOP("Documents", "Attended the whole conference"),
    "attends_part": QT_TRANSLATE_NOOP("Documents", "Attended part of the conference"),
    "advocate_attends": QT_TRANSLATE_NOOP("Documents", "An advocate attended with or for the child"),
    "prepared_contribution": QT_TRANSLATE_NOOP("Documents", "Sent a written or other contribution"),
    "via_social_worker": QT_TRANSLATE_NOOP("Documents", "Views given through the social worker"),
    "not_attending_chair_decision": QT_TRANSLATE_NOOP(
        "Documents", "Did not attend: the chair judged it not in the child's best interests"
    ),
}
ADVOCACY_OFFERS = {
    "not_yet_offered": QT_TRANSLATE_NOOP("Documents", "Not yet offered"),
    "accepted": QT_TRANSLATE_NOOP("Documents", "Offered and accepted"),
    "declined": QT_TRANSLATE_NOOP("Documents", "Offered and declined"),
}
VIEW_KINDS = {
    "register": QT_TRANSLATE_NOOP("Documents", "Register"),
    "do_not_register": QT_TRANSLATE_NOOP("Documents", "Do not register"),
    "stay_registered": QT_TRANSLATE_NOOP("Documents", "Stay registered"),
    "deregister": QT_TRANSLATE_NOOP("Documents", "Deregister"),
}
END_REASONS = {
    "review_no_continuing_risk": QT_TRANSLATE_NOOP(
        "Documents", "A review conference found no continuing risk of significant harm"
    ),
    "moved_permanently": QT_TRANSLATE_NOOP("Documents", "Moved permanently to another local authority"),
    "reached_18": QT_TRANSLATE_NOOP("Documents", "Reached 18"),
    "died": QT_TRANSLATE_NOOP("Documents", "Died"),
    "left_uk": QT_TRANSLATE_NOOP("Documents", "Left the United Kingdom permanently"),
}
REGISTER_CHANGES = {
    "registered": QT_TRANSLATE_NOOP("Documents", "Added to the register"),
    "categories_changed": QT_TRANSLATE_NOOP("Documents", "Categories changed"),
    "removed": QT_TRANSLATE_NOOP("Documents", "Removed from the register"),
}
#: Titles of the minutes sections, by section key; an unknown key is shown as "Discussion".
MINUTES_SECTIONS = {
    # The keys of desktop.services.minutes.SECTION_KEYS
    "attendance_apologies": QT_TRANSLATE_NOOP("Documents", "Notes on attendance and apologies"),
    "reports_received": QT_TRANSLATE_NOOP("Documents", "Notes on the reports received"),
    "information_shared": QT_TRANSLATE_NOOP("Documents", "Information shared"),
    "risks_strengths": QT_TRANSLATE_NOOP("Documents", "Risks and strengths"),
    "decision": QT_TRANSLATE_NOOP("Documents", "Discussion of the decision"),
    "outline_plan": QT_TRANSLATE_NOOP("Documents", "Discussion of the outline plan"),
    "next_review": QT_TRANSLATE_NOOP("Documents", "Notes on the next review"),
    # Other keys a council may use
    "introductions": QT_TRANSLATE_NOOP("Documents", "Introductions and purpose of the conference"),
    "purpose": QT_TRANSLATE_NOOP("Documents", "Purpose of the conference"),
    "background": QT_TRANSLATE_NOOP("Documents", "Background"),
    "reports": QT_TRANSLATE_NOOP("Documents", "Discussion of the reports"),
    "discussion": QT_TRANSLATE_NOOP("Documents", "Discussion"),
    "strengths": QT_TRANSLATE_NOOP("Documents", "Strengths and protective factors"),
    "concerns": QT_TRANSLATE_NOOP("Documents", "Concerns"),
    "risk_analysis": QT_TRANSLATE_NOOP("Documents", "Analysis of risk"),
    "family_views": QT_TRANSLATE_NOOP("Documents", "The family's views"),
    "child_voice": QT_TRANSLATE_NOOP("Documents", "The child's views"),
    "restricted_information": QT_TRANSLATE_NOOP("Documents", "Information shared in the family's absence"),
    "third_party": QT_TRANSLATE_NOOP("Documents", "Third-party information"),
    "other": QT_TRANSLATE_NOOP("Documents", "Other matters"),
}
SECTION_ABOUT_CHILD = QT_TRANSLATE_NOOP("Documents", "%1 (about %2)")

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Welsh month names; dates are printed "5 Mawrth 2026" in Welsh documents.
MONTHS_CY = (
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
)


def all_sources() -> list[str]:
    """Every source string in this module, for the translation completeness test."""
    found: list[str] = []
    for name, value in globals().items():
        if name.isupper() and isinstance(value, str) and name not in {"CONTEXT"}:
            found.append(value)
        elif name.isupper() and isinstance(value, dict):
            found.extend(str(v) for v in value.values())
    return sorted(set(found))


# ---- The quality report for a safeguarding board (issue 13; the measures' own words are in quality_cy.ts)
TITLE_QUALITY = QT_TRANSLATE_NOOP("Documents", "Quality of child protection conferences and the register")
SHORT_QUALITY = QT_TRANSLATE_NOOP("Documents", "Quality report")
Q_FOR_BOARD = QT_TRANSLATE_NOOP("Documents", "A report for the safeguarding board")
Q_COUNCIL = QT_TRANSLATE_NOOP("Documents", "Council")
Q_PERIOD = QT_TRANSLATE_NOOP("Documents", "Period")
Q_PERIOD_VALUE = QT_TRANSLATE_NOOP("Documents", "%1 to %2")
Q_SCOPE = QT_TRANSLATE_NOOP("Documents", "Whose conferences")
Q_SCOPE_COUNCIL = QT_TRANSLATE_NOOP("Documents", "Every conference of the council")
Q_SCOPE_CHAIR = QT_TRANSLATE_NOOP("Documents", "The conferences of one chair")
Q_PRODUCED = QT_TRANSLATE_NOOP("Documents", "Date produced")
Q_SUPPRESSED_NOTE = QT_TRANSLATE_NOOP(
    "Documents",
    "Small numbers are suppressed: a count from 1 to 4 is shown as \u201cfewer than 5\u201d, and no child is named.",
)
Q_NOT_SUPPRESSED_NOTE = QT_TRANSLATE_NOOP(
    "Documents",
    "Exact counts, not suppressed: for use within the council only. Do not send this report outside the council.",
)
Q_DEFINITIONS = QT_TRANSLATE_NOOP("Documents", "Definitions")
Q_DEFINITIONS_INTRO = QT_TRANSLATE_NOOP(
    "Documents",
    "Every figure is counted from the council's records by the same rules as the app's Today page: "
    "the timescales in working days in Wales.",
)
Q_FIGURE = QT_TRANSLATE_NOOP("Documents", "Figure")
Q_COUNT = QT_TRANSLATE_NOOP("Documents", "Count")
Q_OUT_OF = QT_TRANSLATE_NOOP("Documents", "Out of")
Q_SHARE = QT_TRANSLATE_NOOP("Documents", "Share")
Q_CHART_TIMELINESS = QT_TRANSLATE_NOOP("Documents", "Timescales met on time and late")
Q_CHART_VOICE = QT_TRANSLATE_NOOP("Documents", "How the child's voice was heard")
Q_CHART_AGENCIES = QT_TRANSLATE_NOOP("Documents", "Conferences attended, by agency")
Q_CHART_MONTHS = QT_TRANSLATE_NOOP("Documents", "Registrations and removals by month")
Q_CHART_CONTINUITY = QT_TRANSLATE_NOOP("Documents", "Children by number of co-ordinator changes")
Q_CHART_REGISTER = QT_TRANSLATE_NOOP("Documents", "Children on the register by category")
Q_CHART_SUPPRESSED = QT_TRANSLATE_NOOP("Documents", "Bars of suppressed counts (fewer than 5) are not drawn.")
