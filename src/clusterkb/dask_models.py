"""The Dask worker plugin of `--engine dask`, apart from engines.py so that only a run on Dask
imports distributed."""
from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from .version import __version__


class ClusterkbModels(WorkerPlugin):
    """Check that a worker runs the ingest's clusterkb, then load the models once, when the
    worker joins (later joiners too), so no task pays for them.

    Example: client.register_plugin(ClusterkbModels("0.1.0"), name="clusterkb-models")"""

    def __init__(self, version: str):
        self.version = version

    def setup(self, worker: Any) -> None:
        from .lang import nlp

        if __version__ != self.version:
            raise RuntimeError(f"this worker runs clusterkb {__version__}, the ingest {self.version}")
        nlp.warm_up()
