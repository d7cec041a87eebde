import io
import json
import logging

from signaling.logs import JsonFormatter


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
