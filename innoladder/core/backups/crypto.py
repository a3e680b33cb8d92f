"""Streaming AES-256-GCM for backup files (DB-BK-3), with the `cryptography` package.

File: MAGIC, a 16-byte random salt, then records. The file key is scrypt(BACKUP_ENCRYPTION_KEY, salt), so
every file has its own key. Each record is: a flag byte (1 on the last record), the ciphertext length (4
bytes), the ciphertext of up to CHUNK bytes with its 16-byte tag. The 12-byte nonce is the record's number
(11 bytes) and the flag, and the header is authenticated with every record: records cannot be reordered,
dropped, or moved to another file, and a file cut short has no last record and is refused.
"""

import hashlib
import io
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"INNOLADDER-BACKUP-AES256GCM-1\n"
SALT_BYTES = 16
CHUNK = 1 << 20
_RECORD = struct.Struct(">BI")
_SCRYPT = {"n": 2**15, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024, "dklen": 32}


class DecryptionError(Exception):
    """Wrong key, or a damaged or cut-short encrypted backup."""


def file_key(secret: str, salt: bytes) -> bytes:
    if not secret:
        raise ValueError("empty backup key")
    return hashlib.scrypt(secret.encode(), salt=salt, **_SCRYPT)


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter(io.RawIOBase):
    """A write-only stream that encrypts into `raw` (a binary file); close() writes the last record."""

    def __init__(self, raw, secret: str):
        super().__init__()
        self._raw = raw
        salt = os.urandom(SALT_BYTES)
        self._header = MAGIC + salt
        self._aead = AESGCM(file_key(secret, salt))
        self._buffer = bytearray()
        self._counter = 0
        raw.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _emit(self, chunk: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._counter, last), chunk, self._header)
        self._raw.write(_RECORD.pack(1 if last else 0, len(sealed)) + sealed)
        self._counter += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A read-only stream of the plaintext of an encrypted backup; raises DecryptionError on a wrong key,
    a changed byte, or a file without its last record."""

    def __init__(self, raw, secret: str):
        super().__init__()
        self._raw = raw
        header = raw.read(len(MAGIC) + SALT_BYTES)
        if len(header) != len(MAGIC) + SALT_BYTES or not header.startswith(MAGIC):
            raise DecryptionError("不是加密的备份文件")
        self._header = header
        self._aead = AESGCM(file_key(secret, header[len(MAGIC) :]))
        self._counter = 0
        self._plain = memoryview(b"")
        self._done = False

    def readable(self) -> bool:
        return True

    def _next(self) -> None:
        head = self._raw.read(_RECORD.size)
        if len(head) != _RECORD.size:
            raise DecryptionError("备份文件不完整（缺少结尾），可能在复制中被截断")
        flag, size = _RECORD.unpack(head)
        sealed = self._raw.read(size)
        if len(sealed) != size or size > CHUNK + 16:
            raise DecryptionError("备份文件不完整，可能在复制中被截断")
        try:
            plain = self._aead.decrypt(_nonce(self._counter, flag == 1), sealed, self._header)
        except InvalidTag as exc:
            raise DecryptionError("密钥错误，或备份文件已损坏") from exc
        self._plain = memoryview(plain)
        self._counter += 1
        if flag == 1:
            if self._raw.read(1):
                raise DecryptionError("备份文件结尾之后还有多余的数据")
            self._done = True

    def readinto(self, buffer) -> int:
        while not self._plain and not self._done:
            self._next()
        n = min(len(buffer), len(self._plain))
        buffer[:n] = self._plain[:n]
        self._plain = self._plain[n:]
        return n


def is_encrypted(path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC
