"""Helpers that inspect PDFs with poppler-utils (pdftotext, pdffonts, pdftoppm), as a reader would."""

from __future__ import annotations

import subprocess
from pathlib import Path


def text(pdf: Path, *, raw: bool = False) -> str:
    """All the text of ``pdf`` (pages separated by form feeds)."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-raw"] if raw else []) + [str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def flat(pdf: Path) -> str:
    """All the text with every run of white space (line wraps included) made one space."""
    return " ".join(text(pdf).split())


def pages(pdf: Path) -> list[str]:
    """The text of each page."""
    return [p for p in text(pdf).split("\f") if p.strip()]


def fonts(pdf: Path) -> list[dict[str, str]]:
    """One row per font: name, type, emb, sub."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type (may be two words: "Type 1"), encoding, emb, sub, uni, object, ID
        emb, sub = parts[-5], parts[-4]
        rows.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": emb, "sub": sub})
    return rows


def render_png(pdf: Path, out_prefix: Path, *, page: int = 1, dpi: int = 60) -> Path:
    """Render one page to PNG with pdftoppm; returns the file written."""
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(out_prefix),
        ],
        check=True,
    )
    return out_prefix.with_suffix(".png")


def watermark_pixels(pdf: Path, *, page: int = 1) -> int:
    """How many pixels on ``page`` are the watermark's light grey (rendered in greyscale at 30 dpi)."""
    data = subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", "-f", str(page), "-l", str(page), "-singlefile", str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    # Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
    header, _, rest = data.partition(b"\n")
    assert header == b"P5"
    _size, _, rest = rest.partition(b"\n")
    _maxval, _, pixels = rest.partition(b"\n")
    # The watermark is a flat grey of 0.88 (224 of 255); text edges spread over every value, and the
    # table headers are 231, so a count of exactly 224 tells the watermark apart.
    return pixels.count(bytes([224]))
