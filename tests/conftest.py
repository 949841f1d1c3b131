from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cnn-2015-09-29-russia-syria.txt"


def shared_data_dir() -> Path:
    return Path(os.environ.get("NEWSWATCH_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path} (set NEWSWATCH_DATA to its path)")
    return path


@pytest.fixture(scope="session")
def analyzer():
    from newswatch.pipeline import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_brief(analyzer, example_text):
    import datetime as dt

    from newswatch.pipeline import ArticleInput

    return next(analyzer.analyze_many([ArticleInput(text=example_text, fallback_published=dt.date(2015, 9, 29))]))
