# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fixed facts of the real service that the emulator reproduces verbatim."""

# Provider ids are hard-coded and identical in every VK Cloud project (Swagger enum).
NOVA_PROVIDER_ID = "37997f75-0637-4a69-bf7e-49ff2ff11fa5"
TROVE_PROVIDER_ID = "7ab9410c-edda-4623-a51a-1bb806666cb3"
PROVIDERS = (
    {"id": NOVA_PROVIDER_ID, "name": "OS::Nova"},
    {"id": TROVE_PROVIDER_ID, "name": "OS::Trove"},
)

SERVER_TYPE = "OS::Nova::Server"
VOLUME_TYPE = "OS::Cinder::Volume"
DB_INSTANCE_TYPE = "OS::Trove::Instance"
DB_CLUSTER_TYPE = "OS::Trove::Cluster"
RESOURCE_TYPES = (SERVER_TYPE, VOLUME_TYPE, DB_INSTANCE_TYPE, DB_CLUSTER_TYPE)

# Which top-level plan resource types each provider protects.
PROVIDER_TYPES = {
    NOVA_PROVIDER_ID: (SERVER_TYPE,),
    TROVE_PROVIDER_ID: (DB_INSTANCE_TYPE, DB_CLUSTER_TYPE),
}

# URL layout: the public base, the internal base behind VK's proxy (Swagger basePath),
# and the other services the catalog points at.
KARBOII_PREFIXES = ("/infra/karboii/v1", "/v1")
KEYSTONE_PREFIX = "/v3"
NOVA_PREFIX = "/compute/v2.1"
CONTROL_PREFIX = "/_emulator"

TOKEN_LIFETIME_SECONDS = 3600
# The fake size of one backed up VM, volume or database, in GB.
FAKE_RESOURCE_SIZE_GB = 10
