#!/usr/bin/env python3
"""Reads an email (.eml) with Python's own MIME parser and prints what it holds as JSON:
headers (decoded), the MIME structure as one line, the text and HTML bodies, and every
other part saved into OUTDIR (its path, type, filename, Content-ID and disposition).
The tests use it to read what BoxOffice sent, with a parser that is not BoxOffice's.

Usage: scripts/mail/inspect-eml.py MESSAGE.eml OUTDIR
"""
import email
import email.policy
import json
import os
import sys


def structure(part):
    if part.is_multipart():
        return part.get_content_type() + "(" + ",".join(structure(p) for p in part.iter_parts()) + ")"
    return part.get_content_type()


def main():
    path, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    result = {
        "subject": str(message["Subject"]),
        "from": str(message["From"]),
        "to": str(message["To"]),
        "message_id": str(message["Message-ID"]),
        "date": str(message["Date"]),
        "structure": structure(message),
        "text": None,
        "html": None,
        "parts": [],
    }
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        disposition = part.get_content_disposition()
        if kind == "text/plain" and disposition is None and result["text"] is None:
            result["text"] = part.get_content()
            continue
        if kind == "text/html" and disposition is None and result["html"] is None:
            result["html"] = part.get_content()
            continue
        filename = part.get_filename() or f"part-{index}"
        saved = os.path.join(outdir, f"{index}-{os.path.basename(filename)}")
        with open(saved, "wb") as out:
            out.write(part.get_payload(decode=True))
        result["parts"].append({
            "type": kind,
            "filename": part.get_filename(),
            "content_id": (part["Content-ID"] or "").strip("<>") or None,
            "disposition": disposition,
            "file": saved,
        })
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
