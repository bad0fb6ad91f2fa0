"""Shared fixtures: one pipeline per session, and where ../shared lives."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def nlp_rules():
    """The pipeline with rules only (no trained model)."""
    from kg.nlp import load

    return load(model=False)


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline, with the trained NER model where it ships."""
    from kg.nlp import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the project; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent beside the project")
    return SHARED
