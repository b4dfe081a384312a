"""A small content-addressed cache (SQLite) for per-file results.

Keys are made of the file's bytes hash, its path and the pipeline's settings key, never of
modification times, so a cache hit is always correct.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)

# What was already said in this build, so that a read-only or full cache folder gives one
# warning, not one per file (``new_build`` empties it when a build starts).
_said: set[str] = set()


def new_build() -> None:
    _said.clear()


def code_digest(module: Path) -> str:
    """Hash of ``module`` and of every plugin module it imports, directly or through another
    (read from their ``import`` statements, function-level ones included): what a cache keeps
    was made by that code and holds its objects, so a change to any of them makes new keys."""
    import ast

    plugins = module.resolve().parent.parent  # plugins/<package>/<module>.py
    digest, seen, todo = hashlib.sha256(), set(), [module.resolve()]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            if isinstance(node, ast.ImportFrom):
                base = path.parent if node.level else plugins
                for _ in range(max(0, node.level - 1)):
                    base = base.parent
                parts = node.module.split(".") if node.module else []
                todo += _module_files(base.joinpath(*parts), [a.name for a in node.names])
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    todo += _module_files(plugins.joinpath(*alias.name.split(".")), [])
    for path in sorted(seen):
        digest.update(path.relative_to(plugins).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _module_files(target: Path, names: list[str]) -> list[Path]:
    """The files ``from target import names`` takes its names from: a module, or a package's
    modules among ``names`` and, for the other names, its ``__init__``; a module outside the
    plugins (``markdown``) has no file there and is left out by the caller."""
    if not target.is_dir():
        return [target.with_suffix(".py")]
    modules = [target / f"{name}.py" for name in names]
    found = [path for path in modules if path.is_file()]
    return found if len(found) == len(modules) else [target / "__init__.py", *found]


def cache_unusable(path: Path, error: BaseException | str) -> None:
    """A cache that cannot be written (read-only, disk full): one warning per build; the
    build goes on without it."""
    if "unusable" in _said:
        logger.debug("cache not written: %s (%s)", path, error)
        return
    _said.add("unusable")
    logger.warning(
        "the build cache cannot be written (%s: %s); building without it, which is slower. "
        "Make the folder writable, free some disk space, or delete it",
        path,
        getattr(error, "strerror", None) or error,
    )


def cache_damaged(path: Path, error: BaseException | str) -> None:
    """A cache file that cannot be read back: one warning; the caller discards and rebuilds it."""
    if f"damaged:{path}" in _said:
        return
    _said.add(f"damaged:{path}")
    logger.warning("the build cache %s was damaged (%s); it is discarded and rebuilt", path, error)


class ContentCache:
    """Pickled values by key in one SQLite file.

    Never stops a build: a damaged file (random bytes, a malformed database) is deleted and
    made again, with one warning; a file or folder that cannot be written makes the cache
    read-only, or absent, for the rest of the build (one warning)."""

    def __init__(self, path: Path, namespace: str):
        self.path = path
        self.namespace = namespace
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._connect()
        except (sqlite3.OperationalError, OSError) as error:  # a read-only or full folder
            cache_unusable(path, error)
        except sqlite3.DatabaseError as error:  # not a database: random bytes, a bad copy
            self._discard(error)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        try:  # reads the schema: a file that is not a database fails here
            db.execute("CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, value BLOB)")
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error):  # a read-only cache can still be read
                db.close()
                raise
        except BaseException:
            db.close()
            raise
        return db

    def _discard(self, error: BaseException) -> None:
        """Delete a damaged database and start an empty one (or go on without one)."""
        cache_damaged(self.path, error)
        if self.db is not None:
            self.db.close()
            self.db = None
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            self.db = self._connect()
        except (OSError, sqlite3.Error) as again:
            cache_unusable(self.path, again)

    def _key(self, *parts: str) -> str:
        return "\0".join((self.namespace, *parts))

    def get_many(self, keys: list[tuple[str, ...]]) -> dict[tuple[str, ...], object]:
        wanted = {self._key(*key): key for key in keys}
        found = {}
        names = list(wanted)
        db = self.db
        if db is None:  # no usable cache: everything is made again
            return {}
        try:
            for start in range(0, len(names), 500):
                chunk = names[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for key, value in db.execute(
                    f"SELECT key, value FROM items WHERE key IN ({marks})", chunk
                ):
                    try:
                        found[wanted[key]] = pickle.loads(value)
                    except Exception:  # an unreadable entry is a miss, never an error
                        continue
        except sqlite3.DatabaseError as error:  # malformed pages: everything is made again
            found = {}
            self._discard(error)
        return found

    def put_many(self, items: dict[tuple[str, ...], object]) -> None:
        if self.db is None or not items:
            return
        try:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO items (key, value) VALUES (?, ?)",
                    (  # a generator: rows are pickled one at a time, never all at once
                        (self._key(*key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                        for key, value in items.items()
                    ),
                )
        except sqlite3.OperationalError as error:  # read-only, or the disk is full
            cache_unusable(self.path, error)
        except sqlite3.DatabaseError as error:  # malformed: start again, filled next build
            self._discard(error)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
