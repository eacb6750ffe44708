"""clusterkb: facts about industrial clusters and regional industrial policy from Russian news."""

__version__ = "0.1.0"
