#!/usr/bin/env python3
"""A webhook receiver for benchmarks: answers 200 to every POST and appends one line per
delivery to OUT: message id, type, BoxOffice-Event-Created (Unix ms of the commit), and
the arrival time (Unix ms). Usage: webhook-receiver.py PORT OUT"""
import sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, out = int(sys.argv[1]), open(sys.argv[2], "a", buffering=1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        arrived = int(time.time() * 1000)
        out.write(f"{self.headers.get('BoxOffice-Event-Id')} {self.headers.get('BoxOffice-Event-Type')} "
                  f"{self.headers.get('BoxOffice-Event-Created')} {arrived}\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
