"""The theme's templates compiled once per `mkdocs serve` process, not once per rebuild.

MkDocs makes the theme's Jinja environment anew for every build, so Material's templates
(the page, its partials, the 404 page, the sitemap) were parsed and compiled again after
every save: about a fifth of a second of a `--dirty` rebuild that writes a few pages. A
template's compiled code is reused only for the same source (Jinja's checksum) in an
environment set up the same way (its delimiters, extensions, filters and tests)."""

from __future__ import annotations

from types import CodeType

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


def _setup(env: Environment) -> tuple | None:
    """What the environment compiles a template by; None when it cannot be told (an
    autoescape function may decide anything)."""
    if not isinstance(env.autoescape, bool):
        return None
    return (
        type(env),
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
        env.autoescape,
        tuple(sorted(env.extensions)),
        tuple(sorted(env.filters)),
        tuple(sorted(env.tests)),
    )


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, across the environments of one process."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        setup = _setup(environment)
        key = repr((setup, name, filename)) if setup is not None else ""
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self._code.get(bucket.key) if bucket.key else None
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key and bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)
