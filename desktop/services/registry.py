"""Builds every service of a profile from one session factory (the UI's single entry point)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.config import DEFAULT_CONFIG, RulesConfig
from desktop.services.attendance import AttendanceService
from desktop.services.base import CurrentUser, ServiceContext
from desktop.services.children import ChildrenService
from desktop.services.conferences import ConferenceService
from desktop.services.decisions import DecisionService
from desktop.services.distribution import DistributionService
from desktop.services.drafts import DraftService
from desktop.services.minutes import MinutesService
from desktop.services.plan import PlanService
from desktop.services.settings import SettingsService
from desktop.services.voice import VoiceService


@dataclass(frozen=True, slots=True)
class Services:
    """Every service the UI uses, sharing one context."""

    ctx: ServiceContext
    conferences: ConferenceService
    attendance: AttendanceService
    voice: VoiceService
    minutes: MinutesService
    drafts: DraftService
    decisions: DecisionService
    plan: PlanService
    distribution: DistributionService
    children: ChildrenService
    settings: SettingsService


def build_services(
    sessions: sessionmaker[Session],
    *,
    user: Callable[[], CurrentUser],
    today: Callable[[], dt.date] = dt.date.today,
    device_id: str | None = None,
    config: RulesConfig = DEFAULT_CONFIG,
) -> Services:
    """All services over one store, applying the rules configuration ``config``."""
    ctx = ServiceContext(sessions, user=user, today=today, device_id=device_id, config=config)
    return Services(
        ctx=ctx,
        conferences=ConferenceService(ctx),
        attendance=AttendanceService(ctx),
        voice=VoiceService(ctx),
        minutes=MinutesService(ctx),
        drafts=DraftService(ctx),
        decisions=DecisionService(ctx),
        plan=PlanService(ctx),
        distribution=DistributionService(ctx),
        children=ChildrenService(ctx),
        settings=SettingsService(ctx),
    )
