"""How full a PDF's pages are, measured on their images (pdftoppm): what the page-fill tests share."""

import shutil
import subprocess

import pytest
from django.conf import settings
from PIL import Image

from .ci import RUNNING_IN_CI

ARTIFACTS = settings.BASE_DIR / "artifacts" / "pdf"
DPI = 40
# The page's text area (worksheet.css @page margins: 0.85 in top, 0.9 in bottom, on US Letter), in pixels.
TOP, BOTTOM = round(0.85 * DPI), round((11 - 0.9) * DPI)
LEAST_FILL = 0.33


def fills(content: bytes, stem: str) -> list[float]:
    """Each page's fill: how far down its text area the lowest ink reaches (0 empty, 1 full)."""
    if not shutil.which("pdftoppm"):
        if RUNNING_IN_CI:
            pytest.fail("pdftoppm (poppler-utils) is missing; CI must run this test")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    (ARTIFACTS / f"{stem}.pdf").write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-gray", "-r", str(DPI), ARTIFACTS / f"{stem}.pdf", ARTIFACTS / stem],
        check=True,
        timeout=120,
    )
    result = []
    for path in sorted(ARTIFACTS.glob(f"{stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        image = Image.open(path).point(lambda value: 255 if value > 235 else 0)
        box = image.crop((0, TOP, image.width, BOTTOM)).point(lambda value: 255 - value).getbbox()
        result.append(0.0 if box is None else box[3] / (BOTTOM - TOP))
    return result
