"""PDF text extraction benchmark: `pipeline.text.pdf_pages` against poppler's `pdftotext`.

Both read the same files. `pdf_pages` runs in this process on the bytes (as the crawl calls it);
`pdftotext FILE -` runs once per file in a new process, as a user would run it, with its output
read from a pipe. Each set is timed `reps` times after one warm-up; the median is reported.
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"

WORDS = (
    "the council will review special educational needs provision across the county and report progress "
    "to the cabinet panel every six months including the number of education health and care plans "
    "issued within twenty weeks the recruitment of additional caseworkers the opening of new special "
    "school places the cost of home to school transport the forecast overspend on the high needs block "
    "consultation with parents and carers the views of young people the local area inspection outcome "
    "and the written statement of action agreed with the department for education members asked about "
    "delays in annual reviews officers explained the backlog and the plan to clear it by the end of the year"
).split()


@dataclass
class PdfFile:
    name: str
    path: Path
    data: bytes
    pages: int


@dataclass
class SetResult:
    name: str
    note: str
    files: list[PdfFile]
    ours_times: list[float] = field(default_factory=list)
    poppler_times: list[float] = field(default_factory=list)
    ours_chars: int = 0
    poppler_chars: int = 0

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def bytes(self) -> int:
        return sum(len(f.data) for f in self.files)

    @property
    def ours_median(self) -> float:
        return statistics.median(self.ours_times)

    @property
    def poppler_median(self) -> float:
        return statistics.median(self.poppler_times)


def prose_pdf(pages: int, seed: int = 1) -> bytes:
    """An A4 PDF of `pages` pages of dense council-report prose (about 4,000 characters a page)."""
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 18, 20)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("helvetica", "B", 12)
        pdf.cell(0, 8, f"Report section {number}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=10)
        while pdf.get_y() < 245:
            sentences = []
            for _ in range(rng.randint(3, 6)):
                words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
                sentences.append(" ".join(words).capitalize() + ".")
            pdf.multi_cell(0, 4.8, " ".join(sentences), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        pdf.set_y(-15)
        pdf.set_font("helvetica", size=8)
        pdf.cell(0, 5, f"Page {number} of {pages}", align="C")
    return bytes(pdf.output())


def one_line_pdf() -> bytes:
    """A one-page PDF holding one short line: running pdftotext on it is almost all process start-up."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.cell(0, 5, "Start-up.")
    return bytes(pdf.output())


def load_files(paths: list[Path]) -> list[PdfFile]:
    from pipeline.text import pdf_pages

    files = []
    for path in paths:
        data = path.read_bytes()
        files.append(PdfFile(path.name, path, data, len(pdf_pages(data))))
    return files


def write_files(folder: Path, named: list[tuple[str, bytes]]) -> list[PdfFile]:
    """Write generated or fetched PDFs to folder (pdftotext needs files) and describe them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, (name, data) in enumerate(named):
        path = folder / f"{n:03d}-{Path(name).name}"
        path.write_bytes(data)
        paths.append(path)
    return load_files(paths)


def demo_site_pdfs() -> list[tuple[str, bytes]]:
    """Every PDF the demo council site links to under documents/, fetched in-process."""
    from demo.site import load_site

    site = load_site("demo")
    found = []
    for key in site:
        if key.startswith("documents/") and key.lower().endswith(".pdf"):
            response = site.get(key)
            if response.status == 200:
                found.append((key, response.body))
    return found


def time_ours(files: list[PdfFile]) -> tuple[float, int]:
    from pipeline.text import pdf_pages

    start = time.perf_counter()
    chars = 0
    for f in files:
        chars += sum(len(page) for page in pdf_pages(f.data))
    return time.perf_counter() - start, chars


def time_pdftotext(files: list[PdfFile]) -> tuple[float, int]:
    start = time.perf_counter()
    chars = 0
    for f in files:
        out = subprocess.run([PDFTOTEXT, str(f.path), "-"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             check=True).stdout
        chars += len(out.decode("utf-8", "replace"))
    return time.perf_counter() - start, chars


def run_set(result: SetResult, reps: int, log) -> SetResult:
    time_ours(result.files)  # warm-up (and the first PDFium load)
    time_pdftotext(result.files)
    for rep in range(reps):
        # Alternate the two so drift on the machine touches both alike.
        elapsed, result.ours_chars = time_ours(result.files)
        result.ours_times.append(elapsed)
        elapsed, result.poppler_chars = time_pdftotext(result.files)
        result.poppler_times.append(elapsed)
    log(f"  {result.name}: {len(result.files)} files, {result.pages} pages: pdf_pages "
        f"{result.pages / result.ours_median:.0f} pages/s, pdftotext {result.pages / result.poppler_median:.0f} pages/s")
    return result


def startup_seconds(one_page: PdfFile, runs: int) -> float:
    """Median time of `pdftotext FILE -` on a one-page PDF: mostly process start-up."""
    time_pdftotext([one_page])
    return statistics.median(time_pdftotext([one_page])[0] for _ in range(runs))


def pdfium_breakdown(data: bytes, reps: int = 3) -> dict[str, float]:
    """Milliseconds a page in each PDFium call `pdf_pages` makes (the same raw calls), median of reps."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(data)
    runs = []
    try:
        for _ in range(reps + 1):  # the first is a warm-up
            spent = {"FPDF_LoadPage": 0.0, "FPDFText_LoadPage": 0.0, "FPDFText_GetText": 0.0, "closing": 0.0}
            for index in range(len(document)):
                t0 = time.perf_counter()
                page = raw.FPDF_LoadPage(document.raw, index)
                t1 = time.perf_counter()
                textpage = raw.FPDFText_LoadPage(page)
                t2 = time.perf_counter()
                count = raw.FPDFText_CountChars(textpage)
                buffer = (ctypes.c_ushort * (count + 1))()
                raw.FPDFText_GetText(textpage, 0, count, buffer)
                t3 = time.perf_counter()
                raw.FPDFText_ClosePage(textpage)
                raw.FPDF_ClosePage(page)
                t4 = time.perf_counter()
                for name, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                    spent[name] += seconds
            runs.append({name: seconds * 1000 / len(document) for name, seconds in spent.items()})
    finally:
        document.close()
    return {name: statistics.median(run[name] for run in runs[1:]) for name in runs[0]}
