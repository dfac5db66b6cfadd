"""Rendering check: an exported outline and a fixed draft converted to PDF by LibreOffice, page 1
as PNG, for a person to look at (fonts, margins, heading numbers, page numbers).

LibreOffice is used here only, never at run time. Install it for the check with, e.g.,
``apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai poppler-utils``.
Without 方正/GB2312 fonts installed, LibreOffice substitutes what fontconfig offers.

    python eval/render_word.py [--out eval/out/render] [--office 县农机局]

The outline comes from the configured index when the data directory has one (else from the
fixture outline of the tests); the fixed draft is the fixtures' sample with its planted text
defects and layout defects, fixed by ``assistant.word.fix`` (tracked changes shown as LibreOffice
shows them).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from assistant.config import Settings
from assistant.evaluation.docx_fixtures import build_docx, planted_text, spoiled
from assistant.index.catalog import Catalog
from assistant.word.export import outline_docx
from assistant.word.fix import fix_docx


def _outline_bytes(office: str) -> bytes:
    settings = Settings()
    if Catalog.load(settings.index_dir) is not None:
        from assistant.outline.request import OutlineRequest
        from assistant.runtime import Runtime

        return outline_docx(
            Runtime.open(settings).outline(OutlineRequest(office_type=office, period="上半年"))
        )
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.word.test_export import OUTLINE

    return outline_docx(OUTLINE)


def _render(docx_path: Path, out: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx_path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out / (docx_path.stem + ".pdf")
    png = out / (docx_path.stem + "-page1")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png)],
        check=True,
        timeout=60,
    )
    return png.with_suffix(".png")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("eval/out/render"))
    parser.add_argument("--office", default="县农机局")
    args = parser.parse_args()
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        print("LibreOffice (soffice) and pdftoppm are needed for this check; see the docstring.")
        return
    args.out.mkdir(parents=True, exist_ok=True)
    outline = args.out / "outline.docx"
    outline.write_bytes(_outline_bytes(args.office))
    fixed = args.out / "draft-fixed.docx"
    original = build_docx(planted_text(), spoiled(["margins", "body-font", "page-number"], 0))
    fixed.write_bytes(fix_docx(original, "draft.docx").data)
    for path in (outline, fixed):
        print(f"{path} -> {_render(path, args.out)}")


if __name__ == "__main__":
    main()
