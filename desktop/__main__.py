"""Command line entry point: ``cofnod`` (the app) and its sub-commands.

Heavy modules are imported only by the sub-command that needs them, so ``cofnod --version`` and
``cofnod --help`` answer at once. Each sub-command lives in :mod:`desktop.commands`.

    cofnod [--profile DIR] [--language cy|en]     start the app
    cofnod --version
    cofnod --self-test [--profile DIR]            check keyring, encryption, migrations, fonts, Qt
    cofnod --check-config [--profile DIR]         the effective configuration and where each value came from
    cofnod preset [--service-url URL] [--ca-bundle FILE] [--council CODE] [--idle-lock-minutes N]
                  [--user-may-change KEY ...] [--out FILE]   write the machine-wide configuration
    cofnod demo-data --profile DIR --children N [--seed S]
    cofnod sign-in --profile DIR --server URL [--ca FILE] --user NAME --password-stdin
    cofnod sync --profile DIR [--wait SECONDS]
    cofnod export-json --profile DIR --out FILE
    cofnod export-record CONFERENCE --profile DIR --out FILE.pdf [--language cy|en]
                         [--recipient ID] [--kind record|summary|letter|notice]
    cofnod quality-report --profile DIR --from DATE --to DATE --out FILE.pdf|.csv [--language cy|en] [--board]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop import __version__


def _add_profile(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--profile",
        metavar="DIR",
        default=None,
        help="folder holding this profile's data (default: $COFNOD_PROFILE, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``cofnod``."""
    parser = argparse.ArgumentParser(prog="cofnod", description="Cofnod: child protection conferences, recorded.")
    parser.add_argument("--version", action="version", version=f"cofnod {__version__}")
    parser.add_argument("--self-test", action="store_true", help="check this installation and exit")
    parser.add_argument(
        "--check-config",
        action="store_true",
        help="print the effective configuration and where each value came from, and exit",
    )
    parser.add_argument("--language", choices=("cy", "en"), default=None, help="interface language")
    _add_profile(parser)
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo-data", help="fill a profile with fictional demonstration data")
    _add_profile(demo)
    demo.add_argument("--children", type=int, default=60, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    preset = sub.add_parser("preset", help="write the machine-wide configuration (administrators)")
    preset.add_argument("--service-url", default=None, metavar="URL")
    preset.add_argument("--ca-bundle", default=None, metavar="FILE")
    preset.add_argument("--council", default=None, metavar="CODE")
    preset.add_argument("--idle-lock-minutes", default=None, metavar="N")
    preset.add_argument(
        "--user-may-change", action="append", default=[], metavar="KEY", help="a key users may change (repeatable)"
    )
    preset.add_argument("--out", default=None, metavar="FILE", help="default: the system configuration folder's file")

    export = sub.add_parser("export-record", help="write a conference document as PDF")
    export.add_argument("conference", metavar="CONFERENCE", help="conference reference or id")
    _add_profile(export)
    export.add_argument("--out", required=True, metavar="FILE.pdf")
    export.add_argument("--language", choices=("cy", "en"), default=None)
    export.add_argument("--recipient", default=None, metavar="ID")
    export.add_argument("--kind", choices=("record", "summary", "letter", "notice"), default="record")

    sign_in = sub.add_parser("sign-in", help="enrol this device with the register service")
    _add_profile(sign_in)
    sign_in.add_argument("--server", required=True, metavar="URL", help="the service's https:// address")
    sign_in.add_argument("--ca", default=None, metavar="FILE", help="a CA bundle to trust instead of the system's")
    sign_in.add_argument("--user", required=True, metavar="NAME")
    sign_in.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    sync = sub.add_parser("sync", help="send this profile's changes and receive others' (one run)")
    _add_profile(sync)
    sync.add_argument("--wait", type=float, default=0.0, metavar="SECONDS", help="wait for a sync already running")

    export_json = sub.add_parser("export-json", help="write every record of the profile as the protocol's JSON")
    _add_profile(export_json)
    export_json.add_argument("--out", required=True, metavar="FILE")

    quality = sub.add_parser("quality-report", help="write the quality report of the profile's data (CSV or PDF)")
    _add_profile(quality)
    quality.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day, YYYY-MM-DD")
    quality.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day, YYYY-MM-DD")
    quality.add_argument("--out", required=True, metavar="FILE.pdf|.csv")
    quality.add_argument("--language", choices=("cy", "en"), default=None)
    quality.add_argument("--board", action="store_true", help="for a board: counts of 1 to 4 shown as fewer than 5")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cofnod`` with ``argv`` and return the exit status."""
    args = build_parser().parse_args(argv)
    if args.self_test:
        from desktop.selftest import run_self_test

        return run_self_test(args.profile)
    if args.check_config:
        from desktop.checkconfig import run_check_config

        return run_check_config(args.profile)
    if args.command == "demo-data":
        from desktop.commands.demo_data import main as demo_main

        return demo_main(args.profile, children=args.children, seed=args.seed)
    if args.command == "preset":
        from desktop.checkconfig import run_preset

        return run_preset(
            service_url=args.service_url,
            ca_bundle=args.ca_bundle,
            council=args.council,
            idle_lock_minutes=args.idle_lock_minutes,
            user_may_change=args.user_may_change,
            out=args.out,
        )
    if args.command == "export-record":
        from desktop.commands.export_record import main as export_main

        return export_main(
            args.conference,
            profile=args.profile,
            out=args.out,
            language=args.language,
            recipient=args.recipient,
            kind=args.kind,
        )
    if args.command == "sign-in":
        from desktop.commands.sign_in import main as sign_in_main

        return sign_in_main(
            profile=args.profile, server=args.server, ca=args.ca, user=args.user, password_stdin=args.password_stdin
        )
    if args.command == "sync":
        from desktop.commands.sync_once import main as sync_main

        return sync_main(profile=args.profile, wait=args.wait)
    if args.command == "export-json":
        from desktop.commands.export_json import main as export_json_main

        return export_json_main(profile=args.profile, out=args.out)
    if args.command == "quality-report":
        from desktop.commands.quality_report import main as quality_main

        return quality_main(
            profile=args.profile,
            start=args.start,
            end=args.end,
            out=args.out,
            language=args.language,
            board=args.board,
        )
    from desktop.app import run_app

    return run_app(args.profile, language=args.language)


if __name__ == "__main__":
    sys.exit(main())
