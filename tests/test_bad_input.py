"""Bad input, through `newswatch analyze` as a user runs it and through the Python API.

Decisions (also in the CLI's help text and messages):
* an empty (or whitespace-only) file is an error on the command line (exit 1, "is empty"): given
  on purpose it is almost always a mistake. The Python API returns an empty brief with a warning
  so a batch goes on.
* binary data is an error (exit 1); a non-UTF-8 text is decoded with a warning naming the encoding;
  non-English text gives a brief and a warning. No traceback ever reaches the user.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from newswatch.errors import InputError
from newswatch.ingest.text import decode_detecting, ingest_text

GERMAN = (
    "Der Bundestag hat am Dienstag ein neues Gesetz beschlossen. Die Regierung will damit die Kosten "
    "für Energie senken, sagte der Minister in Berlin. Die Opposition kritisierte das Gesetz und "
    "kündigte eine Klage an, weil es nicht mit der Verfassung vereinbar sei.\n"
)
NO_QUOTES_OR_PLACES = (
    "The committee met on a quiet afternoon and discussed the budget for the coming year. Members "
    "agreed that the numbers looked sound and that no further changes were needed before the vote.\n"
)
CP1252_TEXT = "Café owners said on Tuesday that rents had risen by £5 – the highest rise “in years”, the council said.\n"


def analyze(path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newswatch", "analyze", str(path), *args], capture_output=True, text=True, timeout=900
    )


def assert_clean_failure(result: subprocess.CompletedProcess, path) -> None:
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and lines[0].startswith("newswatch: error:"), result.stderr
    assert "Traceback" not in result.stderr


# --- command line --------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"  \n\n \t\n"])
def test_cli_rejects_an_empty_file_with_one_line_naming_it(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    result = analyze(path)
    assert_clean_failure(result, path)
    assert "empty" in result.stderr


def test_cli_rejects_binary_data_with_one_line_naming_the_file(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40)
    result = analyze(path)
    assert_clean_failure(result, path)
    assert "binary" in result.stderr


def test_cli_rejects_a_directory(tmp_path):
    assert_clean_failure(analyze(tmp_path), tmp_path)


def test_cli_decodes_cp1252_with_a_warning_naming_the_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    result = analyze(path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert f"{path}: not UTF-8; decoded as cp1252" in result.stderr
    article = json.loads(result.stdout)["article"]
    assert article["text"] == CP1252_TEXT


def test_cli_gives_a_brief_and_a_warning_for_non_english_text(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(GERMAN, encoding="utf-8")
    result = analyze(path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "does not look like English" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["article"]["language"] is None


def test_cli_gives_a_valid_brief_with_empty_sections_for_a_text_without_quotes_or_places(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(NO_QUOTES_OR_PLACES, encoding="utf-8")
    result = analyze(path, "--format", "json")
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout)
    assert brief["quotes"] == [] and brief["places"] == []


def big_article(size: int) -> str:
    paragraph = textwrap.dedent(
        """\
        Officials said on Tuesday that talks in Madrid would resume next week after {n} days of delays.
        “We are ready,” the minister said. The agreement covers {n} workers at the plant."""
    )
    parts, total, n = [], 0, 0
    while total < size:
        parts.append(paragraph.format(n=n))
        total += len(parts[-1]) + 2
        n += 1
    return "\n\n".join(parts)


@pytest.mark.slow
def test_cli_finishes_a_5_mb_article_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(big_article(5_000_000), encoding="utf-8")
    code = (
        "import resource, runpy, sys\n"
        f"sys.argv = ['newswatch', 'analyze', {str(path)!r}, '--format', 'json']\n"
        "try:\n    runpy.run_module('newswatch', run_name='__main__')\n"
        "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-2000:]
    peak_mb = int(result.stderr.strip().splitlines()[-1]) / 1024
    assert peak_mb < 4000, f"peak memory {peak_mb:.0f} MB"
    brief = json.loads(result.stdout)
    assert brief["article"]["body"] == brief["article"]["text"]
    assert len(brief["entities"]) > 0


# --- Python API --------------------------------------------------------------------------------------


def test_api_gives_an_empty_brief_with_a_warning_for_empty_text(analyzer):
    brief = analyzer.analyze("")
    assert brief.entities == [] and brief.quotes == [] and brief.highlights == []
    assert "the article has no body text" in brief.warnings


def test_api_decode_rejects_binary_naming_the_source():
    with pytest.raises(InputError, match=r"^upload\.bin: .*binary"):
        decode_detecting(bytes(range(256)) * 40, "upload.bin")


def test_api_decode_names_the_detected_encoding():
    assert decode_detecting(CP1252_TEXT.encode("cp1252"), "x") == (CP1252_TEXT, "cp1252")


def test_api_does_not_mistake_cyrillic_for_a_western_code_page():
    text = "Президент заявил во вторник, что переговоры продолжатся на следующей неделе в Москве."
    assert decode_detecting(text.encode("cp1251"), "x") == (text, "cp1251")


def test_api_flags_non_english_text():
    record = ingest_text(GERMAN)
    assert record.article.language is None
    assert any("does not look like English" in w for w in record.warnings)


def test_api_text_without_quotes_or_places_has_empty_sections(analyzer):
    brief = analyzer.analyze(NO_QUOTES_OR_PLACES)
    assert brief.quotes == [] and brief.places == []
    assert brief.article.body == NO_QUOTES_OR_PLACES


def test_api_survives_control_characters_and_odd_whitespace(analyzer):
    brief = analyzer.analyze("\x0c\x0bThe army said\u2028 on Monday\u00a0that it had\r\nwithdrawn.\x1b[0m\n")
    assert brief.article.body.strip()

