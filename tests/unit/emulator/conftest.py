# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A fresh emulator on a free loopback port for each test."""

import pytest

from .helpers import Client
from karboii_emulator import Emulator, RunningServer  # helpers put tests/emulator on sys.path


@pytest.fixture(scope="session")
def http_server():
    """One listening socket for the whole run; each test swaps in a fresh Emulator."""
    running = RunningServer(Emulator(), port=0)
    yield running
    running.stop()


@pytest.fixture
def emulator():
    return Emulator()


@pytest.fixture
def server(http_server, emulator):
    http_server.use(emulator)
    return http_server


@pytest.fixture
def anon(server):
    """A client without a token."""
    return Client.of(server)


@pytest.fixture
def client(server):
    """A client holding a valid project-scoped token."""
    logged_in = Client.of(server)
    logged_in.login()
    return logged_in
