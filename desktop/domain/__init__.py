"""Cofnod's Wales rules engine: pure, typed and free of Qt, SQLAlchemy and I/O.

Every function is deterministic: ``today`` is always an argument, and nothing reads the clock,
settings or the database. Everything is safe to call from any thread. Problems carry stable codes
and parameters (never sentences); ``desktop.ui`` translates them. Enums come from
``sync.protocol.enums``; the register's rules (outcomes per conference type, transitions, end
reasons' preconditions, the quorum count) from ``sync.protocol.register_rules``, which the register
service applies too, so the laptop and the register refuse the same things.

Public API, by module:

- ``problems``: :class:`Problem` (``code``, ``severity``, ``params``), ``error()``/``warning()``,
  ``has_errors()``; :class:`DomainError` and its subclasses ``IllegalTransitionError``,
  ``ImmutableRecordError``, ``InvalidConfigError``, ``MissingAnchorError``.
- ``config``: :class:`RulesConfig`, every number (timescales, due-soon window, quorum, age 18)
  with the domain.md defaults; ``DEFAULT_CONFIG``.
- ``calendar``: :class:`WorkingDayCalendar` (``is_working_day``, ``add_working_days``,
  ``working_days_between``, ``on_or_before``, ``on_or_after``), ``default_calendar()``,
  ``calendar_with_closures()``, ``bank_holidays()``, ``add_months()``.
- ``timescales``: one ``*_deadline()`` per rule returning a :class:`Deadline` (``is_target`` for
  T4); ``evaluate()`` gives a :class:`TimescaleStatus` with a :class:`DueState`;
  ``conference_deadline()``/``conference_status()`` from a :class:`ConferenceTiming`.
- ``quorum``: :class:`Attendee`, ``assess_quorum()`` → :class:`QuorumResult`,
  ``present_practitioner_ids()``, ``absent_key_participants()``.
- ``decisions``: :class:`DecisionDraft`, :class:`PractitionerView`, :class:`Dissent`,
  ``assess_decision()`` → :class:`DecisionAssessment`; ``has_consensus()``, ``majority_stance()``,
  ``outcomes_for()``.
- ``voice``: :class:`VoiceRecord`, ``assess_voice()``, ``is_voice_complete()``.
- ``register``: :class:`RegistrationEnd`, ``validate_end()``, ``birthday()``,
  ``adulthood_prompt()`` → :class:`AdulthoodPrompt`.
- ``lifecycle``: ``TRANSITIONS``, ``transition()``, ``transition_problem()``,
  ``ensure_mutable()``, ``ensure_record_mutable()``, :class:`Addendum`, ``validate_addendum()``.
- ``permissions``: :class:`Action`, ``PERMISSIONS`` (the matrix as data), ``check_permission()``,
  ``check_any()`` → :class:`PermissionResult` with a :class:`DenialCode`.
- ``nhs``: ``nhs_number_problem()``, ``is_valid_nhs_number()``, ``normalise_nhs_number()``.
"""

from __future__ import annotations
