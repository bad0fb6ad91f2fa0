"""Records to a pandas DataFrame (pandas is imported only here, and only when called)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import KGError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_frame"]


def to_frame(records: Sequence[Any], record_type: type | None = None) -> pd.DataFrame:
    """Gives a pandas DataFrame with one row per record and one column per field.

    Args:
        records: Records from this module (dataclasses or NamedTuples, all of one type).
        record_type: The record class, so that an empty list still gets its columns.

    Raises:
        KGError: pandas is not installed, or the records are not records of one type.

    Example:
        >>> df = to_frame(topics_of(example_graph(), "张朝晖"))
        >>> list(df.columns), len(df)
        (['topic', 'weight'], 3)
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise KGError("pandas is not installed; pip install pandas") from exc
    records = list(records)
    kinds = {type(r) for r in records}
    if len(kinds) > 1:
        names = ", ".join(sorted(k.__name__ for k in kinds))
        raise KGError(f"to_frame needs records of one type, got {names}; make one frame per type")
    cls = next(iter(kinds)) if kinds else record_type
    if cls is None:
        return pd.DataFrame()
    columns = _columns(cls)
    return pd.DataFrame([[getattr(r, c) for c in columns] for r in records], columns=columns)


def _columns(cls: type) -> list[str]:
    if is_dataclass(cls):
        return [f.name for f in fields(cls)]
    if issubclass(cls, tuple) and hasattr(cls, "_fields"):
        return list(cls._fields)
    raise KGError(f"to_frame takes records (dataclasses or NamedTuples), got {cls.__name__}")
