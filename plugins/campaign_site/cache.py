"""A small content-addressed cache (SQLite) for per-file results.

Keys are made of the file's bytes hash, its path and the pipeline's settings key, never of
modification times, so a cache hit is always correct.
"""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path


class ContentCache:
    def __init__(self, path: Path, namespace: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, value BLOB)")
        self.namespace = namespace
        self.hits = 0
        self.misses = 0

    def _key(self, *parts: str) -> str:
        return "\0".join((self.namespace, *parts))

    def get_many(self, keys: list[tuple[str, ...]]) -> dict[tuple[str, ...], object]:
        wanted = {self._key(*key): key for key in keys}
        found = {}
        names = list(wanted)
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, value in self.db.execute(
                f"SELECT key, value FROM items WHERE key IN ({marks})", chunk
            ):
                try:
                    found[wanted[key]] = pickle.loads(value)
                except Exception:  # an unreadable entry is a miss, never an error
                    continue
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, items: dict[tuple[str, ...], object]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO items (key, value) VALUES (?, ?)",
                (  # a generator: rows are pickled one at a time, never all at once
                    (self._key(*key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                    for key, value in items.items()
                ),
            )

    def close(self) -> None:
        self.db.close()
