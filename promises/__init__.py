"""Council Promises: SEND commitments made by English county councils, against delivery."""

__version__ = "0.1.0"
