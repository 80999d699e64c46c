"""Log lines without secrets: room codes, keys, tokens and cookies become ``[hidden]``.

Used by the kit's server (every record of its process) and by the hub (``deploy/jupyterhub_config.py``),
whose request log hides query strings but not paths, where a room's code travels.
"""

from __future__ import annotations

import logging
import re
from typing import Any

__all__ = ["install_scrubbing", "scrub"]

_SECRET_PARAMS = re.compile(r"((?:key|token|code|_xsrf)=)[^&\s'\"]+", re.IGNORECASE)
_SECRET_COOKIES = re.compile(r"((?:nsc_room|nsc_staff|_xsrf|username-[\w-]+)=)[^;\s'\"]+")
_ROOM_CODE = re.compile(r"((?:/|%2F)room(?:/|%2F))[0-9](?:[0-9-]|%20| (?=[0-9])){10,}", re.IGNORECASE)
_hidden: list[str] = []


def scrub(text: str) -> str:
    """A log line without secrets: keys, codes, tokens and cookies become ``[hidden]``.

    >>> scrub("GET /voila/render/x.ipynb?workshop=w&key=abc123&role=facilitator (10.0.0.5)")
    'GET /voila/render/x.ipynb?workshop=w&key=[hidden]&role=facilitator (10.0.0.5)'
    >>> scrub("GET /room/481722905531 (10.0.0.5)"), scrub("Cookie: nsc_room=2|1:0|10:17; a=b")
    ('GET /room/[hidden] (10.0.0.5)', 'Cookie: nsc_room=[hidden]; a=b')
    >>> scrub("GET /hub/user/ana/room-1a/room/4817-2290-5531 -> /hub/login?next=%2Froom-1a%2Froom%2F481722905531")
    'GET /hub/user/ana/room-1a/room/[hidden] -> /hub/login?next=%2Froom-1a%2Froom%2F[hidden]'
    """
    text = _SECRET_PARAMS.sub(r"\1[hidden]", text)
    text = _SECRET_COOKIES.sub(r"\1[hidden]", text)
    text = _ROOM_CODE.sub(r"\1[hidden]", text)
    for secret in _hidden:
        if secret and secret in text:
            text = text.replace(secret, "[hidden]")
    return text


def install_scrubbing(secrets: list[str]) -> None:
    """Every log record of this process is scrubbed when it is made, whatever logger or handler writes it."""
    _hidden[:] = [s for s in secrets if s]
    make = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format: leave it to logging to report
            return record
        record.msg, record.args = scrub(message), None
        if record.exc_info and record.exc_text is None and record.exc_info[0] is not None:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(factory)
