"""frontclaims: who claims what about which front-line place, from Russian and Ukrainian news."""

__version__ = "0.1.0"
