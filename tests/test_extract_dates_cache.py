"""The scan cache of offramp.extract.dates: what it returns is what a fresh scan finds, callers
cannot change it, and it holds at most ``_SCANS_KEPT`` scans."""

from __future__ import annotations

import pytest

from offramp.extract import dates


@pytest.mark.parametrize(
    "text",
    [
        "Armenian forces shelled positions near Lachin on 12 September 2022, the ministry said on Tuesday.",
        "Guyana said on March 3, 2024 that Venezuelan troops had massed near the Essequibo border.",
    ],
)
def test_cached_scan_is_a_fresh_scan(text: str) -> None:
    first = dates._scan(text)
    first[0].groups.clear()  # a caller's copy: changing it leaves the cache alone
    assert dates._scan(text) == dates._scan_uncached(text)
    assert dates.find_dates(text) == dates.find_dates(text)


def test_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "_SCANS", {})
    monkeypatch.setattr(dates, "_SCANS_KEPT", 5)
    texts = [f"Talks in Addis Ababa resumed on {d} May 2023 after the border clash." for d in range(1, 12)]
    for text in texts:
        dates._scan(text)
    assert len(dates._SCANS) == 5
    assert dates._scan(texts[0]) == dates._scan_uncached(texts[0])  # evicted, then scanned again


def test_long_text_is_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "_SCANS", {})
    text = "Eritrea closed the crossing on 4 June 2019. " * (dates._SCAN_KEPT_CHARS // 40)
    assert dates._scan(text)
    assert dates._SCANS == {}
