"""The generated WiX source builds into an MSI with the real wixl against a stand-in payload, and the
MSI has what silent deployment needs: per-machine scope, a Start-menu entry, an upgrade code, and
the custom action that writes the machine-wide file from the four public properties."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from installer.windows import wix

NS = {"w": "http://schemas.microsoft.com/wix/2006/wi"}


@pytest.fixture
def payload(tmp_path: Path) -> Path:
    bundle = tmp_path / "cofnod"
    (bundle / "_internal" / "resources" / "translations").mkdir(parents=True)
    for rel in ("cofnod.exe", "cofnod-cli.exe", "_internal/python311.dll", "_internal/resources/translations/a.qm"):
        (bundle / rel).write_bytes(b"MZ stand-in " + rel.encode())
    return bundle


def _export(msi: Path, table: str) -> list[list[str]]:
    out = subprocess.run(["msiinfo", "export", str(msi), table], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()[3:]]


def test_the_wix_source_builds_an_msi_for_silent_deployment(payload: Path, tmp_path: Path) -> None:
    source = tmp_path / "cofnod.wxs"
    source.write_text(wix.wix_source(payload, "0.4.1"), encoding="utf-8")
    tree = ET.parse(source)
    files = tree.findall(".//w:File", NS)
    assert len(files) == 4
    assert {p.get("Id") for p in tree.findall(".//w:Property", NS)} >= set(wix.PRESET_PROPERTIES)

    msi = tmp_path / "cofnod.msi"
    done = subprocess.run(
        ["wixl", "-a", "x64", "-D", "Bundle=.", "-o", str(msi), str(source)],
        cwd=payload,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    props = dict(row[:2] for row in _export(msi, "Property") if len(row) >= 2)
    assert props["ALLUSERS"] == "1"  # per-machine
    assert props["UpgradeCode"] == "{" + wix.UPGRADE_CODE + "}"
    assert props["ProductVersion"] == "0.4.1"
    shortcuts = _export(msi, "Shortcut")
    assert [row[2] for row in shortcuts] == ["Cofnod"] and shortcuts[0][4] == "[INSTALLDIR]cofnod.exe"
    actions = {row[0]: row for row in _export(msi, "CustomAction")}
    command = actions["WriteMachineConfig"][3]
    for prop in wix.PRESET_PROPERTIES:
        assert f'"[{prop}]"' in command
    sequence = {row[0]: row[1] for row in _export(msi, "InstallExecuteSequence")}
    assert "NOT REMOVE" in sequence["WriteMachineConfig"]
    assert {row[0] for row in _export(msi, "Upgrade")} == {"{" + wix.UPGRADE_CODE + "}"}


def test_component_guids_are_stable_across_builds(payload: Path) -> None:
    # Windows Installer matches components across upgrades by GUID, so the same file keeps its GUID.
    first = ET.fromstring(wix.wix_source(payload, "0.4.1"))
    second = ET.fromstring(wix.wix_source(payload, "0.5.0"))
    guids = [c.get("Guid") for c in first.iter(f"{{{NS['w']}}}Component")]
    assert guids == [c.get("Guid") for c in second.iter(f"{{{NS['w']}}}Component")]
    assert len(set(guids)) == len(guids)


def test_the_msi_preset_command_writes_a_valid_machine_file(tmp_path: Path) -> None:
    # What the custom action runs after Windows Installer fills in the properties.
    from desktop.__main__ import main as cofnod_main
    from desktop.config import load_machine_config

    ca = tmp_path / "ca.pem"
    ca.write_text("pem", encoding="ascii")
    out = tmp_path / "ProgramData" / "cofnod.toml"
    filled = (
        wix.preset_command()
        .replace("[SERVICE_URL]", "https://register.example.org")
        .replace("[CA_BUNDLE]", str(ca))
        .replace("[AUTHORITY]", "CDF")
        .replace("[IDLE_LOCK_MINUTES]", "")
    )
    args = [a.strip('"') for a in filled.split()]
    assert cofnod_main([*args, "--out", str(out)]) == 0
    machine = load_machine_config(out)
    assert machine.values == {"service_url": "https://register.example.org", "ca_bundle": ca, "council": "CDF"}
    assert machine.locked == {"service_url", "ca_bundle", "council"}
