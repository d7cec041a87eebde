import base64
import hashlib
import hmac

from signaling.config import Settings
from signaling.http.ice import IceConfig, turn_credentials

SECRET = "coturn-static-auth-secret"
NOW = 1_800_000_000.5


def test_username_carries_the_expiry_and_the_credential_is_its_hmac() -> None:
    username, credential = turn_credentials(SECRET, 3600, NOW, "videoroom")
    assert username == "1800003600:videoroom"
    expected = hmac.new(SECRET.encode(), username.encode(), hashlib.sha1).digest()
    assert base64.b64decode(credential) == expected


def test_each_call_gets_its_own_username() -> None:
    first, _ = turn_credentials(SECRET, 3600, NOW)
    second, _ = turn_credentials(SECRET, 3600, NOW)
    assert first != second
    assert first.startswith("1800003600:") and second.startswith("1800003600:")


def turn_settings(**extra: object) -> Settings:
    return Settings(
        turn_secret=SECRET,
        turn_urls=("turn:turn.example.org:3478", "turns:turn.example.org:5349"),
        **extra,  # type: ignore[arg-type]
    )


def test_config_adds_a_turn_entry_after_the_static_servers() -> None:
    stun = {"urls": "stun:stun.example.org:3478"}
    config = IceConfig(turn_settings(ice_servers=(stun,)), clock=lambda: NOW)
    answer = config.client_config()
    assert answer["iceServers"][0] == stun
    turn = answer["iceServers"][1]
    assert turn["urls"] == ["turn:turn.example.org:3478", "turns:turn.example.org:5349"]
    assert turn["username"].startswith("1800003600:")
    assert answer["iceTransportPolicy"] == "all"


def test_credentials_follow_the_clock_and_the_ttl() -> None:
    now = [NOW]
    config = IceConfig(turn_settings(turn_ttl=600), clock=lambda: now[0])
    early = config.client_config()["iceServers"][0]["username"]
    now[0] += 1000
    later = config.client_config()["iceServers"][0]["username"]
    assert early.startswith(f"{int(NOW) + 600}:")
    assert later.startswith(f"{int(NOW) + 1600}:")


def test_relay_policy_is_handed_to_the_page() -> None:
    settings = turn_settings(ice_transport_policy="relay")
    assert IceConfig(settings).client_config()["iceTransportPolicy"] == "relay"


def test_the_secret_is_never_in_the_answer_nor_in_settings_repr() -> None:
    settings = turn_settings()
    assert SECRET not in repr(IceConfig(settings).client_config())
    assert SECRET not in repr(settings)
