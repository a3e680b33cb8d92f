"""How much of the UI stays Chinese in English mode: every page each role reaches in the Golmud demo is read
in English, the data values (names, addresses, titles: every text stored in the database) are taken out,
and what Chinese is left is counted, per page and in all.

Run: INNOLADDER_VAR_DIR=/tmp/var-i18n .venv/bin/python -m pytest bench/english_audit.py -q -s
It prints the figures; innoladder/core/tests/test_english_pages.py fails on any left on the pages it covers.
"""

import resource
import time
from collections import Counter

import pytest

from innoladder.core.testing.english import CJK, english_pages, load_golmud


@pytest.fixture
def golmud(db):
    load_golmud()


def test_english_audit(client, golmud):
    started, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_utime
    per_page, per_view, strings, lines, pages = {}, Counter(), Counter(), Counter(), 0
    for page in english_pages(client):
        pages += 1
        if page.left:
            runs = [run for line in page.left for run in CJK.findall(line)]
            per_page[f"{page.role} {page.url}"] = len(runs)
            per_view[page.view] += 1
            strings.update(runs)
            lines.update(set(page.left))
    wall = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime - cpu
    print(f"\npages read: {pages}; pages with Chinese left: {len(per_page)}", end="")
    print(f"; distinct strings: {len(strings)}; distinct lines: {len(lines)}")
    print(f"(wall {wall:.0f} s, CPU {cpu:.0f} s)")
    for page, n in sorted(per_page.items(), key=lambda kv: -kv[1])[:40]:
        print(f"  {n:4d}  {page}")
    print("views with Chinese left (pages):")
    for view, n in per_view.most_common():
        print(f"  {n:4d}  {view}")
    print("most frequent lines (pages):")
    for text, n in lines.most_common(80):
        print(f"  {n:4d}  {text[:120]}")
