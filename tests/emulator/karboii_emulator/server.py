# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP plumbing: a threaded loopback server that hands each request to the Emulator."""

import http.server
import ipaddress
import socket
import threading

from .web import Request


def check_loopback(host):
    """The emulator never listens beyond this machine."""
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError("refusing to listen on %r: only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed" % host)


class Handler(http.server.BaseHTTPRequestHandler):
    """Reads the request, asks the emulator, writes JSON (or drops the connection when told to)."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real clients use it
    server_version = "KarboiiEmulator/1.0"
    timeout = 120  # an idle keep-alive connection frees its thread eventually
    # Headers and body go out in separate writes; without TCP_NODELAY, Nagle plus the
    # client's delayed ACK stall every keep-alive answer by ~40 ms.
    disable_nagle_algorithm = True

    def version_string(self):
        return self.server_version

    def do_GET(self):
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def _read_body(self):
        length = self.headers.get("Content-Length")
        if length and length.isdigit():
            return self.rfile.read(int(length))
        return b""

    def _serve(self):
        request = Request(self.command, self.path, dict(self.headers.items()), self._read_body(), self.client_address[0])
        response = self.server.emulator.handle(request)
        if response.drop:
            # No status line at all: the client sees the connection closed under it.
            self.close_connection = True
            return
        payload = response.encoded_body()
        self.send_response(response.status)
        if payload:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if payload and self.command != "HEAD":
            self.wfile.write(payload)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if not self.server.quiet:
            super().log_message(format, *args)


class EmulatorHTTPServer(http.server.ThreadingHTTPServer):
    """One thread per connection; daemon threads so stopping never waits for idle clients."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # many parallel clients connect at once in benchmarks

    def __init__(self, address, emulator, quiet=False):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.emulator = emulator
        self.quiet = quiet
        super().__init__(address, Handler)

    def handle_error(self, request, client_address):
        # Clients that hang up mid-answer (or faults that drop) are normal here.
        if not self.quiet:
            super().handle_error(request, client_address)

    @property
    def url(self):
        host, port = self.server_address[:2]
        return "http://%s:%d" % ("[%s]" % host if ":" in host else host, port)


class RunningServer:
    """A server listening on a background thread: `.url`, `.emulator`, `.stop()`; also a context manager."""

    def __init__(self, emulator, host="127.0.0.1", port=0, quiet=True):
        check_loopback(host)
        self.httpd = EmulatorHTTPServer((host, port), emulator, quiet=quiet)
        self.url = self.httpd.url
        self.emulator = None
        self.use(emulator)
        # A short poll interval makes stop() quick, which matters for one server per test.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       name="karboii-emulator", daemon=True)
        self.thread.start()

    def use(self, emulator):
        """Serve another Emulator from now on (tests get a fresh state without a new socket)."""
        emulator.base_url = self.url  # the token catalog points back at this server
        self.httpd.emulator = emulator
        self.emulator = emulator

    @property
    def port(self):
        return self.httpd.server_address[1]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()
