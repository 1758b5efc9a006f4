"""The memory the largest pages leave once written goes back to the system (site/give_back.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from journeymaps.site.give_back import LARGE, GiveBack, _trim

# A fresh process: large pages made and freed, with something kept after each, as a build
# keeps what it makes between them; then its resident memory before and after ``now``.
LEFT_BEHIND = """
import re
from pathlib import Path
from journeymaps.site.give_back import LARGE, GiveBack

def resident():
    return int(re.search(r"VmRSS:\\s+(\\d+)", Path("/proc/self/status").read_text())[1]) // 1024

page = "é" * 10_000_000
del page
pages, kept = [], []
for i in range(20):
    pages.append("é" * 2_500_000 + str(i))
    kept.append(str(i) * 2000)
del pages
give_back = GiveBack()
give_back.written("x" * LARGE)
before = resident()
give_back.now()
print(before, resident())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or _trim() is None, reason="glibc's malloc_trim")
def test_what_large_pages_left_goes_back_to_the_system():
    done = subprocess.run([sys.executable, "-c", LEFT_BEHIND], capture_output=True, text=True, check=True)
    before, after = map(int, done.stdout.split())
    assert after <= before - 5, (before, after)


def test_only_after_a_large_page():
    give_back = GiveBack()
    give_back.written("x" * (LARGE - 1))
    assert not give_back.pending
    give_back.written("x" * LARGE)
    give_back.written("small")
    assert give_back.pending  # until the next page, when the large one is freed
    give_back.now()
    assert not give_back.pending
