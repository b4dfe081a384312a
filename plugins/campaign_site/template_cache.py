"""Compiled templates kept between builds: Jinja's bytecode cache, in the cache folder.

Compiling the theme's templates is about a third of a small site's build, and it gives the
same code every time. Jinja finds a compiled template by a key and checks its source's
checksum; the compiled code also depends on the environment (extensions, ``trim_blocks``,
newstyle gettext, ...) and on Jinja's version, so those are in the key as well (Jinja's
own file cache leaves them out). Python's version is in each file's header. A file that
cannot be read back is compiled again and replaced; a folder that cannot be written means
compiling in every build (one warning, as for the other caches).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from .cache import cache_unusable
from .files import atomic_write

_SIMPLE = (str, bool, int, float, type(None))


def configuration(environment: jinja2.Environment) -> str:
    """What changes a template's compiled code, besides its source."""

    def named(value: object) -> object:
        return value if isinstance(value, _SIMPLE) else getattr(value, "__qualname__", "?")

    env = environment
    return repr(
        (
            jinja2.__version__,
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.is_async,
            named(env.autoescape),
            named(env.finalize),
            sorted(env.extensions),
            getattr(env, "newstyle_gettext", None),
            sorted((k, v) for k, v in env.policies.items() if isinstance(v, _SIMPLE)),
        )
    )


class TemplateCache(BytecodeCache):
    """One file per compiled template in ``folder``, written atomically."""

    def __init__(self, folder: Path, environment: jinja2.Environment):
        self.folder = folder
        self.environment = environment
        self.writable = True

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        text = "\0".join((configuration(self.environment), name, filename or ""))
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def _file(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            bucket.bytecode_from_string(self._file(bucket).read_bytes())
        except FileNotFoundError:
            return
        except Exception:  # damaged or unreadable: compiled again (and replaced)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        if not self.writable:
            return
        try:
            atomic_write(self._file(bucket), bucket.bytecode_to_string())
        except OSError as error:  # read-only, or the disk is full
            self.writable = False
            cache_unusable(self.folder, error)
