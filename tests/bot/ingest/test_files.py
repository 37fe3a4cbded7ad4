from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.ingest import read_articles
from bot.ingest.files import Unreadable, load_json, read_bounded, shown
from bot.records import Rejected, SourceText

BODY = "Officials met in London on Thursday to discuss trade.\n\nThey agreed to meet again."


def test_a_fifo_given_by_name_is_refused_at_once_without_being_opened(tmp_path):
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)  # no writer: opening it for reading would wait for ever
    [item] = read_articles([fifo])
    assert isinstance(item, Rejected) and "named pipe" in item.reason


def test_a_fifo_in_a_folder_is_reported_and_the_files_after_it_are_read(tmp_path):
    os.mkfifo(tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    items = list(read_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Rejected", "SourceText"]
    assert "only regular files are read" in items[0].reason


def test_a_device_is_refused_by_type_instead_of_read_until_memory_runs_out():
    [item] = read_articles([Path("/dev/zero")])
    assert isinstance(item, Rejected) and "character device" in item.reason


def test_a_file_over_the_size_limit_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    with pytest.raises(Unreadable, match="larger than 2 MB"):
        read_bounded(path, 2 * 1024 * 1024)
    assert read_bounded(path, 3 * 1024 * 1024)[:1] == b"x"


def test_a_json_integer_of_five_thousand_digits_is_refused_by_name(write):
    [item] = read_articles(
        [write("n.json", '{"title": "T", "text": "x", "n": ' + "9" * 5000 + "}")]
    )
    assert isinstance(item, Rejected) and "5,000 characters" in item.reason


def test_json_nested_a_hundred_thousand_deep_is_refused(write):
    [item] = read_articles([write("deep.json", "[" * 100_000 + "]" * 100_000)])
    assert isinstance(item, Rejected) and "nested too deeply" in item.reason


def test_a_deep_or_long_line_in_json_lines_costs_only_that_line(write):
    good = json.dumps({"title": "One", "text": BODY})
    path = write("a.jsonl", "[" * 50_000 + "\n" + '{"n": ' + "1" * 200 + "}\n" + good + "\n")
    items = list(read_articles([path]))
    assert [type(i).__name__ for i in items] == ["Rejected", "Rejected", "SourceText"]
    assert [i.path.rsplit(":", 1)[1] for i in items[:2]] == ["1", "2"]


def test_ordinary_numbers_still_parse():
    assert load_json('{"a": 12, "b": -1.5e3}') == {"a": 12, "b": -1500.0}


def test_a_lone_surrogate_in_a_json_field_becomes_a_replacement_character(write):
    record = '{"title": "Talks", "text": "Officials met in London.", "byline": "\\udc80"}'
    [item] = read_articles([write("s.json", record)])
    assert isinstance(item, SourceText) and item.byline == "\ufffd"


def test_nul_characters_are_taken_out_of_text_and_json_fields(write):
    [text] = read_articles([write("nul.txt", "Officials met\x00 in Rome on Monday.")])
    [record] = read_articles(
        [write("nul.json", '{"title": "A\\u0000B", "text": "Talks in Rome."}')]
    )
    assert isinstance(text, SourceText) and text.text == "Officials met in Rome on Monday."
    assert isinstance(record, SourceText) and record.title == "AB"


def test_a_file_name_that_is_not_utf8_is_read_under_a_printable_name(tmp_path):
    path = tmp_path / os.fsdecode(b"caf\xe9.txt")
    path.write_text(BODY, encoding="utf-8")
    [item] = read_articles([tmp_path])
    assert isinstance(item, SourceText)
    assert item.path == shown(path.resolve()) and item.path.endswith("caf\\xe9.txt")
    item.path.encode("utf-8")  # storable and printable: no surrogate left in it


def test_a_file_name_with_a_newline_is_shown_on_one_line(tmp_path):
    path = tmp_path / "two\nlines.txt"
    path.write_text(BODY, encoding="utf-8")
    [item] = read_articles([path])
    assert isinstance(item, SourceText) and item.path.endswith("two\\x0alines.txt")


def test_a_huge_unreadable_date_is_quoted_short_in_the_reason(write):
    record = json.dumps({"title": "T", "text": BODY, "published": "x" * 100_000})
    [item] = read_articles([write("d.json", record)])
    assert isinstance(item, Rejected) and len(item.reason) < 100


def test_a_dangling_link_in_a_folder_is_reported_and_the_rest_are_read(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    items = list(read_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Rejected", "SourceText"]
    assert items[0].reason == "no such file or folder"
