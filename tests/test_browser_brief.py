"""The brief in a real browser: Debian's headless Chromium renders it, our script runs, an injected one does not."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from offramp.report.brief import write_brief

from example_crisis import add_example_crisis, add_hostile_article

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]  # fmt: skip


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed; CI must install it (make browser)")
    pytest.skip("chromium is not installed (apt-get install chromium, or make browser)")
    raise AssertionError  # unreachable


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [_chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=90, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def brief(tmp_path_factory) -> Path:
    from offramp.store import Store

    folder = tmp_path_factory.mktemp("brief")
    with Store(folder / "crisis.duckdb") as store:
        add_example_crisis(store)
        add_hostile_article(store)
        return write_brief(store, folder / "brief.html")


def test_charts_render_and_injected_script_does_not_run(brief, tmp_path):
    done = _run(tmp_path, "--virtual-time-budget=5000", "--dump-dom", brief.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert 'data-brief-ready="1"' in dom, "the brief's own script did not run"
    assert "data-pwned" not in dom.split("<body")[0] + "".join(re.findall(r"<html[^>]*>", dom))
    assert not re.search(r"<html[^>]*data-pwned", dom)
    assert not re.search(r"<(img|iframe|b)\b", dom), "article markup became elements"
    ladder = re.search(r'<svg id="ladder-chart".*?</svg>', dom, re.S)
    assert ladder, "no ladder chart"
    assert re.search(r'<path class="series" d="M[\d.]+,[\d.]+ L', ladder.group(0))
    assert len(re.findall(r'<circle class="pt', ladder.group(0))) >= 5
    network = re.search(r'<svg id="network-chart".*?</svg>', dom, re.S)
    assert network and network.group(0).count('class="edge"') >= 5
    rows = dom.count('class="timeline-row"')
    assert rows >= 20 and rows == brief.read_text(encoding="utf-8").count('class="timeline-row"')


def test_screenshot(brief, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "brief.png"
    shot.unlink(missing_ok=True)
    done = _run(
        tmp_path,
        "--window-size=1280,2000",
        "--virtual-time-budget=3000",
        f"--screenshot={shot}",
        brief.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 20_000
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)
    assert pixels.shape[0] == 2000 and pixels.shape[1] == 1280
    assert pixels[..., :3].std() > 0.05, "the page rendered blank"
