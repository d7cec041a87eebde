import io
import json
import logging

from signaling.logs import JsonFormatter
from signaling.transport.library_logs import RedactPayloads


def test_json_lines_carry_level_logger_and_message() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("signaling.test_logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        logger.info("sid=%s room=%s joined seat=%d", "abc", "1f2e3d4c", 1)
        try:
            raise RuntimeError("boom\non two lines")
        except RuntimeError:
            logger.exception("handler failed")
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    joined, failed = (json.loads(line) for line in lines)
    assert {k: joined[k] for k in ("level", "logger", "message")} == {
        "level": "INFO",
        "logger": "signaling.test_logs",
        "message": "sid=abc room=1f2e3d4c joined seat=1",
    }
    assert joined["time"].endswith("+00:00")
    assert failed["level"] == "ERROR"
    assert "RuntimeError: boom" in failed["exception"]


def library_record(msg: str, *args: object) -> logging.LogRecord:
    record = logging.LogRecord(
        "signaling.library.engineio", logging.INFO, __file__, 1, msg, args, None
    )
    assert RedactPayloads().filter(record)
    return record


def test_library_log_lines_keep_ids_and_packet_names_but_not_payloads() -> None:
    record = library_record(
        "%s: Sending packet %s data %s",
        "AbCdEfGhIjKlMnOpQrSt",
        "MESSAGE",
        '2["message",{"sdp":"v=0 IN IP4 x"}]',
    )
    assert record.getMessage() == (
        "AbCdEfGhIjKlMnOpQrSt: Sending packet MESSAGE data <str of 35>"
    )


def test_room_keys_in_library_log_lines_are_redacted() -> None:
    # Room keys are casefolded: never upper case, unlike a sid.
    record = library_record(
        "%s is entering room %s [%s]",
        "AbCdEfGhIjKlMnOpQrSt",
        "grandmas-birthday-20",
        "/",
    )
    assert (
        record.getMessage() == "AbCdEfGhIjKlMnOpQrSt is entering room <str of 20> [/]"
    )
