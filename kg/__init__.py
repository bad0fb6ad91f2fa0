"""kg: who-said-what knowledge graphs from Chinese financial news."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
