"""The version of clusterkb, in the bottom layer: the package's `__init__` re-exports it, and the
engines that must check a Dask worker runs the same one import it from here without loading
the package's API.

    from clusterkb.version import __version__   → "0.1.0"
"""

__version__ = "0.1.0"
