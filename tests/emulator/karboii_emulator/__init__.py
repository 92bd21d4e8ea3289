# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A faithful, stateful Karboii + Keystone v3 + minimal Nova server for loopback testing.

Run it with `python -m karboii_emulator`; embed it with
`RunningServer(Emulator(), port=0)`. Standard library only.
"""

from .app import Emulator
from .config import Identity, Settings
from .server import RunningServer

__all__ = ["Emulator", "Identity", "RunningServer", "Settings"]
