"""The English catalogue: `make messages` fills every entry from the en.tsv files, whole, whatever
makemessages wrapped over several lines; the shipped catalogue has no gap and no doubled translation."""

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "innoladder/locale/en/LC_MESSAGES/django.po"
QUOTED = r'"(?:[^"\\]|\\.)*"'  # one quoted PO string


def i18n_fill():
    spec = importlib.util.spec_from_file_location("i18n_fill", ROOT / "scripts/i18n_fill.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


WRAPPED = """#: imports/templates/imports/home.html:5
#, fuzzy, python-format
msgid ""
"上传的文件已超过保留时间（%(minutes)s 分钟）被删除，"
"请重新上传。"
msgstr ""
"Old translation, wrapped "
"over two lines\""""


def test_a_wrapped_entry_gets_its_whole_translation_once_and_loses_the_fuzzy_flag():
    fill = i18n_fill()
    chinese = "上传的文件已超过保留时间（%(minutes)s 分钟）被删除，请重新上传。"
    terms = {chinese: 'Deleted after %(minutes)s min "TTL".'}
    missing = []
    out = fill.fill_entry(WRAPPED, terms, missing)
    assert out.splitlines() == [
        "#: imports/templates/imports/home.html:5",
        "#, python-format",
        'msgid ""',
        '"上传的文件已超过保留时间（%(minutes)s 分钟）被删除，"',
        '"请重新上传。"',
        'msgstr "Deleted after %(minutes)s min \\"TTL\\"."',
    ]
    assert fill.fill_entry(out, terms, missing) == out  # running it again changes nothing
    assert missing == []


def test_plural_entries_get_every_form_and_unknown_ones_are_reported_unchanged():
    fill = i18n_fill()
    plural = 'msgid "共 %(n)s 行"\nmsgid_plural "共 %(n)s 行"\nmsgstr[0] ""\nmsgstr[1] ""'
    missing = []
    out = fill.fill_entry(plural, {"共 %(n)s 行": "%(n)s lines"}, missing)
    assert out.endswith('msgstr[0] "%(n)s lines"\nmsgstr[1] "%(n)s lines"')
    unknown = 'msgid "没有译文"\nmsgstr ""'
    assert fill.fill_entry(unknown, {}, missing) == unknown
    assert missing == ["没有译文"]


def test_the_shipped_catalogue_translates_every_entry_once():
    fill = i18n_fill()
    entries = PO.read_text(encoding="utf-8").split("\n\n")[1:]  # after the header
    untranslated, doubled = [], []
    for entry in entries:
        lines = [line for line in entry.splitlines() if not line.startswith("#")]
        if not lines:
            continue
        text = "\n".join(lines)
        msgid = fill.unquote(re.findall(QUOTED, text.split("msgstr")[0].split("msgid_plural")[0]))
        for msgstr_block in re.findall(r"msgstr(?:\[\d\])? ((?:\"(?:[^\"\\]|\\.)*\"\n?)+)", text + "\n"):
            english = fill.unquote(re.findall(QUOTED, msgstr_block))
            if not english:
                untranslated.append(msgid)
            if any(
                len(english) % k == 0 and english == english[: len(english) // k] * k for k in (2, 3, 4, 5)
            ):
                doubled.append(msgid)
    assert untranslated == []
    assert doubled == []
