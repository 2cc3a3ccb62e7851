"""The core stands alone: importing matcher pulls in no service, web or database code."""

from __future__ import annotations

import subprocess
import sys


def test_matcher_imports_without_the_service() -> None:
    code = (
        "import sys, matcher, matcher.lab.bench, matcher.dedupe, matcher.names; "
        "bad = [m for m in ('service', 'fastapi', 'sqlalchemy') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
