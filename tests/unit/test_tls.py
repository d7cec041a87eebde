from pathlib import Path

import pytest

from signaling.config import ConfigError, Settings
from signaling.http.tls import ssl_context
from tests.processes import make_certificate


def test_no_certificate_means_plain_http() -> None:
    assert ssl_context(Settings()) is None


def test_a_certificate_and_key_make_a_server_context(tmp_path: Path) -> None:
    cert, key = make_certificate(tmp_path)
    assert ssl_context(Settings(certfile=str(cert), keyfile=str(key))) is not None


@pytest.mark.parametrize("broken", ["missing", "swapped"])
def test_unloadable_files_name_both_settings(tmp_path: Path, broken: str) -> None:
    cert, key = make_certificate(tmp_path)
    if broken == "missing":
        cert = tmp_path / "nope.pem"
    else:
        cert, key = key, cert
    with pytest.raises(ConfigError, match=r"^CERTFILE is .* and KEYFILE is .*expected"):
        ssl_context(Settings(certfile=str(cert), keyfile=str(key)))
