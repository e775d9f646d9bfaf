"""NET-1: the client trusts only the configured CA (or the system store), whatever the environment says.

A self-signed certificate, a certificate for another host name and an expired one are all refused
before a request is sent; the same CA's valid certificate is accepted, so each refusal is about the
certificate's one fault. ``REQUESTS_CA_BUNDLE``, ``CURL_CA_BUNDLE`` and ``SSL_CERT_FILE`` can neither
replace the configured CA nor add trust where none was configured.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from pathlib import Path
from typing import Any

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client.errors import ErrorKind, SyncError
from sync.client.http import ClientConfig, RegisterClient
from sync.client.tokens import MemoryTokenStore
from tests.support.faultproxy import FaultProxy
from tests.sync_client.conftest import FAST, PASSWORD, Register


@pytest.fixture(scope="module")
def trusted(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, str]:
    ca = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "trusted-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return ca, str(path)


def _context(cert: trustme.LeafCert) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    return context


def _self_signed(directory: Path) -> ssl.SSLContext:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    (directory / "self.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "self.key").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(directory / "self.pem", directory / "self.key")
    return context


def _server_context(kind: str, ca: trustme.CA, directory: Path) -> ssl.SSLContext:
    now = dt.datetime.now(dt.UTC)
    if kind == "valid":
        return _context(ca.issue_cert("127.0.0.1"))
    if kind == "wrong_host":
        return _context(ca.issue_cert("register.example.org"))
    if kind == "expired":
        return _context(
            ca.issue_cert("127.0.0.1", not_before=now - dt.timedelta(days=30), not_after=now - dt.timedelta(days=1))
        )
    if kind == "self_signed":
        return _self_signed(directory)
    raise AssertionError(kind)


def _enrol(register: Register, url: str, ca_file: str | None) -> str:
    with RegisterClient(ClientConfig(url, ca_file=ca_file, **FAST), MemoryTokenStore()) as client:
        return client.enrol(register.new_user(), PASSWORD).device_id


@pytest.mark.parametrize("kind", ["self_signed", "wrong_host", "expired"])
@pytest.mark.parametrize("configured", [True, False], ids=["configured-ca", "system-store"])
def test_bad_certificates_are_refused(
    register: Register, trusted: tuple[trustme.CA, str], tmp_path: Path, kind: str, configured: bool
) -> None:
    ca, ca_path = trusted
    context = _server_context(kind, ca, tmp_path)
    with FaultProxy(register.url, register.ca, tmp_path, server_context=context) as proxy:
        with pytest.raises(SyncError) as err:
            _enrol(register, proxy.url, ca_path if configured else None)
        assert err.value.kind is ErrorKind.TLS and err.value.code == "tls_verify_failed"
        assert not err.value.retryable
        assert proxy.seen == []  # refused in the handshake, before any request


def test_a_valid_certificate_of_the_configured_ca_is_accepted(
    register: Register, trusted: tuple[trustme.CA, str], tmp_path: Path
) -> None:
    ca, ca_path = trusted
    with FaultProxy(register.url, register.ca, tmp_path, server_context=_server_context("valid", ca, tmp_path)) as p:
        with RegisterClient(ClientConfig(p.url, ca_file=ca_path, **FAST), MemoryTokenStore()) as client:
            assert client.enrol(register.new_user(), PASSWORD).device_id.startswith("dev-")
            # Only that CA is trusted after a connection was made: requests added no bundle of its own.
            adapter: Any = client._session.get_adapter(p.url + "/v1/sync/meta")
            assert [c["subject"] for c in adapter._context.get_ca_certs()] == [
                c["subject"] for c in ssl.create_default_context(cafile=ca_path).get_ca_certs()
            ]
        # ...and the system store alone does not know this private CA.
        with pytest.raises(SyncError) as err:
            _enrol(register, p.url, None)
        assert err.value.kind is ErrorKind.TLS


def test_environment_cannot_swap_or_add_trust(
    register: Register, trusted: tuple[trustme.CA, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca, ca_path = trusted
    other = trustme.CA()
    other_path = tmp_path / "other-ca.pem"
    other.cert_pem.write_to_path(str(other_path))
    with FaultProxy(register.url, register.ca, tmp_path, server_context=_server_context("valid", ca, tmp_path)) as p:
        # Pointing elsewhere does not replace the configured CA...
        for var in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
            monkeypatch.setenv(var, str(other_path))
        assert _enrol(register, p.url, ca_path).startswith("dev-")
        # ...and pointing at the server's CA does not make the system store trust it.
        for var in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
            monkeypatch.setenv(var, ca_path)
        monkeypatch.setenv("SSL_CERT_DIR", str(Path(ca_path).parent))
        with pytest.raises(SyncError) as err:
            _enrol(register, p.url, None)
        assert err.value.kind is ErrorKind.TLS
        # A proxy named in the environment is not used either (it would be unreachable here).
        monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
        assert _enrol(register, p.url, ca_path).startswith("dev-")


def test_an_unreadable_ca_file_is_a_tls_error(tmp_path: Path) -> None:
    (tmp_path / "junk.pem").write_text("not a certificate")
    for path in (tmp_path / "junk.pem", tmp_path / "missing.pem"):
        with pytest.raises(SyncError) as err:
            RegisterClient(ClientConfig("https://127.0.0.1:1", ca_file=str(path)), MemoryTokenStore())
        assert err.value.kind is ErrorKind.TLS and err.value.code == "ca_file_unreadable"
