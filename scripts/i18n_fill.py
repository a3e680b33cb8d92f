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
# The rules engine's texts: the engine (pure Python) marks none, so each one the sources do not mark is
# added to the catalogue from here (see innoladder/ruletables/english.py).
ENGINE_TSV = ROOT / "innoladder/ruletables/engine_en.tsv"


def read_tsv(path: Path) -> dict[str, str]:
    terms = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            zh, en = line.split("\t", 1)
            terms[zh] = en
    return terms


def load_terms() -> dict[str, str]:
    terms = {}
    for path in [TSV, *sorted(ROOT.glob("innoladder/*/en.tsv")), ENGINE_TSV]:
        terms.update(read_tsv(path))
    return terms


def msgid_of(entry: str) -> str | None:
    """The msgid of an active entry (None for the header's empty one, comments and obsolete entries)."""
    parts, reading = [], False
    for line in entry.split("\n"):
        if line.startswith("msgid "):
            parts, reading = [line[len("msgid ") :]], True
        elif reading and line.startswith('"'):
            parts.append(line)
        elif reading:
            break
    return unquote(parts) if parts else None


def add_engine_texts(entries: list[str], engine: dict[str, str]) -> list[str]:
    """The entries, with one for each engine text no source marks (and without an obsolete copy of it)."""
    present = {msgid_of(entry) for entry in entries}
    wanted = [zh for zh in engine if zh not in present]
    obsolete = set(wanted)

    def is_obsolete_copy(entry: str) -> bool:
        active = "\n".join(line[len("#~ ") :] for line in entry.split("\n") if line.startswith("#~ "))
        return bool(active) and msgid_of(active) in obsolete

    kept = [entry for entry in entries if not is_obsolete_copy(entry)]
    added = [
        f'#. rules engine text (innoladder/ruletables/engine_en.tsv)\nmsgid {quote(zh)}\nmsgstr ""'
        for zh in wanted
    ]
    return kept + added


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
    entries = add_engine_texts(text.rstrip("\n").split("\n\n"), read_tsv(ENGINE_TSV))
    text = "\n\n".join(fill_entry(entry, terms, missing) for entry in entries) + "\n"
    text = text.replace("#, fuzzy\n", "", 1)
    PO.write_text(text, encoding="utf-8")
    subprocess.run(["msgfmt", "-o", str(PO.with_suffix(".mo")), str(PO)], check=True)
    for msgid in missing:
        sys.stderr.write(f"untranslated: {msgid}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
