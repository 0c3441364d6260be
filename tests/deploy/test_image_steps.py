"""The Dockerfile's steps, run on the host (no container engine runs here): build the wheel, install it alone
in a clean virtual environment, collectstatic as the build does, migrate and load the content as compose's
``migrate`` service does, start gunicorn with the image's command from another folder, and run the image's
HEALTHCHECK and ``/readyz`` against it.

Kept lean: the wheel is built once from a copy of the checkout (pip's cache holds the build backend); the
clean environment gets the wheel with ``--no-deps`` and borrows the dependencies of the environment running
the tests through a ``.pth`` line, which adds their folder to ``sys.path`` without running that environment's
own ``.pth`` files (the editable install of this checkout among them), so ``prepmeet`` comes from the wheel
only. collectstatic and migrate run side by side. The steps that only a container engine runs (apt-get, the
non-root user, the nginx stage) are checked by hadolint (tests/deploy/test_env_example.py).
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import sysconfig
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from testsupport.outages import free_port_in_range, wait_for

pytestmark = pytest.mark.image_steps
REPO = Path(__file__).resolve().parent.parent.parent
DOCKERFILE = (REPO / "Dockerfile").read_text()


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}{done.stderr[-3000:]}"
    return done


def image_env(folder: Path) -> dict:
    """The image's ENV lines and compose's environment on the loopback, nothing of the tests'."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(folder), "LANG": "C.UTF-8"}
    block = re.search(r"^ENV ((?:.*\\\n)*.*)$", DOCKERFILE, flags=re.M).group(1)
    env |= dict(re.findall(r"([A-Z_]+)=(\S+)", block))
    env |= {
        "STATIC_ROOT": str(folder / "static"),  # the image's /app/static
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback, no nginx in front
    }
    return env


@pytest.fixture(scope="module")
def clean_python(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("image")
    source, wheels = folder / "source", folder / "wheels"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "artifacts", "build", "*.egg-info", "staticfiles", "db.sqlite3*"
        ),
    )
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(wheels), str(source))
    venv = folder / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = venv / "bin" / "python"
    site_packages = run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    Path(site_packages.stdout.strip(), "borrowed-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"]
    )
    wheel = next(wheels.glob("prepmeet-*.whl"))
    run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel))
    return python


def test_the_image_steps_serve_a_ready_app(clean_python, tmp_path):
    env = image_env(tmp_path)
    assert env["DEBUG"] == "false" and env["PYTHONDONTWRITEBYTECODE"] == "1"
    home = tmp_path / "app"  # the image's WORKDIR: nothing of the checkout around it
    home.mkdir()
    where = run(str(clean_python), "-c", "import prepmeet; print(prepmeet.__file__)", cwd=home, env=env)
    assert where.stdout.startswith(str(clean_python.parent.parent)), where.stdout

    def manage(*args: str) -> None:
        run(str(clean_python), "-m", "prepmeet", *args, cwd=home, env=env)

    with ThreadPoolExecutor(2) as pool:  # the build's collectstatic; compose's migrate service
        steps = [
            pool.submit(manage, "collectstatic", "--no-input"),
            pool.submit(manage, "migrate", "--no-input"),
        ]
        for step in steps:
            step.result()
    manage("load_content")
    assert (tmp_path / "static" / "staticfiles.json").exists()

    port = free_port_in_range()
    command = json.loads(re.search(r"^CMD (\[.*\])$", DOCKERFILE, flags=re.M).group(1))
    assert command[0] == "gunicorn"
    command = [str(clean_python), "-m", "gunicorn", *command[1:]]
    command = [part.replace("0.0.0.0:8000", f"127.0.0.1:{port}") for part in command]
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            command, cwd=home, env=env, stdout=output, stderr=output, start_new_session=True
        )
    try:
        healthcheck = re.search(r'CMD \["python", "-c", "(.+)"\]\n', DOCKERFILE).group(1)
        healthcheck = healthcheck.replace("127.0.0.1:8000", f"127.0.0.1:{port}")

        def healthy() -> bool:
            assert server.poll() is None, log.read_text()[-3000:]
            probe = subprocess.run(
                [str(clean_python), "-c", healthcheck], env=env, capture_output=True, timeout=30
            )
            return probe.returncode == 0  # while gunicorn starts: connection refused, exit 1

        wait_for(healthy, timeout=120, what="the image's HEALTHCHECK")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=30) as response:
            assert (response.status, json.load(response)) == (200, {"status": "ok"})
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=30) as response:
            page = response.read().decode()
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{stylesheet}", timeout=30) as response:
            assert response.status == 200  # collected at "build", served by WhiteNoise without nginx
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert "Using worker: sync" in log.read_text()
