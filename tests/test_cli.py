"""`newswatch analyze` and `newswatch schema` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema

from conftest import EXAMPLE


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newswatch", *args], input=stdin, capture_output=True, timeout=300
    )


def test_schema_command_prints_a_json_schema():
    result = run("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["title"] == "Brief"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_analyze_json_is_valid_against_the_schema_and_dated_from_the_file_name():
    result = run("analyze", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout)
    jsonschema.validate(brief, json.loads(run("schema").stdout))
    assert brief["article"]["published"] == "2015-09-29"
    assert brief["article"]["published_source"] == "metadata"


def test_analyze_reads_stdin_and_takes_published_override():
    result = run("analyze", "-", "--format", "json", "--published", "2015-09-30", stdin=EXAMPLE.read_bytes())
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert (article["published"], article["published_source"]) == ("2015-09-30", "given")


def test_analyze_prints_a_readable_brief():
    result = run("analyze", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    for heading in ("Entities", "Quotes", "Places", "Events"):
        assert heading in out


def test_missing_file_is_a_one_line_error_naming_it():
    result = run("analyze", "no/such/article.txt")
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "no/such/article.txt" in err and "Traceback" not in err


def test_bad_date_is_a_usage_error():
    result = run("analyze", str(EXAMPLE), "--published", "yesterday")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr.decode()


def test_the_readme_main_job_ingests_the_example_corpus_once_and_reports_on_syria(tmp_path):
    db = str(tmp_path / "news.duckdb")
    first = run("ingest", str(EXAMPLE.parent), "--db", db)
    assert first.returncode == 0, first.stderr.decode()
    assert "5 added" in first.stderr.decode() and "1 near-duplicates" in first.stderr.decode()
    again = run("ingest", str(EXAMPLE.parent), "--db", db)
    assert "0 added, 5 already stored" in again.stderr.decode()
    report = run("report", "--region", "SY", "--db", db)
    assert report.returncode == 0, report.stderr.decode()
    assert "Latakia" in report.stdout.decode() and "Key developments" in report.stdout.decode()
    assert "[anonymous]" in report.stdout.decode()  # anonymous sourcing is flagged in "who said what"
