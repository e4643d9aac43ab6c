#!/usr/bin/env python3
"""Checks a BoxOffice webhook's signature, written from the README alone.

Usage: verify.py SECRET SIGNATURE_HEADER BODY_FILE   (exit 0: valid, 1: not)
The function is the README's verifier, as a receiver would paste it."""
import hashlib, hmac, sys, time


def verify(secret, header, body, tolerance=300):
    items = [part.split("=", 1) for part in header.split(",") if "=" in part]
    t = next((value for key, value in items if key == "t"), None)
    if t is None or not t.isdigit() or abs(time.time() - int(t)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(value, expected) for key, value in items if key == "v1")


if __name__ == "__main__":
    secret, header, path = sys.argv[1:4]
    with open(path, "rb") as file:
        sys.exit(0 if verify(secret, header, file.read()) else 1)
