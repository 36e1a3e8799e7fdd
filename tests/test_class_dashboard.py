"""The dashboard in a real headless Chromium (selenium + Debian's chromedriver): students appear, a
goal turns passed, hostile names stay text, Stop all reaches every student, the detail page charts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leanbot_kit.classroom.server import ServeOptions
from tests.class_fixtures import ServerThread, Student, free_port, wait_until
from tests.conftest import IN_CI, LESSONS
from tests.test_class_serve import DRIVES, sim_recording  # noqa: F401 - the shared recording fixture

HOSTILE = '<img src=x onerror="document.title=\'pwned\'">Lan</b>'


@pytest.fixture
def browser(tmp_path):
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not Path(driver_path).exists():
        if IN_CI:
            pytest.fail("chromedriver is not installed; .ci/run installs it")
        pytest.skip("chromedriver is not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 f"--user-data-dir={tmp_path / 'chrome'}", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def served(tmp_path):
    mq, http = free_port(), free_port()
    server = ServerThread(ServeOptions(cls="7a", lesson=LESSONS / "line-follow.yaml",
                                       listen=("127.0.0.1", http), mqtt=("127.0.0.1", mq),
                                       record_dir=tmp_path / "rec", lang="en"))
    info = server.start()
    yield info, mq
    server.stop()


CARDS_JS = """return [...document.querySelectorAll('#cards .card')].map(c => ({
  sid: c.dataset.sid, name: c.querySelector('h3').textContent, stuck: c.classList.contains('stuck'),
  goals: Object.fromEntries([...c.querySelectorAll('.goal')].map(g => [g.dataset.goal, g.dataset.state]))
}));"""


def cards(driver) -> list[dict]:
    """The cards as the page shows them now (read in one go: the page redraws them live)."""
    return driver.execute_script(CARDS_JS)


def click(driver, css: str) -> None:
    """Click what `css` finds, again if the page redrew it meanwhile."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    for _attempt in range(20):
        try:
            driver.find_element(By.CSS_SELECTOR, css).click()
            return
        except StaleElementReferenceException:
            continue
    raise AssertionError(f"could not click {css}")


def test_dashboard_live_in_chromium(browser, served, sim_recording):  # noqa: F811
    from selenium.webdriver.common.by import By

    info, mq = served
    browser.get(info.dashboard[0])
    wait_until(lambda: browser.find_element(By.ID, "stop-all").text == "Stop all robots", 10)
    a = Student("127.0.0.1", mq, info.code, "Minh", sim_recording, speed=8).start()
    b = Student("127.0.0.1", mq, info.code, HOSTILE, sim_recording, speed=8).start()
    wait_until(lambda: len(cards(browser)) == 2, 10)
    names = {c["sid"]: c["name"] for c in cards(browser)}
    assert names[b.sid] == HOSTILE and names[a.sid] == "Minh"  # shown as text, as typed
    assert not browser.find_elements(By.CSS_SELECTOR, "#cards img")
    assert browser.title != "pwned"
    assert all(c["goals"][DRIVES] == "pending" for c in cards(browser))

    wait_until(lambda: all(c["goals"][DRIVES] == "passed" for c in cards(browser)), 30)
    row = browser.execute_script(
        f"return document.querySelector('#class-row tr[data-goal=\"{DRIVES}\"] .passed-count').textContent")
    assert row == "passed by 2 of 2"
    assert [c["sid"] for c in cards(browser)] == [b.sid, a.sid]  # by name: "<img…" < "Minh"
    a.status("offline")  # what the broker publishes for a laptop that dropped (its last will)
    wait_until(lambda: [(c["sid"], c["stuck"]) for c in cards(browser)] == [(a.sid, True), (b.sid, False)], 5)
    a.status("ok")
    click(browser, "#stop-all")
    wait_until(lambda: all(any(c["cmd"] == "stop" for c in s.commands) for s in (a, b)), 5)
    wait_until(lambda: browser.find_element(By.ID, "sent").get_attribute("data-cmd") == "stop", 5)
    click(browser, "#lang")  # the same page in Vietnamese
    wait_until(lambda: browser.find_element(By.ID, "stop-all").text == "Dừng tất cả robot", 5)
    wait_until(lambda: "2/2 học sinh đạt" in browser.find_element(By.ID, "class-row").text, 5)

    click(browser, f'#cards .card[data-sid="{a.sid}"]')  # the student's own page, with its chart
    wait_until(lambda: "sid=" in browser.current_url and
               browser.find_element(By.ID, "detail-view").is_displayed(), 10)
    wait_until(lambda: "dist_mm" in browser.find_element(By.ID, "legend").text, 10)  # live chart
    before = len(b.commands)
    click(browser, "#d-stop")  # this student only
    wait_until(lambda: sum(c["cmd"] == "stop" for c in a.commands) == 2, 20)  # slow on a loaded machine
    assert len(b.commands) == before
    for s in (a, b):
        s.stop()


def test_dashboard_without_the_token_shows_nothing(browser, served):
    from selenium.webdriver.common.by import By

    info, _mq = served
    browser.get(info.dashboard[0].split("?")[0])
    problem = wait_until(lambda: browser.find_element(By.ID, "problem").text, 10)
    assert "teacher" in problem
    assert not browser.find_element(By.ID, "controls").is_displayed()


def test_stop_all_in_the_browser_stops_a_simulated_robot(browser, tmp_path):
    """The whole chain: `leanbot class join` with a simulated robot, the teacher's Stop all button in
    Chromium, the robot's `end stopped` event back in both recordings."""
    pytest.importorskip("leanbot_kit.cli.class_join_cmd")  # the student's side of the class
    import os
    import signal
    import subprocess
    import sys

    from leanbot_kit.telemetry.recording import read_recording
    from tests.command_fixtures import drive_lesson
    from tests.conftest import ROOT

    lesson = drive_lesson(tmp_path / "teacher")
    mq, http = free_port(), free_port()
    server = ServerThread(ServeOptions(cls="7a", lesson=lesson, listen=("127.0.0.1", http),
                                       mqtt=("127.0.0.1", mq), record_dir=tmp_path / "rec"))
    info = server.start()
    record = tmp_path / "an.jsonl"
    student = subprocess.Popen(
        [sys.executable, "-m", "leanbot_kit", "--lang", "en", "class", "join", f"127.0.0.1:{mq}",
         "--code", info.code, "--name", "An", "--port", "sim://an-robot?speed=1", "--flash",
         "--record", str(record)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)})

    def stopped(path) -> bool:
        return path.exists() and any(e["type"] == "event" and e["kind"] == "end" and e["args"] == ["stopped"]
                                     for e in read_recording(path).entries)

    try:
        browser.get(info.dashboard[0])
        wait_until(lambda: [c for c in cards(browser) if c["goals"].get("drives") == "passed"], 240, 0.5)
        assert not stopped(record)
        click(browser, "#stop-all")
        wait_until(lambda: stopped(record), 10)
        sid = cards(browser)[0]["sid"]
        wait_until(lambda: stopped(info.record_dir / f"{sid}.jsonl"), 10)
    finally:
        os.kill(student.pid, signal.SIGTERM)
        _out, err = student.communicate(timeout=30)
        server.stop()
    assert student.returncode == 0, err
