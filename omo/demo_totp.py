"""The one TOTP secret of the demo accounts (development only; `make run`, `demo_data`).

The demo accounts whose role needs a second factor are enrolled with this secret, so one entry
in an authenticator app (or `manage.py demo_code`) serves all of them. `OMO_DEMO_TOTP_SECRET`
(base32) replaces the default. Production never loads demo data: `demo_data` refuses to run
with DEBUG off.

This module imports nothing of Django: `omo.devservices` prints the secret before the
settings can be loaded.
"""

import base64
import binascii
import hashlib
import hmac
import os
import struct
import time
from urllib.parse import quote

# 32 base32 characters: a 20-byte key, as django-otp makes them.
STANDAARD_GEHEIM = "OMODEMOTOTPGEHEIMVOORONTWIKKELEN"

# The demo accounts that get the secret: those the rule `omo.tweede_factor_verplicht` holds for
# (tests/omo/test_tweede_factor.py checks the two agree).
DEMO_ACCOUNTS_MET_TWEEDE_FACTOR = ["omo", "budgethouder", "college", "beheerder", "beheerder-2"]


def geheim() -> str:
    """The demo secret in base32 (upper case, without padding or spaces)."""
    waarde = os.environ.get("OMO_DEMO_TOTP_SECRET", "") or STANDAARD_GEHEIM
    waarde = waarde.replace(" ", "").upper().rstrip("=")
    sleutel(waarde)  # refuse a secret that is not base32
    return waarde


def sleutel(base32: str | None = None) -> bytes:
    """The secret as bytes."""
    waarde = base32 if base32 is not None else geheim()
    try:
        return base64.b32decode(waarde + "=" * (-len(waarde) % 8))
    except binascii.Error as exc:
        raise ValueError(f"OMO_DEMO_TOTP_SECRET is geen geldige base32-tekst: {exc}") from exc


def otpauth_uri(label: str = "demo-accounts", issuer: str = "OMO demo") -> str:
    """The address an authenticator app reads from a QR code (otpauth://totp/...)."""
    return (
        f"otpauth://totp/{quote(issuer)}:{quote(label)}?secret={geheim()}"
        f"&issuer={quote(issuer)}&algorithm=SHA1&digits=6&period=30"
    )


def code(nu: float | None = None) -> str:
    """The 6-digit code an authenticator app with the demo secret shows at `nu` (RFC 6238:
    HMAC-SHA1, 30-second steps)."""
    stap = int((time.time() if nu is None else nu) // 30)
    digest = hmac.new(sleutel(), struct.pack(">Q", stap), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    getal = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{getal % 1_000_000:06d}"
