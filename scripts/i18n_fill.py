"""Fill the English catalogue from innoladder/locale/en.tsv and innoladder/<app>/en.tsv, then compile.

Source strings are Chinese (the primary UI language, see docs/adr/0003-i18n.md); English is the
translation. Run `make messages` after adding user-facing text.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "innoladder/locale/en/LC_MESSAGES/django.po"
TSV = ROOT / "innoladder/locale/en.tsv"


def load_terms() -> dict[str, str]:
    terms = {}
    lines = []
    for path in [TSV, *sorted(ROOT.glob("innoladder/*/en.tsv"))]:
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if line.strip() and not line.startswith("#"):
            zh, en = line.split("\t", 1)
            terms[zh] = en
    return terms


def main() -> int:
    terms = load_terms()
    text = PO.read_text(encoding="utf-8")
    missing = []

    def fill(match: re.Match) -> str:
        msgid = match.group(1)
        if msgid == "":
            return match.group(0)
        if msgid not in terms:
            missing.append(msgid)
            return match.group(0)
        return f'msgid "{msgid}"\nmsgstr "{terms[msgid]}"'

    text = re.sub(r'msgid "(.*)"\nmsgstr ".*"', fill, text)
    text = text.replace("#, fuzzy\n", "", 1)
    PO.write_text(text, encoding="utf-8")
    subprocess.run(["msgfmt", "-o", str(PO.with_suffix(".mo")), str(PO)], check=True)
    for msgid in missing:
        sys.stderr.write(f"untranslated: {msgid}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
