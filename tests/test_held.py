"""Generated pages are held compressed between their rendering and their writing
(site/held.py); what comes back is what went in, part for part."""

from __future__ import annotations

from journeymaps.site.held import hold


def test_parts_come_back_as_they_went_in_in_any_language():
    parts = ['<h1 id="x">开户 · Open an account</h1>', "", "<!--jm-deferred:0-->", "é" * 5000, "\U0001f600 emoji"]
    held = hold(parts)
    assert held.parts == parts
    assert held.lengths == tuple(len(p) for p in parts)


def test_a_page_is_held_in_a_fraction_of_its_size():
    page = "".join(
        f'<tr><td class="jm-step">Step {i}</td><td><span class="jm-level jm-level--high">High</span></td></tr>'
        for i in range(2000)
    )
    held = hold([page])
    assert len(held.data) < len(page.encode()) / 5
    assert held.parts == [page]
