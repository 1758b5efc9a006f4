"""Generated pages whose rebuild under `mkdocs serve --dirty` the plugin has decided.

MkDocs decides whether a dirty build rebuilds a page by comparing the times of its source
file and its written page, three file looks per page, twice per build (before reading the
page and before writing it): about 22 000 at 1000 maps, for every save. The plugin knows
already which of its pages an edit touched (site/changes.py) and gives those their
content; the others were written by the last build and show the same."""

from __future__ import annotations

import os

from mkdocs.structure.files import File


class DecidedFile(File):
    """A generated page of ours: rebuilt when it has content; without content, rebuilt only
    when ``kept`` is False (not decided: MkDocs compares the files' times)."""

    kept: bool | None = None

    def is_modified(self) -> bool:
        if self._content is not None or self.kept is None:
            return super().is_modified()
        return not self.kept

    def keep_as_written(self) -> bool:
        """Leave the page as the last build wrote it, if it is there: whether it is."""
        self.kept = os.path.isfile(self.abs_dest_path)
        return self.kept
