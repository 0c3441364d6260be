"""Where tests write what a person should look at: screenshots, axe reports, PDF pages as images."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_REPORTS = ARTIFACTS / "axe"
PDF_PAGES = ARTIFACTS / "pdf"
