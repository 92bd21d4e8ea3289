# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Karboii emulator (tests/emulator) as a child process, and its control API."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import time
import urllib.parse


class EmulatorError(RuntimeError):
    """The emulator did not start, died, or its control API answered an error."""


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds process PID has used so far (Linux /proc), or 0.0 when unknown."""
    try:
        with open('/proc/%d/stat' % pid, encoding='utf-8') as stat:
            fields = stat.read().rsplit(')', 1)[-1].split()
    except OSError:
        return 0.0
    # fields[0] is the state (3rd field of the line); utime and stime are the 14th and 15th
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


class Emulator:
    """Starts `python -m karboii_emulator` quietly on a free loopback port and talks to /_emulator."""

    def __init__(self, repo: str, python: str, run_dir: str):
        self.repo = repo
        self.python = python
        self.info_path = os.path.join(run_dir, 'emulator-info.json')
        self.log_path = os.path.join(run_dir, 'emulator.log')
        self.process = None
        self.info = {}
        self._log = None

    # lifecycle ---------------------------------------------------------------
    def start(self, timeout: float = 60.0) -> dict:
        """Start it and wait for its info file; returns the info (URLs, credentials)."""
        if os.path.exists(self.info_path):
            os.remove(self.info_path)
        env = dict(os.environ)
        emulator_path = os.path.join(self.repo, 'tests', 'emulator')
        env['PYTHONPATH'] = emulator_path + (os.pathsep + env['PYTHONPATH'] if env.get('PYTHONPATH') else '')
        command = [self.python, '-m', 'karboii_emulator', '--host', '127.0.0.1', '--port', '0',
                   '--info-file', self.info_path, '--quiet']
        self._log = open(self.log_path, 'w', encoding='utf-8')  # pylint: disable=consider-using-with
        self.process = subprocess.Popen(command, env=env, stdout=self._log, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EmulatorError('the emulator exited with status %s before it listened; see %s'
                                    % (self.process.returncode, self.log_path))
            try:
                with open(self.info_path, encoding='utf-8') as info_file:
                    info = json.load(info_file)
                if info.get('url'):
                    self.info = info
                    return info
            except (OSError, ValueError):
                pass
            time.sleep(0.1)
        self.stop()
        raise EmulatorError('the emulator did not write %s within %s s; see %s' % (self.info_path, timeout, self.log_path))

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 10 s; safe to call twice."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    @property
    def pid(self) -> int:
        return self.process.pid if self.process is not None else 0

    def cpu_seconds(self) -> float:
        """CPU the emulator has used so far: the server side of a scenario, measured apart."""
        return process_cpu_seconds(self.pid) if self.pid else 0.0

    # control API -----------------------------------------------------------------
    def address(self) -> tuple:
        parts = urllib.parse.urlsplit(self.info['url'])
        return parts.hostname, parts.port

    def control(self, method: str, path: str, body: dict | None = None):
        """One /_emulator call; returns the parsed JSON answer (None for 204)."""
        host, port = self.address()
        connection = http.client.HTTPConnection(host, port, timeout=60)
        try:
            payload = json.dumps(body).encode('utf-8') if body is not None else None
            headers = {'Content-Type': 'application/json'} if payload is not None else {}
            connection.request(method, '/_emulator' + path, body=payload, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        if response.status >= 400:
            raise EmulatorError('%s /_emulator%s: HTTP %s %s' % (method, path, response.status, data[:300]))
        return json.loads(data) if data else None

    def reset(self) -> None:
        """Forget every plan, trigger and the request log."""
        self.control('POST', '/reset')

    def clear_requests(self) -> None:
        self.control('DELETE', '/requests')

    def request_counts(self) -> dict:
        """Requests per service since the last clear: {"karboii": n, "keystone": n, "nova": n}."""
        return self.control('GET', '/requests')['counts']

    def config(self) -> dict:
        return self.control('GET', '/config')
