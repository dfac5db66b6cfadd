"""The HTTP routes, one module per area; each exposes a ``router``."""
