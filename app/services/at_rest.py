"""Secrets kept in the database, encrypted so a dump alone reads none of them: referral
notes, webhook signing secrets. AES-256-GCM (the `cryptography` package) under a key derived
from the key pepper with HKDF, one `info` per use, so one use's key opens nothing of
another's. The row's id is the associated data: a ciphertext moved to another row fails to
open. (Signing keys are private keys, encrypted as PKCS#8 with the pepper: signing.py.)"""

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_NONCE = 12


@dataclass(frozen=True, slots=True)
class Sealed:
    """One use: its HKDF `info`, the format byte(s) its ciphertexts start with (none for
    webhook secrets, written before there was one), and how its errors name the row and the
    secret (`"referral {id}: notes"`)."""

    info: bytes
    prefix: bytes
    names: str

    def _cipher(self, pepper: bytes) -> AESGCM:
        if not pepper:
            raise ValueError(
                f"{self.names.format(id='…')} encrypted with the key pepper, and it is empty"
            )
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=self.info)
        return AESGCM(key.derive(pepper))

    def seal(self, pepper: bytes, row_id: str, plain: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return self.prefix + nonce + self._cipher(pepper).encrypt(nonce, plain, row_id.encode())

    def unseal(self, pepper: bytes, row_id: str, stored: bytes) -> bytes:
        what = self.names.format(id=row_id)
        if not stored.startswith(self.prefix):
            raise RuntimeError(f"{what} in an unknown format")
        body = stored[len(self.prefix) :]
        try:
            return self._cipher(pepper).decrypt(body[:_NONCE], body[_NONCE:], row_id.encode())
        except InvalidTag:
            raise RuntimeError(
                f"{what} cannot be decrypted: is TIMECREDITS_KEY_PEPPER the one it was "
                "written with?"
            ) from None
