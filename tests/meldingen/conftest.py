"""Fixtures for the mail tests: settings and a database per test, a real SMTP relay as a process of its own
(tests/meldingen/smtp_server.py) and a self-signed certificate for its STARTTLS."""
from __future__ import annotations

import datetime as dt
import ipaddress

import pytest

from bot import db
from tests.conftest import SmtpRelay, make_settings, start_smtp_relay


@pytest.fixture
def instellingen(tmp_path):
    """Settings for this test, with its own database (at the newest schema) and mail folder. Without
    arguments: no MAIL_HOST, so mails become files. Call again with other MAIL_* values for the same database."""
    made = []

    def maak(**overrides):
        overrides = {"MAIL_MAP": str(tmp_path / "mail"), "WERKPLEK_URL": "https://werkplek.lindeveld.example",
                     **overrides}
        settings = make_settings(tmp_path, **overrides)
        if not made:
            db.upgrade(settings.database_url)
        made.append(settings)
        return settings

    yield maak
    if made:
        db.engine_for(made[0].database_url).dispose()


@pytest.fixture
def settings(instellingen):
    return instellingen()


@pytest.fixture
def sessions(settings):
    return db.session_factory(settings.database_url)


Relay = SmtpRelay  # the relay process, shared with other end-to-end tests (tests/conftest.py)


@pytest.fixture
def smtp_relay(tmp_path):
    """Start a relay: smtp_relay(port=None, *options) -> Relay. Every relay started is stopped after the test;
    all write into the same Maildir, so a relay restarted on the same port adds to what came before."""
    started: list[Relay] = []

    def start(*options: str, port: int | None = None) -> Relay:
        relay = start_smtp_relay(tmp_path, *options, port=port, log_name=f"smtp-{len(started)}.log")
        started.append(relay)
        return relay

    yield start
    for relay in started:
        relay.stop()


@pytest.fixture
def certificaat(tmp_path):
    """A self-signed certificate (and its key) for 127.0.0.1 and localhost, valid for a day: (cert, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "relay.test")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "relay.crt", tmp_path / "relay.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path
