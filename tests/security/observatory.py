"""The MDN HTTP Observatory's header rules, scored on one response as its documentation gives them.

https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring: every response starts at 100; the
penalties of each test are taken off, and only if the result is still 90 (A) or more are the bonuses added.
A+ is 100 and above. ``score`` returns the result of each test (its name in the Observatory's words and its
modifier), so a failing assertion says which rule fell short. Not implemented: the HSTS preload list
(``hsts-preloaded`` needs the live list, so HSTS scores 0 at best here, as it does for any domain not yet on
it) and crossdomain.xml. The documentation lists ``corp-not-implemented`` at +5, above the "same-origin" it
recommends; that reads as a typo, so it counts 0 here.
"""

import re
from dataclasses import dataclass
from http.cookies import SimpleCookie

BROAD = {"*", "http:", "https:", "data:", "blob:", "filesystem:"}
PRIVATE_REFERRER = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_REFERRER = {"origin", "origin-when-cross-origin", "unsafe-url"}
SIX_MONTHS = 15_768_000
GRADES = [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"), (50, "C")]
GRADES += [(45, "C-"), (40, "D+"), (30, "D"), (25, "D-")]


@dataclass(frozen=True)
class Result:
    test: str
    result: str
    modifier: int


@dataclass(frozen=True)
class Score:
    results: tuple[Result, ...]

    @property
    def total(self) -> int:
        penalties = sum(r.modifier for r in self.results if r.modifier < 0)
        bonuses = sum(r.modifier for r in self.results if r.modifier > 0)
        base = max(0, 100 + penalties)
        return base + bonuses if base >= 90 else base

    @property
    def grade(self) -> str:
        for floor, grade in GRADES:
            if self.total >= floor:
                return grade
        return "F"

    def explain(self) -> str:
        results = ", ".join(f"{r.result} {r.modifier:+d}" for r in self.results)
        return f"{results} = {self.total} {self.grade}"


def parse_csp(header: str) -> dict[str, list[str]] | None:
    policy: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if not words:
            continue
        name = words[0].lower()
        if name in policy or not re.fullmatch(r"[a-z-]+", name):
            return None  # a repeated or malformed directive: the Observatory calls the header invalid
        policy[name] = [word.lower() for word in words[1:]]
    return policy


def csp_result(headers) -> Result:
    header = headers.get("Content-Security-Policy")
    if not header:
        return Result("content-security-policy", "csp-not-implemented", -25)
    policy = parse_csp(header)
    if policy is None:
        return Result("content-security-policy", "csp-header-invalid", -25)
    default = policy.get("default-src", ["*"])
    script, obj, style = (policy.get(name, default) for name in ("script-src", "object-src", "style-src"))
    strict = any(s.startswith(("'nonce-", "'sha")) or s == "'strict-dynamic'" for s in script)
    if (("'unsafe-inline'" in script and not strict) or BROAD & set(script) or BROAD & set(obj)) or (
        "script-src" not in policy and "default-src" not in policy
    ):
        return Result("content-security-policy", "csp-implemented-with-unsafe-inline", -20)
    active = [s for name, sources in policy.items() if name not in ("img-src", "media-src") for s in sources]
    if any(s == "http:" or s.startswith("http://") for s in active):
        return Result("content-security-policy", "csp-implemented-with-insecure-scheme", -20)
    if "'unsafe-eval'" in script:
        return Result("content-security-policy", "csp-implemented-with-unsafe-eval", -10)
    passive = policy.get("img-src", default) + policy.get("media-src", default)
    if any(s == "http:" or s.startswith("http://") for s in passive):
        return Result(
            "content-security-policy", "csp-implemented-with-insecure-scheme-in-passive-content-only", -10
        )
    if "'unsafe-inline'" in style or BROAD & (set(style) - {"data:"}):
        return Result("content-security-policy", "csp-implemented-with-unsafe-inline-in-style-src-only", 0)
    if default == ["'none'"]:
        return Result("content-security-policy", "csp-implemented-with-no-unsafe-default-src-none", 10)
    return Result("content-security-policy", "csp-implemented-with-no-unsafe", 5)


def cookies_result(set_cookie_headers: list[str], *, hsts: bool) -> Result:
    cookies = SimpleCookie()
    for header in set_cookie_headers:
        cookies.load(header)
    if not cookies:
        return Result("cookies", "cookies-not-found", 0)
    worst = Result("cookies", "cookies-secure-with-httponly-sessions-and-samesite", 5)
    for name, morsel in cookies.items():
        session = "sess" in name.lower() or "login" in name.lower()
        samesite = (morsel["samesite"] or "").lower()
        checks = [
            (session and not morsel["secure"] and not hsts, "cookies-session-without-secure-flag", -40),
            (session and not morsel["httponly"], "cookies-session-without-httponly-flag", -30),
            ("csrf" in name.lower() and not samesite, "cookies-anticsrf-without-samesite-flag", -20),
            (bool(samesite) and samesite not in ("strict", "lax"), "cookies-samesite-flag-invalid", -20),
            (not morsel["secure"] and not hsts, "cookies-without-secure-flag", -20),
            (
                session and not morsel["secure"],
                "cookies-session-without-secure-flag-but-protected-by-hsts",
                -10,
            ),
            (not morsel["secure"], "cookies-without-secure-flag-but-protected-by-hsts", -5),
            (not samesite, "cookies-secure-with-httponly-sessions", 0),
        ]
        for failed, result, modifier in checks:
            if failed and modifier < worst.modifier:
                worst = Result("cookies", result, modifier)
                break
    return worst


def cors_result(headers) -> Result:
    origin = headers.get("Access-Control-Allow-Origin")
    if not origin:
        return Result("cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented", 0)
    if origin == "*" and headers.get("Access-Control-Allow-Credentials", "").lower() != "true":
        return Result(
            "cross-origin-resource-sharing", "cross-origin-resource-sharing-implemented-with-public-access", 0
        )
    return Result(
        "cross-origin-resource-sharing",
        "cross-origin-resource-sharing-implemented-with-universal-access",
        -50,
    )


def hsts_result(headers) -> Result:
    header = headers.get("Strict-Transport-Security")
    if not header:
        return Result("strict-transport-security", "hsts-not-implemented", -20)
    match = re.search(r"max-age=(\d+)", header, re.IGNORECASE)
    if not match:
        return Result("strict-transport-security", "hsts-header-invalid", -20)
    if int(match.group(1)) < SIX_MONTHS:
        return Result("strict-transport-security", "hsts-implemented-max-age-less-than-six-months", -10)
    return Result("strict-transport-security", "hsts-implemented-max-age-at-least-six-months", 0)


def referrer_result(headers) -> Result:
    values = [v.strip().lower() for v in headers.get("Referrer-Policy", "").split(",") if v.strip()]
    if not values:
        return Result("referrer-policy", "referrer-policy-not-implemented", 0)
    if values[-1] in PRIVATE_REFERRER:  # browsers use the last value they understand
        return Result("referrer-policy", "referrer-policy-private", 5)
    if values[-1] in UNSAFE_REFERRER:
        return Result("referrer-policy", "referrer-policy-unsafe", -5)
    if values[-1] == "no-referrer-when-downgrade":
        return Result("referrer-policy", "referrer-policy-no-referrer-when-downgrade", 0)
    return Result("referrer-policy", "referrer-policy-header-invalid", -5)


def sri_result(headers, body: bytes, host: str) -> Result:
    if not headers.get("Content-Type", "").startswith("text/html"):
        return Result("subresource-integrity", "sri-not-implemented-response-not-html", 0)
    scripts = re.findall(rb"<script\b[^>]*>", body, re.IGNORECASE)
    if not scripts:
        return Result("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded", 0)
    external = []
    for tag in scripts:
        src = re.search(rb'src="([^"]*)"', tag)
        url = src.group(1).decode() if src else ""
        if re.match(r"(https?:)?//", url) and not re.match(rf"(https?:)?//{re.escape(host)}(/|$)", url):
            external.append((url, b"integrity=" in tag))
    if not external:
        return Result(
            "subresource-integrity", "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
        )
    if any(url.startswith("http:") for url, _ in external):
        return Result(
            "subresource-integrity", "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
        )
    if all(integrity for _, integrity in external):
        return Result("subresource-integrity", "sri-implemented-and-external-scripts-loaded-securely", 5)
    return Result("subresource-integrity", "sri-not-implemented-but-external-scripts-loaded-securely", -5)


def xcto_result(headers) -> Result:
    value = headers.get("X-Content-Type-Options")
    if value is None:
        return Result("x-content-type-options", "x-content-type-options-not-implemented", -5)
    if value.strip().lower() == "nosniff":
        return Result("x-content-type-options", "x-content-type-options-nosniff", 0)
    return Result("x-content-type-options", "x-content-type-options-header-invalid", -5)


def xfo_result(headers) -> Result:
    policy = parse_csp(headers.get("Content-Security-Policy", "")) or {}
    if "frame-ancestors" in policy:
        return Result("x-frame-options", "x-frame-options-implemented-via-csp", 5)
    value = headers.get("X-Frame-Options", "").strip().upper()
    if value in ("DENY", "SAMEORIGIN"):
        return Result("x-frame-options", "x-frame-options-sameorigin-or-deny", 0)
    if not value:
        return Result("x-frame-options", "x-frame-options-not-implemented", -20)
    return Result("x-frame-options", "x-frame-options-header-invalid", -20)


def corp_result(headers) -> Result:
    value = headers.get("Cross-Origin-Resource-Policy", "").strip().lower()
    if not value:
        return Result("cross-origin-resource-policy", "corp-not-implemented", 0)
    if value in ("same-origin", "same-site"):
        return Result("cross-origin-resource-policy", f"corp-implemented-with-{value}", 0)
    if value == "cross-origin":
        return Result("cross-origin-resource-policy", "corp-implemented-with-cross-origin", -20)
    return Result("cross-origin-resource-policy", "corp-header-invalid", -20)


def score(headers, *, set_cookies: list[str], body: bytes, host: str, redirection: Result) -> Score:
    """``headers``: a case-insensitive mapping; ``redirection``: the answer to the site over plain HTTP."""
    hsts = hsts_result(headers)
    return Score(
        (
            csp_result(headers),
            cookies_result(set_cookies, hsts=hsts.modifier == 0),
            cors_result(headers),
            redirection,
            referrer_result(headers),
            hsts,
            sri_result(headers, body, host),
            xcto_result(headers),
            xfo_result(headers),
            corp_result(headers),
        )
    )


def redirection_result(status: int, location: str, host: str) -> Result:
    """The answer to ``GET http://host/``."""
    if status not in (301, 302, 307, 308):
        return Result("redirection", "redirection-missing", -20)
    if not location.startswith("https://"):
        return Result("redirection", "redirection-not-to-https", -20)
    if not location.startswith(f"https://{host}/"):
        return Result("redirection", "redirection-off-host-from-http", -5)
    return Result("redirection", "redirection-to-https", 0)
