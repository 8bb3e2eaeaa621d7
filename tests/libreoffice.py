"""Open an exported file in LibreOffice, as a reform officer's office suite would (issue 5 §4).

`libreoffice --headless --convert-to pdf` loads the file with the same import filters as the desktop program;
a file it cannot read produces no PDF. The PDF's text (pdftotext, from poppler-utils when installed, else the
raw bytes) lets a test check that the content survived.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def convert_to_pdf(document: Path, out_dir: Path) -> Path:
    """The PDF LibreOffice made of `document`; raises AssertionError when it made none."""
    assert LIBREOFFICE, (
        "LibreOffice is missing: `make test` installs it (libreoffice-calc, libreoffice-writer)"
    )
    profile = out_dir / "lo-profile"  # a private profile: parallel or leftover instances never collide
    result = subprocess.run(
        [
            LIBREOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = out_dir / (document.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice made no PDF of {document.name}: {result}"
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf


def pdf_text(pdf: Path) -> str:
    """The text of a PDF, by pdftotext (poppler-utils); '' when pdftotext is not installed."""
    tool = shutil.which("pdftotext")
    if not tool:
        return ""
    return subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
