#!/usr/bin/env python3
"""Opens .docx files with python-docx and checks what a reader sees.

Usage: docx_check.py FILE.docx [FILE.docx ...]

For each file: python-docx opens it; every paragraph (body, table cells at any depth,
headers) has NFC text; the core properties have a title (the creator is reported: a plan
without an issuer has none). Prints one JSON
line per file ({"file", "paragraphs", "tables", "sections", "title", "creator"}) and exits
1 when a check fails (details on stderr).
"""

import json
import sys
import unicodedata

try:
    import docx  # python-docx
except ImportError:
    sys.stderr.write("python-docx is missing: run ./scripts/install-test-deps\n")
    sys.exit(3)


def paragraphs_of(container):
    for p in container.paragraphs:
        yield p
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from paragraphs_of(cell)


def check(path):
    errors = []
    d = docx.Document(path)
    count = 0
    containers = [d]
    for section in d.sections:
        containers.append(section.header)
    for container in containers:
        for p in paragraphs_of(container):
            count += 1
            text = p.text
            if not unicodedata.is_normalized("NFC", text):
                errors.append("not NFC: %r" % text[:80])
    props = d.core_properties
    if not props.title:
        errors.append("no title in the core properties")
    report = {
        "file": path,
        "paragraphs": count,
        "tables": len(d.tables),
        "sections": len(d.sections),
        "title": props.title,
        "creator": props.author,
    }
    return report, errors


def main(paths):
    if not paths:
        sys.stderr.write(__doc__)
        return 2
    failed = False
    for path in paths:
        try:
            report, errors = check(path)
        except Exception as e:  # python-docx could not open it
            failed = True
            sys.stderr.write("%s: python-docx failed: %r\n" % (path, e))
            continue
        print(json.dumps(report, ensure_ascii=False))
        if errors:
            failed = True
            sys.stderr.write("%s:\n  %s\n" % (path, "\n  ".join(errors[:20])))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
