"""The page for people, in a real headless browser (Debian's chromium through selenium).

A county officer opens ``/``, picks the X镇 2021 profile and the election day, uploads the bundled
example roster, sees the ineligible rows with their articles, and downloads the findings XLSX;
then fills in one candidate by hand. ``python3 tasks.py test`` installs chromium and
chromium-driver where they are missing (Debian, as root); on CI their absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from live import Server, live_server  # noqa: F401  (the fixture)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

if not (CHROMIUM and DRIVER):
    if os.environ.get("CI") or os.environ.get("HUANJIE_BROWSER_REQUIRED"):
        # tasks.py test sets HUANJIE_BROWSER_REQUIRED where it can install the browser
        pytest.fail("chromium and chromedriver are missing: tasks.py test installs them")
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1400,1000",
        "--lang=zh-CN",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    driver: Any = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _choose(driver: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, element_id)).select_by_value(value)


def _set_date(driver: Any, element_id: str, day: str) -> None:
    from selenium.webdriver.common.by import By

    # A date input's typing order follows the browser's locale; set its value as a person's
    # date picker would.
    field = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].value = arguments[1];", field, day)


def test_upload_roster_see_ineligible_rows_and_download_xlsx(
    server: Server, browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    roster = resources.files("huanjie_rules.examples").joinpath("county_roster_2021.xlsx")
    copy = tmp_path / "county_roster_2021.xlsx"
    copy.write_bytes(roster.read_bytes())

    browser.get(server.base + "/")
    assert "换届选举资格审查" in browser.title
    labels = {e.text for e in browser.find_elements(By.TAG_NAME, "label")}
    assert {"姓名", "性别", "出生日期", "政策依据", "选举日"} <= labels
    _choose(browser, "policy", "xzhen-2021")
    _set_date(browser, "date", "2021-03-01")
    browser.find_element(By.ID, "file").send_keys(str(copy))
    browser.find_element(By.ID, "submit").click()

    # the workbook holds this term's roster and last term's: the page asks which to screen
    WebDriverWait(browser, 60).until(ec.presence_of_element_located((By.ID, "sheet-choice")))
    assert "SHEET_REQUIRED" in browser.find_element(By.ID, "problems").text
    _choose(browser, "sheet", "名册")
    browser.find_element(By.ID, "file").send_keys(str(copy))  # the file is sent again
    browser.find_element(By.ID, "submit").click()

    WebDriverWait(browser, 60).until(ec.presence_of_element_located((By.ID, "findings")))
    rows = browser.find_elements(By.CSS_SELECTOR, "#findings tr.INELIGIBLE")
    assert len(rows) > 50
    cells = rows[0].find_elements(By.TAG_NAME, "td")
    assert cells[0].text == "名册" and cells[5].text == "不符合"
    assert any("《" in r.text or "方案" in r.text for r in rows)
    articles = {r.find_elements(By.TAG_NAME, "td")[8].text for r in rows}
    assert any("第十三条" in a for a in articles), articles  # 村民委员会组织法 第十三条 (age)
    # the three rows that could not be read come first; the reading notes are folded away
    rejected = browser.find_elements(By.CSS_SELECTOR, "#roster-rejected tbody tr")
    assert len(rejected) == 3 and rejected[0].location["y"] < rows[0].location["y"]
    notes = browser.find_element(By.ID, "row-notes")
    assert notes.get_attribute("open") is None
    assert not browser.find_element(By.ID, "row-notes-table").is_displayed()
    notes.find_element(By.TAG_NAME, "summary").click()
    assert browser.find_element(By.ID, "row-notes-table").is_displayed()
    # Chinese is drawn in the page's own font: this browser has no CJK font of its own
    loaded = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "document.fonts.ready.then(() => done(document.fonts.check("
        "'16px \"Huanjie Page SC\"', '换届选举资格审查不符合')));"
    )
    assert loaded is True
    for selector in ("#findings td", "#policy", "#date", "#submit"):  # form controls too
        family = browser.execute_script(
            "return getComputedStyle(document.querySelector(arguments[0])).fontFamily", selector
        )
        assert family.startswith('"Huanjie Page SC"'), (selector, family)

    browser.find_element(By.ID, "download").click()
    target = browser.downloads / "findings.xlsx"
    deadline = time.monotonic() + 30
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert target.exists(), list(browser.downloads.iterdir())
    time.sleep(0.5)  # let the browser finish writing

    import openpyxl

    book = openpyxl.load_workbook(target)
    assert "问题清单" in book.sheetnames
    sheet = book["问题清单"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any("不符合" in map(str, row) for row in values[1:])
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_one_candidate_by_hand(server: Server, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.base + "/")
    _choose(browser, "policy", "village-2018")
    _set_date(browser, "date", "2021-03-01")
    browser.find_element(By.ID, "person.name").send_keys("周小婷")
    _choose(browser, "person.gender", "FEMALE")
    _set_date(browser, "person.birth_date", "2003-03-02")  # 17 the day before her birthday
    _choose(browser, "office", "VILLAGE_MEMBER")
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.ID, "findings")))
    row = browser.find_element(By.CSS_SELECTOR, "#findings tr.INELIGIBLE")
    assert "AGE_UNDER_MINIMUM" in row.text and "第十三条" in row.text

    # A form with a problem comes back with the problem in Chinese, the values kept.
    browser.get(server.base + "/")
    _choose(browser, "policy", "village-2018")
    _set_date(browser, "date", "2021-03-01")
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.ID, "problems")))
    text = browser.find_element(By.ID, "problems").text
    assert "person.name" in text and "MISSING" in text
