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


_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unquote(parts: list[str]) -> str:
    """The text of a PO string written as one or more quoted lines."""
    joined = "".join(part[1:-1] for part in parts)
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), joined)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill_entry(entry: str, terms: dict[str, str], missing: list[str]) -> str:
    """One PO entry with its msgstr (or every msgstr[n] of a plural) set from the terms.

    makemessages wraps long strings over several quoted lines and keeps old translations over several
    lines too: an entry is read whole, and its msgstr lines are all replaced, never patched."""
    comments, fields = [], {}
    current = None
    for line in entry.split("\n"):
        match = _KEYWORD.match(line)
        if match:
            current = match.group(1)
            fields[current] = [match.group(2)]
        elif line.startswith('"') and current:
            fields[current].append(line)
        elif line:
            comments.append(line)
    if "msgid" not in fields:
        return entry
    msgid = unquote(fields["msgid"])
    if msgid == "":
        return entry
    if msgid not in terms:
        missing.append(msgid)
        return entry
    english = quote(terms[msgid])
    out = [c.replace("#, fuzzy, ", "#, ") for c in comments if c != "#, fuzzy"]
    for keyword, parts in fields.items():
        if keyword.startswith("msgstr"):
            continue
        out.append(f"{keyword} {parts[0]}")
        out.extend(parts[1:])
    plural_forms = sorted(k for k in fields if k.startswith("msgstr["))
    for keyword in plural_forms or ["msgstr"]:
        out.append(f"{keyword} {english}")
    return "\n".join(out)


def main() -> int:
    terms = load_terms()
    text = PO.read_text(encoding="utf-8")
    missing: list[str] = []
    entries = text.rstrip("\n").split("\n\n")
    text = "\n\n".join(fill_entry(entry, terms, missing) for entry in entries) + "\n"
    text = text.replace("#, fuzzy\n", "", 1)
    PO.write_text(text, encoding="utf-8")
    subprocess.run(["msgfmt", "-o", str(PO.with_suffix(".mo")), str(PO)], check=True)
    for msgid in missing:
        sys.stderr.write(f"untranslated: {msgid}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
