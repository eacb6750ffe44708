"""clusterkb: facts about industrial clusters and regional industrial policy from Russian news.

The Python API is `clusterkb.api` (`from clusterkb.api import KnowledgeBase, extract`);
`from clusterkb import KnowledgeBase` works too. It is loaded on first use, so the command
starts without it.
"""

from .version import __version__

__all__ = ["KnowledgeBase", "__version__"]


def __getattr__(name: str):
    if name == "KnowledgeBase":
        from .api import KnowledgeBase

        return KnowledgeBase
    raise AttributeError(f"module 'clusterkb' has no attribute {name!r}")
