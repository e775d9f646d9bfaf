"""Translatable labels for the stable codes the services return (enums, problems, error codes).

Codes never reach the screen as they are: every one is looked up here and translated with
``QCoreApplication.translate("Labels", ...)``. Tables are built with ``QT_TRANSLATE_NOOP`` so that
``pyside6-lupdate`` collects them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.catalog import QT_TRANSLATE_NOOP

logger = logging.getLogger(__name__)

_L: dict[str, str] = {
    # conference types and statuses
    "initial": QT_TRANSLATE_NOOP("Labels", "Initial conference"),
    "review": QT_TRANSLATE_NOOP("Labels", "Review conference"),
    "transfer_in": QT_TRANSLATE_NOOP("Labels", "Transfer-in conference"),
    "scheduled": QT_TRANSLATE_NOOP("Labels", "Scheduled"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "record_drafted": QT_TRANSLATE_NOOP("Labels", "Record drafted"),
    "record_approved": QT_TRANSLATE_NOOP("Labels", "Record approved"),
    "distributed": QT_TRANSLATE_NOOP("Labels", "Distributed"),
    "postponed": QT_TRANSLATE_NOOP("Labels", "Postponed"),
    "inquorate": QT_TRANSLATE_NOOP("Labels", "Inquorate"),
    # due states
    "overdue": QT_TRANSLATE_NOOP("Labels", "Overdue"),
    "due_soon": QT_TRANSLATE_NOOP("Labels", "Due soon"),
    "on_track": QT_TRANSLATE_NOOP("Labels", "On track"),
    "held": QT_TRANSLATE_NOOP("Labels", "Held"),
    "none": QT_TRANSLATE_NOOP("Labels", "No due date"),
    "any": QT_TRANSLATE_NOOP("Labels", "Any"),
    # venue, language, minuting
    "in_person": QT_TRANSLATE_NOOP("Labels", "In person"),
    "remote": QT_TRANSLATE_NOOP("Labels", "Remote"),
    "hybrid": QT_TRANSLATE_NOOP("Labels", "Hybrid"),
    "cy": QT_TRANSLATE_NOOP("Labels", "Welsh"),
    "en": QT_TRANSLATE_NOOP("Labels", "English"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
    "separate_record_taker": QT_TRANSLATE_NOOP("Labels", "Separate minute-taker"),
    "chair_minutes": QT_TRANSLATE_NOOP("Labels", "Chair takes the minutes"),
    # attendance
    "present_in_person": QT_TRANSLATE_NOOP("Labels", "Present"),
    "present_remote": QT_TRANSLATE_NOOP("Labels", "Present remotely"),
    "apologies_with_report": QT_TRANSLATE_NOOP("Labels", "Apologies, report sent"),
    "apologies_no_report": QT_TRANSLATE_NOOP("Labels", "Apologies"),
    "did_not_attend": QT_TRANSLATE_NOOP("Labels", "Did not attend"),
    "excluded_part": QT_TRANSLATE_NOOP("Labels", "Excluded in part"),
    "excluded_whole": QT_TRANSLATE_NOOP("Labels", "Excluded in whole"),
    "excluded_from_decision": QT_TRANSLATE_NOOP("Labels", "Excluded in part, including the decision"),
    "practitioner": QT_TRANSLATE_NOOP("Labels", "Practitioner"),
    "family": QT_TRANSLATE_NOOP("Labels", "Family member"),
    "child": QT_TRANSLATE_NOOP("Labels", "Child"),
    "advocate": QT_TRANSLATE_NOOP("Labels", "Advocate"),
    "interpreter": QT_TRANSLATE_NOOP("Labels", "Interpreter"),
    # agencies
    "social_services": QT_TRANSLATE_NOOP("Labels", "Social services"),
    "police": QT_TRANSLATE_NOOP("Labels", "Police"),
    "health": QT_TRANSLATE_NOOP("Labels", "Health"),
    "education": QT_TRANSLATE_NOOP("Labels", "Education"),
    "probation_youth_justice": QT_TRANSLATE_NOOP("Labels", "Probation / youth justice"),
    "adult_services": QT_TRANSLATE_NOOP("Labels", "Adult services"),
    "housing": QT_TRANSLATE_NOOP("Labels", "Housing"),
    "voluntary": QT_TRANSLATE_NOOP("Labels", "Voluntary sector"),
    "cafcass_cymru": QT_TRANSLATE_NOOP("Labels", "CAFCASS Cymru"),
    "la_legal": QT_TRANSLATE_NOOP("Labels", "Local authority legal"),
    # quorum
    "quorate": QT_TRANSLATE_NOOP("Labels", "Quorate"),
    "proceed_with_reason": QT_TRANSLATE_NOOP("Labels", "Proceeding with two agencies (reason recorded)"),
    "reason_required": QT_TRANSLATE_NOOP("Labels", "Two agencies: the chair must record a reason"),
    # voice
    "attends_whole": QT_TRANSLATE_NOOP("Labels", "Attends the whole conference"),
    "attends_part": QT_TRANSLATE_NOOP("Labels", "Attends part of the conference"),
    "advocate_attends": QT_TRANSLATE_NOOP("Labels", "Advocate attends"),
    "prepared_contribution": QT_TRANSLATE_NOOP("Labels", "Prepared contribution"),
    "via_social_worker": QT_TRANSLATE_NOOP("Labels", "Through the social worker"),
    "not_attending_chair_decision": QT_TRANSLATE_NOOP("Labels", "Not attending (chair's decision)"),
    "not_yet_offered": QT_TRANSLATE_NOOP("Labels", "Not yet offered"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "Accepted"),
    "declined": QT_TRANSLATE_NOOP("Labels", "Declined"),
    # outcomes, views, categories, decision states
    "decision_1_not_registered": QT_TRANSLATE_NOOP("Labels", "Decision 1: not registered"),
    "decision_2_registered": QT_TRANSLATE_NOOP("Labels", "Decision 2: registered"),
    "remain_same_category": QT_TRANSLATE_NOOP("Labels", "Remain registered, same categories"),
    "remain_category_changed": QT_TRANSLATE_NOOP("Labels", "Remain registered, categories changed"),
    "deregister": QT_TRANSLATE_NOOP("Labels", "Deregister"),
    "register": QT_TRANSLATE_NOOP("Labels", "Register"),
    "do_not_register": QT_TRANSLATE_NOOP("Labels", "Do not register"),
    "stay_registered": QT_TRANSLATE_NOOP("Labels", "Stay registered"),
    "physical": QT_TRANSLATE_NOOP("Labels", "Physical abuse"),
    "emotional": QT_TRANSLATE_NOOP("Labels", "Emotional / psychological abuse"),
    "sexual": QT_TRANSLATE_NOOP("Labels", "Sexual abuse"),
    "neglect": QT_TRANSLATE_NOOP("Labels", "Neglect"),
    "financial": QT_TRANSLATE_NOOP("Labels", "Financial abuse"),
    "draft": QT_TRANSLATE_NOOP("Labels", "Draft"),
    "finalisation_pending": QT_TRANSLATE_NOOP("Labels", "Finalised, awaiting the register's confirmation"),
    "finalised": QT_TRANSLATE_NOOP("Labels", "Finalised and confirmed"),
    "contested": QT_TRANSLATE_NOOP("Labels", "Contested"),
    # themes
    "system": QT_TRANSLATE_NOOP("Labels", "Follow the system"),
    "light": QT_TRANSLATE_NOOP("Labels", "Light"),
    "dark": QT_TRANSLATE_NOOP("Labels", "Dark"),
    # end reasons
    "review_no_continuing_risk": QT_TRANSLATE_NOOP("Labels", "No continuing risk (review)"),
    "moved_permanently": QT_TRANSLATE_NOOP("Labels", "Moved away permanently"),
    "reached_18": QT_TRANSLATE_NOOP("Labels", "Turned 18"),
    "died": QT_TRANSLATE_NOOP("Labels", "Died"),
    "left_uk": QT_TRANSLATE_NOOP("Labels", "Left the UK"),
    # roles
    "chair": QT_TRANSLATE_NOOP("Labels", "Chair"),
    "minute_taker": QT_TRANSLATE_NOOP("Labels", "Minute-taker"),
    # minutes sections
    "attendance_apologies": QT_TRANSLATE_NOOP("Labels", "Attendance and apologies"),
    "reports_received": QT_TRANSLATE_NOOP("Labels", "Reports received"),
    "child_voice": QT_TRANSLATE_NOOP("Labels", "The child's voice"),
    "information_shared": QT_TRANSLATE_NOOP("Labels", "Information shared and discussion"),
    "risks_strengths": QT_TRANSLATE_NOOP("Labels", "Risks and strengths"),
    "decision": QT_TRANSLATE_NOOP("Labels", "Decision"),
    "outline_plan": QT_TRANSLATE_NOOP("Labels", "Outline plan"),
    "next_review": QT_TRANSLATE_NOOP("Labels", "Next review date"),
    # adulthood prompt
    "no_date_of_birth": QT_TRANSLATE_NOOP("Labels", "No date of birth"),
    "not_yet": QT_TRANSLATE_NOOP("Labels", "Under 18"),
    "upcoming": QT_TRANSLATE_NOOP("Labels", "18th birthday soon: plan the end of registration"),
    "reached": QT_TRANSLATE_NOOP("Labels", "Turned 18: registration should end"),
}

#: Sentences for problem and error codes; %1 etc. are filled from parameters in order.
_P: dict[str, str] = {
    "view_missing": QT_TRANSLATE_NOOP("Problems", "A present practitioner has not given a view."),
    "outcome_missing": QT_TRANSLATE_NOOP("Problems", "Choose the outcome."),
    "categories_required": QT_TRANSLATE_NOOP("Problems", "Choose at least one category."),
    "categories_not_allowed": QT_TRANSLATE_NOOP("Problems", "Categories apply only to a registration."),
    "coordinator_required": QT_TRANSLATE_NOOP("Problems", "Name the co-ordinator."),
    "support_plan_required": QT_TRANSLATE_NOOP("Problems", "Record the support plan for a child not registered."),
    "outline_plan_required": QT_TRANSLATE_NOOP("Problems", "Add at least one outline plan action."),
    "evidence_of_change_required": QT_TRANSLATE_NOOP("Problems", "Deregistration needs evidence of change."),
    "chair_decision_required": QT_TRANSLATE_NOOP("Problems", "There is no consensus: the chair must decide."),
    "against_majority_requires_chair": QT_TRANSLATE_NOOP(
        "Problems", "The outcome differs from the majority: only the chair can decide that."
    ),
    "dissent_missing": QT_TRANSLATE_NOOP("Problems", "Record why a practitioner dissents."),
    "chair_reason_required": QT_TRANSLATE_NOOP("Problems", "Record the chair's reason."),
    "rationale_required": QT_TRANSLATE_NOOP("Problems", "Record the rationale."),
    "evidence_required": QT_TRANSLATE_NOOP("Problems", "Record the evidence."),
    "quorum_not_met": QT_TRANSLATE_NOOP("Problems", "The conference is not quorate."),
    "voice_record_missing": QT_TRANSLATE_NOOP("Problems", "Record the child's voice."),
    "voice_participation_mode_missing": QT_TRANSLATE_NOOP("Problems", "Record how the child took part."),
    "voice_advocacy_offer_missing": QT_TRANSLATE_NOOP("Problems", "Record the advocacy offer."),
    "voice_advocacy_not_offered_reason_missing": QT_TRANSLATE_NOOP(
        "Problems", "Record why advocacy has not been offered."
    ),
    "voice_wishes_and_feelings_missing": QT_TRANSLATE_NOOP("Problems", "Record the child's wishes and feelings."),
    "voice_language_missing": QT_TRANSLATE_NOOP("Problems", "Record the child's language."),
    "voice_language_name_missing": QT_TRANSLATE_NOOP("Problems", "Name the child's language."),
    "voice_not_recorded_with_reason": QT_TRANSLATE_NOOP("Problems", "The voice is incomplete; a reason is recorded."),
    "decision_against_majority": QT_TRANSLATE_NOOP("Problems", "The chair decided against the majority view."),
    "contingency_plan_prompt": QT_TRANSLATE_NOOP("Problems", "Consider a contingency plan."),
    "deregistration_at_first_review": QT_TRANSLATE_NOOP(
        "Problems", "Deregistration at the first review is rare: check the evidence."
    ),
    "current_categories_missing": QT_TRANSLATE_NOOP("Problems", "The child has no current registration."),
    "already_registered": QT_TRANSLATE_NOOP(
        "Problems", "The child is already on the register: a review conference decides."
    ),
    "not_registered": QT_TRANSLATE_NOOP("Problems", "The child is not on this council's register."),
    "temporary_entry_needs_transfer_in": QT_TRANSLATE_NOOP(
        "Problems", "The child is on the register temporarily for another council: a transfer-in conference decides."
    ),
    "categories_differ_from_current": QT_TRANSLATE_NOOP("Problems", "The categories differ from the current ones."),
    "categories_unchanged": QT_TRANSLATE_NOOP("Problems", "The categories have not changed."),
    "outcome_not_for_conference_type": QT_TRANSLATE_NOOP("Problems", "This outcome is not for this conference type."),
    "duplicate_view": QT_TRANSLATE_NOOP("Problems", "A practitioner has given two views."),
    "view_from_absent_practitioner": QT_TRANSLATE_NOOP("Problems", "A view came from someone not present."),
    "coordinator_not_named_manager_informed": QT_TRANSLATE_NOOP(
        "Problems", "No co-ordinator named; the senior manager was told."
    ),
    "quorum_reason_required": QT_TRANSLATE_NOOP("Problems", "Only two agencies: record the chair's reason."),
    "inquorate": QT_TRANSLATE_NOOP("Problems", "Fewer than two agencies: the conference is inquorate."),
    "quorum_proceeding_with_reason": QT_TRANSLATE_NOOP("Problems", "Proceeding with two agencies."),
    "key_participant_absent_without_report": QT_TRANSLATE_NOOP(
        "Problems", "A key participant is absent and sent no report: consider postponing."
    ),
    "practitioner_agency_missing": QT_TRANSLATE_NOOP("Problems", "A practitioner has no agency."),
    # what the record may show and when it locks (issue 10)
    "excluded_from_decision_needs_part_exclusion": QT_TRANSLATE_NOOP(
        "Problems", "Only someone excluded in part can be excluded from the decision."
    ),
    "voice_locked_decision_finalised": QT_TRANSLATE_NOOP(
        "Problems",
        "This child's decision is finalised, so their voice is read-only: it is the evidence the decision "
        "rested on. Record any correction as an addendum to the decision.",
    ),
    "chair_or_administrator_only": QT_TRANSLATE_NOOP(
        "Problems", "Only a chair or an administrator can add a child or change a co-ordinator."
    ),
    "coordinator_family_not_told": QT_TRANSLATE_NOOP(
        "Problems", "Confirm that the family has been told of the change, in person and in writing."
    ),
    "coordinator_agencies_not_told": QT_TRANSLATE_NOOP(
        "Problems", "Confirm that the agencies have been told of the change, in person and in writing."
    ),
    # service and store errors
    "minute_taker_no_decision_rights": QT_TRANSLATE_NOOP(
        "Problems", "The minute-taker records the conference but cannot make, finalise or approve decisions."
    ),
    "role_not_permitted": QT_TRANSLATE_NOOP("Problems", "Your seat does not allow this."),
    "not_conference_chair": QT_TRANSLATE_NOOP("Problems", "Only this conference's chair can do this."),
    "no_role": QT_TRANSLATE_NOOP("Problems", "No seat has been chosen for this profile."),
    "administrator_no_case_access": QT_TRANSLATE_NOOP("Problems", "Administrators cannot see case records."),
    "record_not_mutable": QT_TRANSLATE_NOOP("Problems", "The record has been approved and cannot change."),
    "decision_not_mutable": QT_TRANSLATE_NOOP("Problems", "This decision is finalised and cannot change."),
    "decisions_not_finalised": QT_TRANSLATE_NOOP("Problems", "Finalise every child's decision first."),
    "decision_incomplete": QT_TRANSLATE_NOOP("Problems", "The decision is not complete."),
    "content_changed": QT_TRANSLATE_NOOP("Problems", "The decision changed while you were confirming."),
    "text_required": QT_TRANSLATE_NOOP("Problems", "Write the text first."),
    "decision_not_finalised": QT_TRANSLATE_NOOP(
        "Problems", "The decision is still a draft: change it directly; addenda are for finalised decisions."
    ),
    "illegal_transition": QT_TRANSLATE_NOOP("Problems", "The conference cannot move to that status now."),
    "transition_reason_required": QT_TRANSLATE_NOOP("Problems", "Record the reason."),
    "name_required": QT_TRANSLATE_NOOP("Problems", "Enter a name."),
    "agency_required": QT_TRANSLATE_NOOP("Problems", "Choose the practitioner's agency."),
    "children_required": QT_TRANSLATE_NOOP("Problems", "Choose at least one child."),
    "description_required": QT_TRANSLATE_NOOP("Problems", "Describe the action."),
    "handover_note_required": QT_TRANSLATE_NOOP("Problems", "Write a handover note."),
    "record_not_approved": QT_TRANSLATE_NOOP("Problems", "The chair has not approved the record yet."),
    "stale_version": QT_TRANSLATE_NOOP("Problems", "Someone else changed this; reopen it."),
    "not_found": QT_TRANSLATE_NOOP("Problems", "The record could not be found."),
    "conference_not_editable": QT_TRANSLATE_NOOP("Problems", "The conference details can no longer change."),
    "conference_ended_without_decisions": QT_TRANSLATE_NOOP(
        "Problems", "This conference was postponed or was inquorate, so it makes no decisions."
    ),
    "conference_has_finalised_decisions": QT_TRANSLATE_NOOP(
        "Problems", "A child's decision is already finalised, so the conference cannot be postponed."
    ),
    "invalid_code": QT_TRANSLATE_NOOP("Problems", "A choice was not recognised. Choose again from the list."),
    "field_not_editable": QT_TRANSLATE_NOOP("Problems", "That field cannot be changed here."),
    "naive_datetime": QT_TRANSLATE_NOOP("Problems", "The date and time could not be read. Enter them again."),
    "seat_not_supported": QT_TRANSLATE_NOOP("Problems", "Choose the chair's or the minute-taker's seat."),
    "validation_failed": QT_TRANSLATE_NOOP("Problems", "Some details are missing or not valid."),
    "idle_minutes_out_of_range": QT_TRANSLATE_NOOP("Problems", "Choose between 1 and 15 minutes."),
    "setting_fixed_by_administrator": QT_TRANSLATE_NOOP(
        "Problems", "Your administrator has fixed this setting for this computer, so it cannot be changed here."
    ),
    # "Needs attention" (AttentionService reasons) and the register's reasons for refusing a change
    "conflict_already_resolved": QT_TRANSLATE_NOOP(
        "Problems", "This has already been settled, on this computer or another. The list now shows what is left."
    ),
    "resolution_choice_unknown": QT_TRANSLATE_NOOP("Problems", "Choose which version to keep, or merge them."),
    "merged_values_required": QT_TRANSLATE_NOOP("Problems", "Write the merged version before saving it."),
    "merged_fields_unknown": QT_TRANSLATE_NOOP(
        "Problems", "The merged version has a field that neither version has. Start the merge again."
    ),
    "conflict_needs_decision": QT_TRANSLATE_NOOP(
        "Problems",
        "Two decisions about the same child are settled by the chair recording a further decision, not by "
        "choosing a version.",
    ),
    "conflict_kind": QT_TRANSLATE_NOOP("Problems", "This item cannot be settled by choosing a version."),
    "conflict_needs_resolution": QT_TRANSLATE_NOOP(
        "Problems", "Choose which version to keep (or, for two decisions, record the settling decision) first."
    ),
    "validation": QT_TRANSLATE_NOOP("Problems", "The register found some details missing or not valid."),
    "forbidden": QT_TRANSLATE_NOOP("Problems", "The register does not allow your account to make this change."),
    "record_voided": QT_TRANSLATE_NOOP("Problems", "The record had been withdrawn on the register."),
    "not_draft": QT_TRANSLATE_NOOP("Problems", "The record was no longer a draft on the register."),
    "invalid_transition": QT_TRANSLATE_NOOP("Problems", "The register's copy could not move to that status."),
    "already_exists": QT_TRANSLATE_NOOP("Problems", "The register already has this record."),
    "conflict_not_open": QT_TRANSLATE_NOOP("Problems", "Someone had already settled this on the register."),
    # store and key-store errors: what happened, then what to do next (issue 14; a test lists every code)
    "store_error": QT_TRANSLATE_NOOP(
        "Problems",
        "Cofnod could not read or write its data. Nothing was changed; close Cofnod and open it again, "
        "and if this happens again tell your support team.",
    ),
    "database_not_encrypted": QT_TRANSLATE_NOOP(
        "Problems",
        "The file where Cofnod keeps its data is not encrypted, so Cofnod did not open it and left it as "
        "it is. Ask your support team to check the profile folder.",
    ),
    "database_wrong_key": QT_TRANSLATE_NOOP(
        "Problems",
        "The key Cofnod was given does not open this profile's data. Nothing was changed; check that you "
        "are signed in to the computer as the person who set Cofnod up, or ask your support team.",
    ),
    "database_corrupt": QT_TRANSLATE_NOOP(
        "Problems",
        "Cofnod's data file is damaged and cannot be read safely. Do not delete the profile folder: ask "
        "your support team to restore it from a backup.",
    ),
    "database_too_new": QT_TRANSLATE_NOOP(
        "Problems",
        "This profile was last used by a newer version of Cofnod, so this version will not change it. "
        "Install the newer version of Cofnod, or ask your support team.",
    ),
    "database_key_missing": QT_TRANSLATE_NOOP(
        "Problems",
        "The key to this profile's data is no longer in this computer's key store (for example after a "
        "change of account or of key store), so Cofnod did not open it and did not start an empty "
        "profile over it. Your data is unchanged; ask your support team to restore the key.",
    ),
    "database_unsafe_location": QT_TRANSLATE_NOOP(
        "Problems",
        "The profile folder is on a network drive or in a synced folder (such as OneDrive), where the "
        "data could be damaged. Choose a folder on this computer's own disk.",
    ),
    "disk_full": QT_TRANSLATE_NOOP(
        "Problems", "The disk is full: the last change was not saved. Free some space on the disk, then save again."
    ),
    "record_finalised": QT_TRANSLATE_NOOP(
        "Problems", "This record is finalised and cannot change. Add any correction as an addendum."
    ),
    "storage_read_only": QT_TRANSLATE_NOOP(
        "Problems",
        "Cofnod cannot write to its profile folder (it is read-only, or you do not have permission), so "
        "the last change was not saved. Ask your support team to check the folder's permissions.",
    ),
    "storage_io_error": QT_TRANSLATE_NOOP(
        "Problems",
        "The computer reported an error reading or writing the disk, so the last change may not have "
        "been saved. Close Cofnod, open it again and check your work; if this happens again, ask your "
        "support team to check the disk.",
    ),
    "database_durability_settings": QT_TRANSLATE_NOOP(
        "Problems",
        "Cofnod could not make sure that saved work reaches the disk safely on this computer, so it did "
        "not open the data. Ask your support team: this usually means the installation is damaged.",
    ),
    "database_schema_unknown": QT_TRANSLATE_NOOP(
        "Problems",
        "The database in the profile folder was not made by Cofnod, so Cofnod did not change it. Choose "
        "another profile folder, or ask your support team.",
    ),
    "database_backup_failed": QT_TRANSLATE_NOOP(
        "Problems",
        "Cofnod needs to upgrade its data but could not make a backup copy first, so it upgraded "
        "nothing. Free some space on the disk and open Cofnod again.",
    ),
    "database_migration_failed": QT_TRANSLATE_NOOP(
        "Problems",
        "Upgrading Cofnod's data failed and was undone: your data is as it was. Open Cofnod again, and "
        "if this happens again tell your support team.",
    ),
    "keyring_unavailable": QT_TRANSLATE_NOOP(
        "Problems",
        "This computer's key store cannot be reached, so Cofnod cannot get the key to its data. Nothing "
        "was changed; sign out of the computer and in again (this starts the key store), then open "
        "Cofnod again, or ask your support team.",
    ),
    "keyring_locked": QT_TRANSLATE_NOOP(
        "Problems",
        "This computer's key store is locked. Unlock it (it usually asks for your computer password), "
        "then open Cofnod again; this is not a wrong password.",
    ),
    "keyring_insecure": QT_TRANSLATE_NOOP(
        "Problems",
        "This profile's key is kept in the key store, but the key store in use now keeps secrets in a "
        "plain file that other programs could read, so Cofnod will not use it. Nothing was changed; ask "
        "your support team to set up the system's own key store (for example GNOME Keyring), then open "
        "Cofnod again.",
    ),
    "passphrase_required": QT_TRANSLATE_NOOP(
        "Problems",
        "Cofnod's data is protected by a passphrase and none was given, so it was not opened. Open "
        "Cofnod again and enter the passphrase.",
    ),
    "passphrase_wrong": QT_TRANSLATE_NOOP(
        "Problems",
        "That passphrase does not open Cofnod's data. Nothing was changed; open Cofnod again and check "
        "the passphrase (capital letters count). A lost passphrase cannot be recovered.",
    ),
    "profile_damaged": QT_TRANSLATE_NOOP(
        "Problems",
        "The profile's settings file (profile.json) is missing or cannot be read, so Cofnod cannot tell "
        "how the data's key is kept, and left everything as it was. Ask your support team to restore the "
        "file from a backup.",
    ),
    "secret_store_locked": QT_TRANSLATE_NOOP(
        "Problems",
        "This computer's key store is locked, so Cofnod could not keep or read a secret. Unlock the key "
        "store, then try again.",
    ),
    "secret_store_unavailable": QT_TRANSLATE_NOOP(
        "Problems",
        "This computer's key store did not answer, so Cofnod could not keep or read a secret. Try again; "
        "if this happens again, sign out of the computer and in again, or ask your support team.",
    ),
    "secret_store_insecure": QT_TRANSLATE_NOOP(
        "Problems",
        "This computer's key store keeps secrets in a plain file that other programs could read, so "
        "Cofnod keeps nothing in it. Ask your support team to set up the system's own key store.",
    ),
}


def label(code: str | None) -> str:
    """The translated label of a code (the code itself if unknown, which a test forbids)."""
    if code is None:
        return ""
    source = _L.get(code)
    if source is None:
        logger.warning("no label for code %s", code)
        return code
    return QCoreApplication.translate("Labels", source)


def problem_text(code: str, params: Mapping[str, Any] | None = None) -> str:
    """The translated sentence for a problem or error code (a known ``reason`` param says more)."""
    reason = (params or {}).get("reason")
    source = _P.get(reason) if isinstance(reason, str) and reason in _P else _P.get(code)
    if source is None:
        logger.warning("no text for problem %s", code)
        return QCoreApplication.translate("Problems", "Something went wrong (%1).").replace("%1", code)
    return QCoreApplication.translate("Problems", source)


def all_label_codes() -> tuple[str, ...]:
    """Every code with a label (for tests)."""
    return tuple(_L)


def all_problem_codes() -> tuple[str, ...]:
    """Every code with a sentence (for tests)."""
    return tuple(_P)
