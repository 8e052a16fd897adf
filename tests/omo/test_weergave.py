"""Dates as Dutch writes them: month abbreviations in lower case ("1 okt 2026", not "1 Okt")."""

import datetime
import re
from pathlib import Path

from django.template import Context, Template

ROOT = Path(__file__).resolve().parents[2]


def test_month_abbreviation_is_lower_case():
    html = Template('{{ d|date:"j b Y" }}').render(Context({"d": datetime.date(2026, 10, 1)}))
    assert html == "1 okt 2026"


def test_no_date_format_capitalises_the_month_abbreviation():
    """Django's "M" writes "Okt"; "b" writes "okt". Every format in templates and code."""
    formats = re.compile(r"""(?:\|date:|date_format\([^,]+,\s*)["']([^"']+)["']""")
    offenders = []
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("templates/**/*.txt"),
                 *(p for app in ("omo", "casussen", "escalatie", "budget", "rapportage") for p in ROOT.glob(f"{app}/**/*.py"))]:
        for match in formats.finditer(path.read_text(encoding="utf-8")):
            # "M" outside a backslash escape is the capitalised abbreviation.
            if re.search(r"(?<!\\)M", match.group(1)):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(1)}")
    assert not offenders, offenders
