"""Precompressed copies of text files, byte-for-byte reproducible.

gzip at level 9 with a zero timestamp and no file name; brotli at quality 11 (text mode).
The web server sends ``x.css.br`` or ``x.css.gz`` instead of ``x.css`` to a browser that
accepts it, so it never compresses on the fly. Brotli at quality 11 is slow (about 1 MB/s), so
copies are kept in a cache folder by the original's SHA-256 and made on several threads
(the brotli and zlib modules release the GIL while they compress).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from campaign_site.cache import cache_damaged, cache_unusable
from campaign_site.files import atomic_write

# File types worth compressing: every text format the site publishes.
COMPRESSIBLE = ("html", "css", "js", "xml", "json", "svg", "txt")


def compressible(rel: str) -> bool:
    """True for a text file of the site (not for an already compressed copy)."""
    name = rel.rsplit("/", 1)[-1]
    return "." in name and name.rsplit(".", 1)[1].lower() in COMPRESSIBLE


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes) -> bytes:
    return brotli.compress(data, mode=brotli.MODE_TEXT, quality=11)


# suffix of the copy -> (cache tag naming the algorithm and its parameters, compressor)
ENCODERS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    ".gz": ("gzip9", gzip_bytes),
    ".br": ("brotli11", brotli_bytes),
}
# cache tag -> decompressor: a cached copy is checked against the original before use, so
# a damaged cache file is never published (decompressing is fast; brotli 11 is not)
DECODERS: dict[str, Callable[[bytes], bytes]] = {
    "gzip9": gzip.decompress,
    "brotli11": brotli.decompress,
}


def compressed_copies(rel: str, data: bytes) -> list[tuple[str, bytes]]:
    """``(rel + ".gz", gzip), (rel + ".br", brotli)`` of one text file."""
    return [(rel + suffix, encode(data)) for suffix, (_tag, encode) in ENCODERS.items()]


class CompressionCache:
    """Compressed bytes by the original's SHA-256, one file each, in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, digest: str, tag: str) -> Path:
        return self.folder / f"{digest}.{tag}"

    def get_or_make(self, data: bytes, tag: str, encode: Callable[[bytes], bytes]) -> bytes:
        digest = hashlib.sha256(data).hexdigest()
        path = self._path(digest, tag)
        self.used.add(path.name)
        try:
            cached = path.read_bytes()
        except OSError:
            pass
        else:
            if _decodes_to(cached, tag, data):
                return cached
            cache_damaged(self.folder, f"{path.name} does not match its original")
        compressed = encode(data)
        try:
            atomic_write(path, compressed)
        except OSError as error:  # read-only or full: the copy is published all the same
            cache_unusable(path, error)
        return compressed

    def prune(self) -> None:
        """Forget every copy this run did not use (the cache holds one site's worth)."""
        try:
            if self.folder.is_dir():
                for path in self.folder.iterdir():
                    if path.name not in self.used:
                        path.unlink(missing_ok=True)
        except OSError as error:
            cache_unusable(self.folder, error)


def _decodes_to(compressed: bytes, tag: str, original: bytes) -> bool:
    try:
        return DECODERS[tag](compressed) == original
    except Exception:  # gzip.BadGzipFile, brotli.error, zlib.error, EOFError, ...
        return False


def compress_all(
    files: Iterable[tuple[str, bytes]], cache: CompressionCache | None = None, workers: int = 0
) -> list[tuple[str, bytes]]:
    """Every copy of every ``(rel, data)``, in a stable order (by name, then encoding)."""
    jobs = [
        (rel + suffix, data, tag, encode)
        for rel, data in sorted(files)
        for suffix, (tag, encode) in ENCODERS.items()
    ]

    def run(job):
        name, data, tag, encode = job
        return name, (cache.get_or_make(data, tag, encode) if cache else encode(data))

    with ThreadPoolExecutor(max(1, workers or (os.cpu_count() or 1))) as pool:
        return list(pool.map(run, jobs))
