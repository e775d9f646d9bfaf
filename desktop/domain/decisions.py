"""Per-child decisions: outcome rules, practitioners' views, consensus, dissent and evidence.

``domain.md`` section 7 as a single check, :func:`assess_decision`, that returns every problem
with a decision draft at once, so the decision screen can list them and refuse to finalise while
any is an error. Agreement is judged on the register question only: ``register`` and
``stay_registered`` both mean "on the register", ``do_not_register`` and ``deregister`` both mean
"not on it"; categories are the conference's choice and do not break consensus.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.problems import Problem, error, has_errors, warning
from desktop.domain.quorum import QuorumResult
from desktop.domain.voice import VoiceRecord, assess_voice
from sync.protocol.enums import (
    REGISTERED_OUTCOMES,
    AgencyGrouping,
    Category,
    ConferenceType,
    Outcome,
    PractitionerViewKind,
)
from sync.protocol.register_rules import NOT_ON_REGISTER, Position, RegisterPosition, decision_verdict
from sync.protocol.register_rules import outcomes_for as outcomes_for

logger = logging.getLogger(__name__)


class Stance(StrEnum):
    """A view or outcome reduced to the register question."""

    ON_REGISTER = "on_register"
    OFF_REGISTER = "off_register"


_VIEW_STANCE: dict[PractitionerViewKind, Stance] = {
    PractitionerViewKind.REGISTER: Stance.ON_REGISTER,
    PractitionerViewKind.STAY_REGISTERED: Stance.ON_REGISTER,
    PractitionerViewKind.DO_NOT_REGISTER: Stance.OFF_REGISTER,
    PractitionerViewKind.DEREGISTER: Stance.OFF_REGISTER,
}


def view_stance(view: PractitionerViewKind) -> Stance:
    """The register stance a practitioner's view expresses.

    Args:
        view: The practitioner's view.

    Returns:
        ON_REGISTER for register/stay registered, OFF_REGISTER for do not register/deregister.
    """
    return _VIEW_STANCE[view]


def outcome_stance(outcome: Outcome) -> Stance:
    """Whether an outcome leaves the child on the register.

    Args:
        outcome: A per-child outcome.

    Returns:
        ON_REGISTER for registered and remain outcomes, otherwise OFF_REGISTER.
    """
    return Stance.ON_REGISTER if outcome in REGISTERED_OUTCOMES else Stance.OFF_REGISTER


#: Conferences after which the next review is the child's *first* review: the ICPC that
#: registered the child, or the transfer-in conference that took over a registration.
FIRST_REVIEW_AFTER: frozenset[ConferenceType] = frozenset({ConferenceType.INITIAL, ConferenceType.TRANSFER_IN})


def is_first_review(conference_type: ConferenceType, previous_type: ConferenceType | None) -> bool:
    """Whether a conference is the child's first review (section 5.3, W18).

    The first review after a transfer-in conference is a first review too: the receiving council's
    registration is new, so the "deregistration considered at first review" prompt applies to it
    exactly as after an ICPC.

    Args:
        conference_type: The type of the conference deciding.
        previous_type: The type of the conference before it, or None when unknown.

    Returns:
        True for a review whose previous conference was an ICPC or a transfer-in conference.
    """
    return conference_type is ConferenceType.REVIEW and previous_type in FIRST_REVIEW_AFTER


@dataclass(frozen=True, slots=True)
class PractitionerView:
    """One practitioner's view on one child; abstaining is not possible.

    Attributes:
        practitioner_id: The practitioner's person id.
        agency: Their agency grouping.
        view: Their view on registration.
        categories: Categories they would register under, if any.
        reasons: Their reasons.
    """

    practitioner_id: str
    agency: AgencyGrouping
    view: PractitionerViewKind
    categories: frozenset[Category] = frozenset()
    reasons: str = ""


@dataclass(frozen=True, slots=True)
class Dissent:
    """A practitioner's recorded disagreement with the outcome (section 7.4).

    Attributes:
        practitioner_id: Who dissents.
        agency: Their agency grouping.
        reason: Why.
    """

    practitioner_id: str
    agency: AgencyGrouping
    reason: str


@dataclass(frozen=True, slots=True)
class DecisionDraft:
    """Everything recorded for one child's decision before it is finalised.

    Attributes:
        child_id: The child.
        conference_type: Type of the conference deciding.
        outcome: The outcome reached, or None while undecided.
        categories: Categories for a registered or remaining child.
        current_categories: The child's categories before a review or transfer-in conference.
        views: One view per present practitioner.
        rationale: Reasons for the outcome.
        evidence: References to the evidence relied on (report ids, record excerpts).
        chair_decided: True when the chair made the decision for lack of consensus.
        chair_reason: The chair's reason when ``chair_decided``.
        dissents: Recorded dissent entries.
        plan_if_not_registered: Support/safety plan for NOT_REGISTERED (R6).
        outline_plan_actions: Number of actions in the outline CASPP (REGISTERED needs one).
        coordinator_id: The named co-ordinator for a child on the register.
        senior_manager_informed: True when no co-ordinator could be named and the senior
            safeguarding manager was told (section 7.7).
        evidence_of_change: How the child's lived experience has changed (DEREGISTER).
        contingency_plan: Contingency/support plan after deregistration.
        is_first_review: True when this review is the child's first after registration.
        voice: The child's voice record.
        register: The child's position on the register now; None reads it from
            ``current_categories`` (a permanent entry when there are any).
    """

    child_id: str
    conference_type: ConferenceType
    outcome: Outcome | None = None
    categories: frozenset[Category] = frozenset()
    current_categories: frozenset[Category] = frozenset()
    views: tuple[PractitionerView, ...] = ()
    rationale: str = ""
    evidence: tuple[str, ...] = ()
    chair_decided: bool = False
    chair_reason: str = ""
    dissents: tuple[Dissent, ...] = ()
    plan_if_not_registered: str = ""
    outline_plan_actions: int = 0
    coordinator_id: str | None = None
    senior_manager_informed: bool = False
    evidence_of_change: str = ""
    contingency_plan: str = ""
    is_first_review: bool = False
    voice: VoiceRecord | None = None
    register: RegisterPosition | None = None

    @property
    def register_position(self) -> RegisterPosition:
        """The register position the rules judge the outcome from."""
        if self.register is not None:
            return self.register
        if self.current_categories:
            return RegisterPosition(Position.PERMANENT, frozenset(self.current_categories))
        return NOT_ON_REGISTER


@dataclass(frozen=True, slots=True)
class DecisionAssessment:
    """The result of checking a decision draft.

    Attributes:
        consensus: Whether every view shares one stance (False when there are no views).
        majority: The stance held by more than half of the views, or None on a tie or no views.
        against_majority: Whether the outcome goes against that majority.
        missing_views: Present practitioners who have not given a view.
        missing_dissent: Practitioners whose view differs from the outcome with no dissent
            reason recorded.
        problems: Every coded finding, errors and warnings.
    """

    consensus: bool
    majority: Stance | None
    against_majority: bool
    missing_views: tuple[str, ...]
    missing_dissent: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def can_finalise(self) -> bool:
        """True when no problem is an error."""
        return not has_errors(self.problems)


def _blank(text: str | None) -> bool:
    return not (text and text.strip())


def has_consensus(views: Sequence[PractitionerView]) -> bool:
    """Whether all views agree with each other on the register question.

    Args:
        views: The practitioners' views on one child.

    Returns:
        True when there is at least one view and all share one stance.
    """
    return len({view_stance(v.view) for v in views}) == 1


def majority_stance(views: Sequence[PractitionerView]) -> Stance | None:
    """The stance held by a strict majority of views.

    Args:
        views: The practitioners' views on one child.

    Returns:
        The majority stance, or None on a tie or with no views.
    """
    counts = Counter(view_stance(v.view) for v in views)
    on, off = counts[Stance.ON_REGISTER], counts[Stance.OFF_REGISTER]
    if on == off:
        return None
    return Stance.ON_REGISTER if on > off else Stance.OFF_REGISTER


def _outcome_problems(d: DecisionDraft, outcome: Outcome) -> list[Problem]:
    # The register's own rules first: outcome for the conference type, transition, categories.
    verdict = decision_verdict(d.conference_type, outcome, d.categories, d.register_position)
    out: list[Problem] = [error(r.reason.value, child_id=d.child_id, **r.params) for r in verdict.refusals]
    if outcome in REGISTERED_OUTCOMES:
        if d.coordinator_id is None or _blank(d.coordinator_id):
            if d.senior_manager_informed:
                out.append(warning("coordinator_not_named_manager_informed", child_id=d.child_id))
            else:
                out.append(error("coordinator_required", child_id=d.child_id))
    elif d.categories:
        out.append(error("categories_not_allowed", outcome=outcome))
    remains = outcome in (Outcome.REMAIN_SAME_CATEGORY, Outcome.REMAIN_CATEGORY_CHANGED)
    if remains and not d.current_categories and d.conference_type is ConferenceType.REVIEW:
        out.append(error("current_categories_missing", child_id=d.child_id))
    elif outcome is Outcome.REMAIN_SAME_CATEGORY and d.categories and d.categories != d.current_categories:
        out.append(error("categories_differ_from_current", child_id=d.child_id))
    elif outcome is Outcome.REMAIN_CATEGORY_CHANGED and d.current_categories and d.categories == d.current_categories:
        out.append(error("categories_unchanged", child_id=d.child_id))
    if outcome is Outcome.NOT_REGISTERED and _blank(d.plan_if_not_registered):
        out.append(error("support_plan_required", child_id=d.child_id))
    if outcome is Outcome.REGISTERED and d.outline_plan_actions < 1:
        out.append(error("outline_plan_required", child_id=d.child_id))
    if outcome is Outcome.DEREGISTER:
        if _blank(d.evidence_of_change):
            out.append(error("evidence_of_change_required", child_id=d.child_id))
        if _blank(d.contingency_plan):
            out.append(warning("contingency_plan_prompt", child_id=d.child_id))
        if d.is_first_review:
            out.append(warning("deregistration_at_first_review", child_id=d.child_id))
    return out


def assess_decision(
    draft: DecisionDraft,
    present_practitioners: Collection[str],
    *,
    quorum: QuorumResult | None = None,
) -> DecisionAssessment:
    """Check one child's decision draft against section 7 and the voice requirement.

    Args:
        draft: The decision as recorded so far.
        present_practitioners: Person ids of practitioners present (see
            ``quorum.present_practitioner_ids``); each must give a view.
        quorum: The sitting's quorum result; when given and decisions cannot be recorded, the
            ``quorum_not_met`` error is added.

    Returns:
        The assessment; ``can_finalise`` is True only when no error was found.
    """
    problems: list[Problem] = []
    if quorum is not None and not quorum.can_record_decisions:
        problems.append(error("quorum_not_met", state=quorum.state))

    present = set(present_practitioners)
    seen: set[str] = set()
    for v in draft.views:
        if v.practitioner_id in seen:
            problems.append(error("duplicate_view", practitioner_id=v.practitioner_id))
        seen.add(v.practitioner_id)
        if v.practitioner_id not in present:
            problems.append(error("view_from_absent_practitioner", practitioner_id=v.practitioner_id))
    missing_views = tuple(sorted(present - seen))
    problems.extend(error("view_missing", practitioner_id=p) for p in missing_views)

    consensus = has_consensus(draft.views)
    majority = majority_stance(draft.views)
    against_majority = False
    missing_dissent: list[str] = []

    if draft.outcome is None:
        problems.append(error("outcome_missing", child_id=draft.child_id))
    else:
        problems.extend(_outcome_problems(draft, draft.outcome))
        stance = outcome_stance(draft.outcome)
        against_majority = majority is not None and majority is not stance
        if not consensus and not draft.chair_decided:
            problems.append(error("chair_decision_required", child_id=draft.child_id))
        if against_majority:
            # Allowed, but only as the chair's call, and the record must say so.
            if draft.chair_decided:
                problems.append(warning("decision_against_majority", child_id=draft.child_id, majority=majority))
            else:
                problems.append(error("against_majority_requires_chair", child_id=draft.child_id))
        dissent_reasons = {d.practitioner_id: d.reason for d in draft.dissents}
        for v in draft.views:
            if view_stance(v.view) is stance:
                continue
            if _blank(dissent_reasons.get(v.practitioner_id)):
                missing_dissent.append(v.practitioner_id)
                problems.append(error("dissent_missing", practitioner_id=v.practitioner_id, agency=v.agency))

    if draft.chair_decided and _blank(draft.chair_reason):
        problems.append(error("chair_reason_required", child_id=draft.child_id))
    if _blank(draft.rationale):
        problems.append(error("rationale_required", child_id=draft.child_id))
    if not any(not _blank(e) for e in draft.evidence):
        problems.append(error("evidence_required", child_id=draft.child_id))
    problems.extend(assess_voice(draft.voice, child_id=draft.child_id))

    return DecisionAssessment(
        consensus=consensus,
        majority=majority,
        against_majority=against_majority,
        missing_views=missing_views,
        missing_dissent=tuple(missing_dissent),
        problems=tuple(problems),
    )
