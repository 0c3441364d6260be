"""Three independent checkers of a page: axe-core and HTML_CodeSniffer run inside the page in Chromium, the
Nu HTML Checker (vnu) reads the HTML the server sent.

axe and HTML_CodeSniffer come from npm (package.json / package-lock.json) and are injected as if served by the
site itself, so the page's Content-Security-Policy stays on. vnu is a Java program: ``vnu_check`` runs one
JVM over every saved page at once (starting it takes seconds; checking a page, milliseconds).

Only errors count: axe's violations (its "needs review" items are for a person, not counted) and
HTML_CodeSniffer's errors (not its warnings or notices), vnu's errors (not its info messages).
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from .artifacts import ROOT

NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
HTMLCS_JS = NODE_MODULES / "html_codesniffer" / "build" / "HTMLCS.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCRIPT_PATH = "/__test__/"  # answered by the test's routes, never by the app
# WCAG 2.0, 2.1 and 2.2 A and AA, plus axe's best practices (landmarks, heading order, region...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
HTMLCS_STANDARD = "WCAG2AA"
HTMLCS_ERROR = 1  # HTMLCS.ERROR; 2 is a warning, 3 a notice


@dataclass(frozen=True)
class Finding:
    page: str  # the name the test gave the page
    checker: str  # axe, htmlcs or vnu
    rule: str
    where: str  # a CSS selector, or for vnu the line and column of the HTML
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.checker} {self.rule} at {self.where}: {self.message}"


def missing_tools() -> list[str]:
    """The checkers' files not installed (`npm ci` installs them), and java if it is not on the PATH."""
    missing = [str(path.relative_to(ROOT)) for path in (AXE_JS, HTMLCS_JS, VNU_JAR) if not path.exists()]
    return missing + ([] if shutil.which("java") else ["java"])


def serve_scripts(context) -> None:
    """Answer the checkers' script addresses on every page of a Playwright browser context."""
    for path in (AXE_JS, HTMLCS_JS):
        context.route(f"**{SCRIPT_PATH}{path.name}", _script_answer(path))


def _script_answer(path: Path):
    return lambda route: route.fulfill(path=path, content_type="text/javascript")


def _inject(page, path: Path, global_name: str) -> None:
    if not page.evaluate(f"typeof window.{global_name} !== 'undefined'"):
        page.add_script_tag(url=urljoin(page.url, SCRIPT_PATH + path.name))


# A selector that finds the element again: its id if unique, else the path of tag:nth-of-type from the nearest
# ancestor with one.
_SELECTOR_JS = """el => {
    const parts = [];
    while (el && el.nodeType === 1) {
        if (el.id && document.querySelectorAll('#' + CSS.escape(el.id)).length === 1) {
            parts.unshift('#' + CSS.escape(el.id));
            break;
        }
        let part = el.localName;
        const same = el.parentElement
            ? [...el.parentElement.children].filter(c => c.localName === el.localName) : [];
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(el) + 1})`;
        parts.unshift(part);
        el = el.parentElement;
    }
    return parts.join(' > ');
}"""


def axe_errors(page, name: str) -> tuple[list[Finding], dict]:
    """axe-core's violations on the page as it is now, and its whole result (for the artifacts)."""
    _inject(page, AXE_JS, "axe")
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    findings = [
        Finding(
            name,
            "axe",
            f"{violation['id']} ({violation['impact']})",
            " ".join(map(str, node["target"])),
            violation["help"],
        )
        for violation in results["violations"]
        for node in violation["nodes"]
    ]
    return findings, {key: results[key] for key in ("violations", "incomplete")}


def htmlcs_errors(page, name: str) -> tuple[list[Finding], list[dict]]:
    """HTML_CodeSniffer's WCAG 2 AA errors on the page as it is now (as pa11y's htmlcs runner reports them),
    and all its messages, warnings and notices included (for the artifacts)."""
    _inject(page, HTMLCS_JS, "HTMLCS")
    messages = page.evaluate(
        f"""() => new Promise((resolve, reject) => {{
            const selector = {_SELECTOR_JS};
            HTMLCS.process({json.dumps(HTMLCS_STANDARD)}, document, () => resolve(
                HTMLCS.getMessages().map(m => ({{
                    type: m.type, code: m.code, message: m.msg,
                    where: m.element && m.element.nodeType === 1 ? selector(m.element) : 'document',
                }}))
            ), reject, 'en');
        }})"""
    )
    findings = [
        Finding(name, "htmlcs", message["code"], message["where"], message["message"])
        for message in messages
        if message["type"] == HTMLCS_ERROR
    ]
    return findings, messages


def vnu_check(pages: dict[str, Path]) -> tuple[list[Finding], list[dict]]:
    """The Nu HTML Checker's errors in each saved page (name -> HTML file), in one JVM, and all its
    messages."""
    if not pages:
        return [], []
    by_url = {path.resolve().as_uri(): name for name, path in pages.items()}
    completed = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--exit-zero-always",
            *(str(path) for path in pages.values()),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(completed.stderr)["messages"]
    findings = []
    for message in messages:
        if message["type"] == "info":
            continue  # warnings and information, not errors
        page = by_url.get(_file_uri(message.get("url", "")), message.get("url", "?"))
        where = f"line {message.get('lastLine', '?')}, column {message.get('firstColumn', '?')}"
        extract = message.get("extract", "").strip().replace("\n", " ")
        text = message["message"] + (f" [{extract}]" if extract else "")
        findings.append(Finding(page, "vnu", message.get("subType", message["type"]), where, text))
    return findings, messages


def _file_uri(url: str) -> str:
    """vnu writes file:/path; Path.as_uri() file:///path."""
    return "file://" + url.removeprefix("file:").removeprefix("//") if url.startswith("file:") else url


def write_report(directory: Path, name: str, report: dict) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))


def findings_table(findings: list[Finding]) -> str:
    return "\n".join(str(finding) for finding in findings)


def counts(findings: list[Finding]) -> dict[str, int]:
    result = {"axe": 0, "htmlcs": 0, "vnu": 0}
    for finding in findings:
        result[finding.checker] += 1
    return result
