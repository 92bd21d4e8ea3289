# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fill the project with other plans, straight through the Keystone and Karboii APIs.

One keep-alive connection (http.client), one token: thousands of plans in seconds.
Every seeded plan protects its own VM id (the API allows one plan per VM) and, like a
plan made in the VK Cloud console, has a schedule (a trigger).
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
import uuid

NOVA_PROVIDER_ID = '37997f75-0637-4a69-bf7e-49ff2ff11fa5'
SEED_PREFIX = 'seed'


def vm_id(name: str) -> str:
    """A stable VM id for a name, so reruns and the inventory agree."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, 'karboii-bench:' + name))


class ApiSession:
    """A token and one HTTP/1.1 connection that is reused for every call."""

    def __init__(self, info: dict):
        self.info = info
        parts = urllib.parse.urlsplit(info['url'])
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.karboii_path = urllib.parse.urlsplit(info['karboii_url']).path.rstrip('/') + '/' + info['project_id']
        self.token = None

    def call(self, method: str, path: str, body: dict | None = None, expect: tuple = (200, 201)):
        headers = {'Content-Type': 'application/json'}
        if self.token:
            headers['X-Auth-Token'] = self.token
        payload = json.dumps(body).encode('utf-8') if body is not None else None
        self.connection.request(method, path, body=payload, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        if response.status not in expect:
            raise RuntimeError('%s %s: HTTP %s %s' % (method, path, response.status, data[:300]))
        return response, (json.loads(data) if data else None)

    def login(self) -> None:
        info = self.info
        body = {'auth': {
            'identity': {'methods': ['password'], 'password': {'user': {
                'name': info['username'], 'domain': {'name': info['user_domain_name']}, 'password': info['password']}}},
            'scope': {'project': {'id': info['project_id']}},
        }}
        auth_path = urllib.parse.urlsplit(info['auth_url']).path.rstrip('/') + '/auth/tokens'
        response, dummy = self.call('POST', auth_path, body, expect=(201,))
        self.token = response.getheader('X-Subject-Token')

    def close(self) -> None:
        self.connection.close()


def seed_plans(info: dict, first: int, count: int, with_triggers: bool = True) -> int:
    """Create plans seed-<first> .. seed-<first + count - 1>, each on its own VM; returns how many."""
    session = ApiSession(info)
    try:
        session.login()
        for number in range(first, first + count):
            name = '%s-%05d' % (SEED_PREFIX, number)
            plan = {'plan': {
                'name': name, 'provider_id': NOVA_PROVIDER_ID, 'retention_type': 'max_backups',
                'resources': [{'id': vm_id(name), 'name': name, 'type': 'OS::Nova::Server'}],
            }}
            dummy, created = session.call('POST', session.karboii_path + '/plans', plan)
            if with_triggers:
                trigger = {'trigger_info': {'name': name, 'plan_id': created['plan']['id'],
                                            'properties': {'pattern': '%d 2 * * *' % (number % 60), 'max_backups': 7}}}
                session.call('POST', session.karboii_path + '/triggers', trigger)
    finally:
        session.close()
    return count
