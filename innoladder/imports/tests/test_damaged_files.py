"""A damaged .xlsx (bad CRC, broken or cut-short deflate stream) is refused with a clear Chinese message,
wherever the damage sits and whichever reader meets it first; the upload page never answers 500."""

import io
import zipfile

import pytest

from innoladder.imports import fastxlsx, reader
from innoladder.imports.choices import BatchStatus
from innoladder.imports.models import ImportBatch
from innoladder.imports.registry import get

from . import attack_files
from .helpers import xlsx

USCC = "91632801MA7G2XY87R"
HOWS = ("crc", "truncated", "garbage")
# zipfile checks the CRC when a member's stored bytes run out, so a stream cut short is a CRC failure
WHAT = {"crc": "校验失败（CRC 错误", "truncated": "校验失败（CRC 错误", "garbage": "压缩数据已损坏"}


def workbook() -> bytes:
    """A real workbook with shared strings, styles, a second sheet and a picture-like binary part."""
    rows = [["统一社会信用代码", "年度", "企业名称"]]
    rows += [[USCC, 2000 + i % 20, f"企业{i}"] for i in range(300)]
    data = xlsx(rows, extra_sheets=[("说明", [["请按模板填写"]])])
    return attack_files.rewrite(data, {}, {"xl/media/image1.png": bytes(range(256)) * 40})


MEMBERS = (
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/workbook.xml",
    "xl/styles.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
    "xl/media/image1.png",
)


def test_the_hand_written_zip_is_sound_when_nothing_is_damaged():
    data = attack_files.intact(workbook())
    assert {n for n in MEMBERS} <= set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    parsed = reader.parse(data, get("annual_data"))
    assert len(parsed.rows) == 300


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("member", MEMBERS)
def test_a_damaged_member_is_refused_with_its_name_and_what_is_wrong(member, how):
    data = attack_files.damaged(workbook(), member, how)
    with pytest.raises(reader.FileRejected) as refused:
        reader.parse(data, get("annual_data"))
    message = str(refused.value)
    assert message.startswith("文件已损坏，无法读取：")
    assert f"“{member}”" in message and WHAT[how] in message
    assert message.endswith("请重新保存后上传。")


@pytest.mark.parametrize("how", HOWS)
def test_the_fast_reader_names_a_damaged_part_instead_of_crashing(how):
    """Without the archive check in front: the expat reader meets the damage itself."""
    for member, read in (
        ("xl/workbook.xml", lambda archive: fastxlsx.open_workbook(archive)),
        ("xl/styles.xml", lambda archive: fastxlsx.open_workbook(archive)),
    ):
        archive = zipfile.ZipFile(io.BytesIO(attack_files.damaged(workbook(), member, how)))
        with pytest.raises(fastxlsx.DamagedPart) as refused:
            read(archive)
        assert refused.value.name == member
    archive = zipfile.ZipFile(io.BytesIO(attack_files.damaged(workbook(), "xl/worksheets/sheet1.xml", how)))
    info = fastxlsx.open_workbook(archive)
    for scan in (True, False):
        with pytest.raises(fastxlsx.DamagedPart) as refused:
            list(fastxlsx.iter_rows(archive, info, info.sheets[0], scan=scan))
        assert refused.value.name == "xl/worksheets/sheet1.xml"


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("member", ("xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml"))
def test_each_reader_refuses_a_damaged_part_without_the_archive_check(member, how, monkeypatch):
    """A flipped byte can break the XML before the CRC is checked at the member's end: then the reader
    refuses the sheet as unreadable; either way a refusal, never an exception the view does not expect."""
    monkeypatch.setattr(reader, "check_archive", lambda data, limits=None: None)
    data = attack_files.damaged(workbook(), member, how)
    for engine in ("fast", "openpyxl"):
        with pytest.raises(reader.FileRejected) as refused:
            reader.parse(data, get("annual_data"), engine=engine)
        message = str(refused.value)
        if how == "crc":
            assert message.startswith(("文件已损坏，无法读取：", "文件内容无法解析", "无法读取该 Excel 文件"))
        else:
            assert message.startswith(f"文件已损坏，无法读取：“{member}”"), (engine, message)


def test_a_package_ending_inside_a_member_says_the_data_is_incomplete():
    refusal = reader.damaged("xl/worksheets/sheet1.xml", EOFError())
    assert str(refusal) == (
        "文件已损坏，无法读取：“xl/worksheets/sheet1.xml”的压缩数据不完整（文件被截断），请重新保存后上传。"
    )
    assert "其中一个部件" in str(reader.damaged("", zipfile.BadZipFile("Bad CRC-32 for file 'x'")))


def test_a_member_packed_with_an_unknown_method_is_refused():
    data = bytearray(attack_files.intact(workbook()))
    data[8:10] = (99).to_bytes(2, "little")  # local header of the first member
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x05\x06"))
    first_central = data.find(b"PK\x01\x02")
    data[first_central + 10 : first_central + 12] = (99).to_bytes(2, "little")
    assert central >= first_central
    with pytest.raises(reader.FileRejected, match="不支持的压缩方式"):
        reader.parse(bytes(data), get("annual_data"))


@pytest.mark.parametrize("how", HOWS)
def test_uploading_a_damaged_file_shows_the_reason_instead_of_a_server_error(client, cast, media, how):
    data = attack_files.damaged(workbook(), "xl/worksheets/sheet1.xml", how)
    client.force_login(cast.officer)
    upload = io.BytesIO(data)
    upload.name = "年度数据.xlsx"
    response = client.post("/imports/annual_data/", {"file": upload})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.INVALID
    assert batch.stored_name == "" and not list((media / "imports").glob("*"))
    page = client.get(response["Location"]).content.decode()
    assert "文件已损坏，无法读取：“xl/worksheets/sheet1.xml”" in page
    assert WHAT[how] in page
