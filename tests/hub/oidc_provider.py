"""A small OpenID Connect provider for the tests: the alliance's sign-in, as the hub meets it.

It speaks the authorization-code flow the way an identity provider (Keycloak, Entra ID) does for
JupyterHub's ``GenericOAuthenticator``: ``/auth`` shows a sign-in form and sends the browser back with a
one-time code; ``/token`` exchanges the code for an access token, checking the client's secret, the
redirect address and the PKCE verifier; ``/userinfo`` answers the token with the user's claims, among them
the ``groups`` that say the city and the roles. Nothing else: no discovery, no refresh, no ID token
signature (the hub does not ask for them). It runs on loopback, in a thread of the test process.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import html
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import tornado.httpserver
import tornado.netutil
import tornado.web


@dataclass
class Provider:
    """The provider's clients, people and what is under way; ``url`` once it runs."""

    client_id: str
    client_secret: str
    people: dict[str, list[str]]
    """Each user's ``groups`` claim."""
    url: str = ""
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    verified: int = 0
    """Codes exchanged with a PKCE verifier that matched its challenge."""

    def settings(self) -> dict[str, object]:
        """The deployment file's ``[oidc]`` table for this provider, as the guide writes it."""
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "authorize_url": f"{self.url}/auth",
            "token_url": f"{self.url}/token",
            "userdata_url": f"{self.url}/userinfo",
            "scope": ["openid", "profile", "groups"],
            "username_claim": "preferred_username",
            "groups_key": "oauth_user.groups",
            "allowed_groups": ["facilitator", "secretariat"],
        }


class _Handler(tornado.web.RequestHandler):
    def initialize(self, provider: Provider) -> None:
        self.provider = provider

    def check_xsrf_cookie(self) -> None:  # the provider's own form: no cookies, nothing to forge here
        pass


class _Authorize(_Handler):
    def get(self) -> None:
        if self.get_argument("client_id", "") != self.provider.client_id:
            raise tornado.web.HTTPError(400, "unknown client")
        if self.get_argument("response_type", "") != "code":
            raise tornado.web.HTTPError(400, "only the code flow")
        hidden = "".join(
            f"<input type='hidden' name='{name}' value='{html.escape(self.get_argument(name, ''), quote=True)}'>"
            for name in ("redirect_uri", "state", "code_challenge", "code_challenge_method")
        )
        self.finish(
            "<!doctype html><title>Nordic Safe Cities sign-in</title><h1>Nordic Safe Cities sign-in</h1>"
            f"<form method='post' action='auth'>{hidden}<label>User <input id='oidc-user' name='user'></label>"
            "<button id='oidc-sign-in' type='submit'>Sign in</button></form>"
        )

    def post(self) -> None:
        user = self.get_argument("user", "")
        if user not in self.provider.people:
            self.set_status(401)
            self.finish("<p id='oidc-unknown'>No such user.</p>")
            return
        code = secrets.token_urlsafe(16)
        self.provider.codes[code] = {
            "user": user,
            "redirect_uri": self.get_argument("redirect_uri"),
            "challenge": self.get_argument("code_challenge", ""),
        }
        query = urlencode({"code": code, "state": self.get_argument("state", "")})
        self.redirect(f"{self.get_argument('redirect_uri')}?{query}")


class _Token(_Handler):
    def post(self) -> None:
        given_id, given_secret = self.get_argument("client_id", ""), self.get_argument("client_secret", "")
        basic = self.request.headers.get("Authorization", "")
        if basic.startswith("Basic "):
            given_id, _, given_secret = base64.b64decode(basic[6:]).decode().partition(":")
        if given_id != self.provider.client_id or not hmac.compare_digest(given_secret, self.provider.client_secret):
            self._refuse("invalid_client")
            return
        grant = self.provider.codes.pop(self.get_argument("code", ""), None)  # a code is good once
        if grant is None or grant["redirect_uri"] != self.get_argument("redirect_uri", ""):
            self._refuse("invalid_grant")
            return
        if grant["challenge"]:
            verifier = self.get_argument("code_verifier", "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if not hmac.compare_digest(digest, grant["challenge"]):
                self._refuse("invalid_grant")
                return
            self.provider.verified += 1
        token = secrets.token_urlsafe(24)
        self.provider.tokens[token] = grant["user"]
        self.finish({"access_token": token, "token_type": "Bearer", "expires_in": 300, "scope": "openid profile"})

    def _refuse(self, error: str) -> None:
        self.set_status(400)
        self.finish({"error": error})


class _UserInfo(_Handler):
    def get(self) -> None:
        given = self.request.headers.get("Authorization", "")
        user = self.provider.tokens.get(given[7:]) if given.startswith("Bearer ") else None
        if user is None:
            self.set_status(401)
            self.finish({"error": "invalid_token"})
            return
        self.finish({"sub": hashlib.sha256(user.encode()).hexdigest()[:16], "preferred_username": user,
                     "groups": self.provider.people[user]})  # fmt: skip


@contextmanager
def running(provider: Provider) -> Iterator[Provider]:
    """Serve ``provider`` on a free loopback port in a thread; ``provider.url`` is where."""
    started = threading.Event()
    box: dict[str, Any] = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        routes = [(r"/auth", _Authorize), (r"/token", _Token), (r"/userinfo", _UserInfo)]
        app = tornado.web.Application([(path, handler, {"provider": provider}) for path, handler in routes])
        server = tornado.httpserver.HTTPServer(app)
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server.add_sockets(sockets)
        box.update(loop=loop, server=server, port=sockets[0].getsockname()[1])
        started.set()
        loop.run_forever()
        server.stop()
        loop.close()

    thread = threading.Thread(target=serve, name="oidc-provider", daemon=True)
    thread.start()
    if not started.wait(30):
        raise RuntimeError("the test sign-in provider did not start")
    provider.url = f"http://127.0.0.1:{box['port']}"
    try:
        yield provider
    finally:
        box["loop"].call_soon_threadsafe(box["loop"].stop)
        thread.join(timeout=10)
