"""Services: Qt-free units of work between the UI and the local store.

Each public method opens one transaction (``unit_of_work``), checks the Wales rules through
``desktop.domain``, writes the change together with its outbox row (``record_change``) and returns
frozen DTOs. Nothing here imports Qt or hands out ORM objects or sessions; errors carry codes that
only ``desktop.ui`` turns into words. Methods are safe to call from any one thread at a time per
call (each call makes its own session); the UI calls short ones on the GUI thread and long ones
through ``desktop.ui.tasks.TaskRunner``.

Modules: ``base`` (context, current user, permission helper), ``errors``, ``conferences``,
``attendance``, ``voice``, ``minutes``, ``drafts``, ``decisions``, ``plan``, ``distribution``,
``children``, ``settings`` and ``registry`` (builds them all from one store).
"""

from __future__ import annotations
