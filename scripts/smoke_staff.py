"""Part of scripts/smoke-production: a registrar signs in to the back office of the production server, which
requires a second factor of staff (CRAFTCITY_STAFF_REQUIRE_2FA): the password alone leads to setting up an
authenticator app; with it set up, signing in again asks for the app's code, and the code opens the back office.
Codes are computed as a phone computes them (RFC 6238).

    python scripts/smoke_staff.py URL USERNAME PASSWORD
"""

import base64
import hashlib
import hmac
import re
import struct
import sys
import time

import requests


def totp(secret: str, steps: int = 0) -> str:
    counter = int(time.time() // 30) + steps
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6:06d}"


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()

    def _plain(self, response: requests.Response) -> requests.Response:
        # Production marks its cookies Secure (nginx speaks HTTPS); this smoke test speaks HTTP on loopback.
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def get(self, path: str) -> requests.Response:
        return self._plain(self.session.get(self.base + path, allow_redirects=False, timeout=30))

    def post(self, path: str, data: dict) -> requests.Response:
        token = self.session.cookies.get("csrftoken") or ""
        headers = {"Referer": self.base + path, "X-CSRFToken": token}
        return self._plain(self.session.post(
            self.base + path, data={**data, "csrfmiddlewaretoken": token}, headers=headers, allow_redirects=False,
            timeout=30,
        ))  # fmt: skip

    def sign_in(self, username: str, password: str) -> requests.Response:
        self.get("/en/admin/login/")
        return self.post("/en/admin/login/?next=/en/admin/", {"username": username, "password": password})


def expect(condition: bool, what: str, response: requests.Response | None = None) -> None:
    if not condition:
        detail = (
            f" (HTTP {response.status_code} {response.headers.get('Location', '')})" if response is not None else ""
        )
        sys.exit(f"smoke: FAIL {what}{detail}")
    print(f"smoke: ok {what}")


def main(base: str, username: str, password: str) -> None:
    browser = Browser(base)
    signed_in = browser.sign_in(username, password)
    expect(signed_in.status_code == 302, "the password is accepted", signed_in)
    sent = browser.get("/en/admin/")
    expect(
        sent.headers.get("Location") == "/en/accounts/2fa/totp/activate/",
        "staff without a second factor are sent to set one up",
    )
    browser.get("/en/accounts/reauthenticate/")
    browser.post("/en/accounts/reauthenticate/", {"password": password})
    page = browser.get("/en/accounts/2fa/totp/activate/").text
    secret = re.search(r'id="authenticator-secret">([A-Z2-7]+)<', page).group(1)
    done = browser.post("/en/accounts/2fa/totp/activate/", {"code": totp(secret)})
    expect(done.status_code == 302, "the authenticator app is set up with its first code")
    expect(browser.get("/en/admin/").status_code == 200, "the back office opens")

    again = Browser(base)
    asked = again.sign_in(username, password)
    expect(
        asked.headers.get("Location", "").startswith("/en/accounts/2fa/authenticate/"),
        "the next sign-in asks for the code",
    )
    again.get("/en/accounts/2fa/authenticate/")
    expect(again.post("/en/accounts/2fa/authenticate/", {"code": "000000" if totp(secret) != "000000" else "111111"})
           .status_code == 200, "a wrong code is refused")  # fmt: skip
    # The code of the next 30-second step: the one used at set-up may not be used twice.
    opened = again.post("/en/accounts/2fa/authenticate/", {"code": totp(secret, steps=1)})
    expect(opened.status_code == 302 and again.get("/en/admin/").status_code == 200, "the code opens the back office")


if __name__ == "__main__":
    main(*sys.argv[1:4])
