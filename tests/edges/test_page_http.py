"""The page over plain HTTP, against a real ``huanjie serve``: what it echoes and what it asks.

No response of the page may carry an ID number whole — not in the refilled form (after a
screen or after a refusal), not in a problem's text, not in the XLSX it carries — and the
page says so. The profile is a required choice, and the page's font is served with it.
"""

from __future__ import annotations

import base64
import html
import io
import re
import urllib.error
import urllib.request
import uuid
import zipfile
from importlib import resources

from live import Server, live_server  # noqa: F401  (the fixture)

from huanjie_rules.idcard import check_character

ID = "11010519820202001" + check_character("11010519820202001")


def _post_form(
    server: Server, fields: dict[str, str], file: tuple[str, bytes] | None = None
) -> tuple[int, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    if file is not None:
        filename, data = file
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    req = urllib.request.Request(server.base + "/page/screen", data=body, method="POST")
    req.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _no_id_in(text: str) -> None:
    """Neither the number nor any 8-digit run of it past what a mask shows."""
    assert ID not in text
    for i in range(4, len(ID) - 7):
        assert ID[i : i + 8] not in text, ID[i : i + 8]
    for data in re.findall(r"base64,([A-Za-z0-9+/=]+)", text):
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(data))) as book:
            for name in book.namelist():
                inner = book.read(name).decode("utf-8", "replace")
                assert not any(ID[i : i + 8] in inner for i in range(4, len(ID) - 7)), name


CANDIDATE = {
    "policy": "village-2018",
    "date": "2021-03-01",
    "person.name": "周小婷",
    "person.gender": "FEMALE",
    "person.birth_date": "1982-02-02",
    "person.id_number": ID,
    "office": "VILLAGE_MEMBER",
}


def test_the_page_never_echoes_an_id_number(server: Server) -> None:
    status, page = _post_form(server, CANDIDATE)
    assert status == 200 and 'id="findings"' in page
    assert 'name="person.id_number" value=""' in page  # not refilled
    assert "公民身份号码不会显示在结果中" in page  # and the page says so
    _no_id_in(page)
    # refused forms come back without it too: a missing name, an ID typed into 姓名
    status, page = _post_form(server, {**CANDIDATE, "person.name": ""})
    assert status == 422 and 'id="problems"' in page
    _no_id_in(page)
    status, page = _post_form(server, {**CANDIDATE, "person.name": ID})
    assert status == 422 and "ID_IN_TEXT" in page and "person.name" in page
    _no_id_in(page)
    status, page = _post_form(
        server, {**CANDIDATE, "person.township_experience_months": f"{ID}个月"}
    )
    assert status == 422
    _no_id_in(page)


def test_the_profile_is_a_required_choice(server: Server) -> None:
    status, page = server.get("/")
    assert status == 200
    assert '<select id="policy" name="policy" required><option value="">请选择政策依据' in page
    assert " selected>" not in page.split('id="policy"')[1].split("</select>")[0]
    status, page = _post_form(server, {k: v for k, v in CANDIDATE.items() if k != "policy"})
    assert status == 422 and "policy" in page and "MISSING" in page


def test_a_workbook_with_two_sheets_asks_which_one(server: Server) -> None:
    data = resources.files("huanjie_rules.examples").joinpath("county_roster_2021.xlsx")
    fields = {"policy": "xzhen-2021", "date": "2021-03-01"}
    status, page = _post_form(server, fields, ("county_roster_2021.xlsx", data.read_bytes()))
    assert status == 422 and "SHEET_REQUIRED" in page
    assert '<select id="sheet" name="sheet">' in page
    assert ">名册（2001行）</option>" in page and ">上届（141行）</option>" in page
    assert "base64" not in page  # the workbook is not carried back: it holds ID numbers
    status, page = _post_form(
        server, {**fields, "sheet": "名册"}, ("county_roster_2021.xlsx", data.read_bytes())
    )
    assert status == 200
    # rows that could not be read come first, then the findings; the notes are folded
    rejected, findings, notes = (
        page.index('id="roster-rejected"'),
        page.index('id="findings"'),
        page.index('id="row-notes"'),
    )
    assert rejected < findings < notes
    assert re.search(r"<summary>读取提示 1\d{3} 条", page)
    assert "<details" in page.split('id="findings"')[1]
    row = page.split('id="findings"')[1].split("<tbody>")[1].split("</tr>")[0]
    assert "<td>名册</td>" in row  # the sheet of every row
    _no_id_in(page.split("base64,")[0])


def test_the_page_font_is_served_with_its_licence(server: Server) -> None:
    status, page = server.get("/")
    assert '@font-face { font-family: "Huanjie Page SC"' in page
    url = re.search(r'url\("(/static/huanjie-page-sc\.woff\?v=[^"]+)"\)', page)
    assert url is not None
    status, font, headers = server.request("GET", url.group(1))
    assert (
        status == 200
        and font[:4] == b"wOFF"
        and headers.get("content-type", headers.get("Content-Type")) == "font/woff"
    )
    assert "immutable" in headers.get("cache-control", headers.get("Cache-Control", ""))
    status, licence, _ = server.request("GET", "/static/OFL.txt")
    assert status == 200 and "SIL Open Font License" in licence
    status, error, _ = server.request("GET", "/static/nothing.woff")
    assert status == 404 and error["code"] == "NOT_FOUND"


def test_the_pages_problems_are_chinese_sentences(server: Server) -> None:
    status, page = _post_form(server, {**CANDIDATE, "policy": "", "date": "2021-13-01"})
    assert status == 422
    problems = html.unescape(page.split('id="problems"')[1].split("</div>")[0])
    assert "policy：缺少必填项（须填写政策依据）[MISSING]" in problems
    assert "date：值的类型不符（应为形如2021-05-10的日期，实际为'2021-13-01'）[TYPE]" in problems
    assert not re.search(r"\b(expected|got|required|is not)\b", problems), problems
