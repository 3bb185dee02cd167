"""Content-addressed archive of raw fetched bytes: <root>/ab/cd/<sha256>."""

import hashlib
import os
from pathlib import Path


def archive_path(root: Path, sha256: str) -> Path:
    """Where the bytes with this sha256 live (or would live) under root."""
    return Path(root) / sha256[:2] / sha256[2:4] / sha256


def archive_bytes(root: Path, data: bytes) -> str:
    """Store data once under its sha256 and return the hash; storing it again is a no-op."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = archive_path(root, sha256)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{sha256}.{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(path)
    return sha256


def read_archived(root: Path, sha256: str) -> bytes | None:
    """The archived bytes for a hash, or None when they are not in the archive."""
    path = archive_path(root, sha256)
    return path.read_bytes() if path.exists() else None
