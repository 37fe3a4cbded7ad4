from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from bot.ingest import read_articles
from bot.records import Rejected, SourceText

BODY = "Officials met in London on Thursday to discuss trade.\n\nThey agreed to meet again."


def one(path: Path) -> SourceText | Rejected:
    items = list(read_articles([path]))
    assert len(items) == 1, items
    return items[0]


def test_date_line_gives_the_publication_date(write):
    article = one(write("a.txt", f"date 2023-05-06\n{BODY}"))
    assert isinstance(article, SourceText)
    assert article.published == dt.date(2023, 5, 6)
    assert article.text.startswith("Officials met")


def test_date_marker_on_the_same_line_as_the_text_is_read(seeds_dir):
    article = one(seeds_dir / "001_a69486b28b8f7935.txt")
    assert isinstance(article, SourceText)
    assert article.published == dt.date(2023, 5, 6)
    assert article.text.startswith("Britain's leaders are seeking")


def test_without_a_date_the_article_is_undated(write):
    article = one(write("a.txt", BODY))
    assert isinstance(article, SourceText) and article.published is None


def test_dateline_gives_the_source_but_never_a_year(seeds_dir):
    article = one(seeds_dir / "003_ac5e2455bf7fd5ce.txt")
    assert isinstance(article, SourceText)
    assert article.source == "UPI"
    assert article.dateline == "Aug. 30"
    assert article.published is None
    assert article.text.startswith("British Foreign Secretary James Cleverly held")


def test_dateline_with_a_year_gives_the_date(write):
    article = one(write("a.txt", f"LONDON, May 6, 2023 (Reuters) - {BODY}"))
    assert isinstance(article, SourceText)
    assert (article.source, article.published) == ("Reuters", dt.date(2023, 5, 6))


def test_headline_line_becomes_the_title(seeds_dir):
    article = one(seeds_dir / "004_98270c53636b98ca.txt")
    assert isinstance(article, SourceText)
    assert article.title.startswith("James Cleverly urged to be ‘crystal clear’")
    assert not article.text.startswith("James Cleverly urged")


def test_without_a_headline_the_first_sentence_is_the_title(write):
    article = one(write("a.txt", BODY))
    assert isinstance(article, SourceText)
    assert article.title == "Officials met in London on Thursday to discuss trade."


def test_json_record_fields_are_kept(write):
    record = {
        "title": "Talks in Beijing",
        "text": BODY,
        "published": "2023-08-30T10:00:00Z",
        "source": "UPI",
        "url": "https://example.org/talks",
        "byline": "A. Reporter",
    }
    article = one(write("a.json", json.dumps(record)))
    assert isinstance(article, SourceText)
    assert (article.title, article.source, article.url, article.byline) == (
        "Talks in Beijing", "UPI", "https://example.org/talks", "A. Reporter",
    )  # fmt: skip
    assert article.published == dt.date(2023, 8, 30)
    assert article.key == "https://example.org/talks"


def test_jsonl_bad_line_is_reported_and_the_rest_go_in(write):
    good = json.dumps({"title": "One", "text": BODY})
    path = write(
        "a.jsonl", f"{good}\n{{not json\n{json.dumps({'title': 'Two', 'text': BODY + ' More.'})}\n"
    )
    items = list(read_articles([path]))
    assert [type(i).__name__ for i in items] == ["Rejected", "SourceText", "SourceText"]
    bad = items[0]
    assert (
        isinstance(bad, Rejected)
        and bad.path.endswith("a.jsonl:2")
        and "not valid JSON" in bad.reason
    )


def test_record_without_text_says_which_field_is_missing(write):
    item = one(write("a.json", json.dumps({"title": "No body"})))
    assert isinstance(item, Rejected) and "'text'" in item.reason


def test_unparseable_published_field_is_rejected_with_the_format(write):
    item = one(write("a.json", json.dumps({"title": "T", "text": BODY, "published": "last week"})))
    assert isinstance(item, Rejected) and "YYYY-MM-DD" in item.reason


def test_malformed_json_file_is_reported_by_name(write):
    item = one(write("broken.json", '{"title": '))
    assert isinstance(item, Rejected) and item.path.endswith("broken.json")


def test_non_utf8_file_is_reported(write):
    item = one(write("latin.txt", "Caf\xe9 talks resumed on Monday.".encode("latin-1")))
    assert isinstance(item, Rejected) and "UTF-8" in item.reason


def test_empty_file_is_reported(write):
    item = one(write("empty.txt", "  \n\n "))
    assert isinstance(item, Rejected) and "no article text" in item.reason


def test_a_page_whose_story_did_not_come_through_is_reported_not_stored_as_a_headline(write):
    page = "Cleverly lands in Beijing\n\nAdvertisement\n\n03:26\n\nLatest Headlines\n"
    item = one(write("page.txt", page))
    assert isinstance(item, Rejected) and "only a headline left" in item.reason


def test_a_one_line_wire_flash_is_kept(write):
    flash = "Cleverly lands in Beijing for talks with Wang Yi"
    item = one(write("flash.txt", flash + "\n"))
    assert isinstance(item, SourceText) and item.text == flash


def test_one_short_paragraph_under_a_title_the_file_gives_is_kept(write):
    markdown = "# Cleverly lands in Beijing\n\nHe meets Wang Yi on Wednesday\n\nAdvertisement\n"
    assert isinstance(one(write("brief.md", markdown)), SourceText)
    record = {"title": "Cleverly in Beijing", "text": "He meets Wang Yi today\n\nAdvertisement"}
    assert isinstance(one(write("brief.json", json.dumps(record))), SourceText)


def test_a_lede_without_a_full_stop_is_not_taken_for_a_lone_headline(write):
    lede = (
        "Foreign Secretary James Cleverly arrived in Beijing on Wednesday for talks with Vice "
        "President Han Zheng and Foreign Minister Wang Yi on trade and security"
    )
    assert isinstance(one(write("lede.txt", f"{lede}\n\nAdvertisement\n\n03:26\n")), SourceText)


def test_unsupported_file_type_is_reported(write):
    item = one(write("notes.pdf", "%PDF"))
    assert isinstance(item, Rejected) and ".pdf" in item.reason


def test_missing_path_is_reported(tmp_path):
    item = one(tmp_path / "nope.txt")
    assert isinstance(item, Rejected) and "no such file" in item.reason


def test_markdown_front_matter_heading_and_links(write):
    text = (
        "---\ntitle: From front matter\npublished: 2023-05-06\nsource: The Paper\n---\n"
        "# A heading\n\nThe minister **met** [officials](https://x.org) in London today.\n"
    )
    article = one(write("a.md", text))
    assert isinstance(article, SourceText)
    assert article.title == "From front matter"
    assert article.published == dt.date(2023, 5, 6) and article.source == "The Paper"
    assert article.text == "The minister met officials in London today."


def test_folders_are_read_recursively_in_name_order(write):
    write("b/2.txt", "Second article body sentence here.")
    write("a/1.txt", "First article body sentence here.")
    write("a/.hidden.txt", "Never read.")
    items = list(read_articles([write("c.txt", "Third article body here.").parent]))
    assert [Path(i.path).name for i in items] == ["1.txt", "2.txt", "c.txt"]


def test_header_lines_before_the_first_blank_line_give_the_metadata(write):
    header = (
        "title: Britain and China resume trade talks\n"
        "source: Reuters\n"
        "url: https://example.com/news/trade-talks\n"
        "byline: Jane Doe\n"
        "date: 2023-05-06\n\n"
    )
    article = one(write("a.txt", header + BODY))
    assert isinstance(article, SourceText)
    assert article.title == "Britain and China resume trade talks"
    assert (article.source, article.url, article.byline) == (
        "Reuters",
        "https://example.com/news/trade-talks",
        "Jane Doe",
    )
    assert article.published == dt.date(2023, 5, 6)
    assert article.text.startswith("Officials met") and "Reuters" not in article.text


def test_a_header_date_without_a_colon_reads_as_the_date_line_always_has(write):
    article = one(write("a.txt", f"date 2023-05-06\nsource: AP\n\n{BODY}"))
    assert isinstance(article, SourceText)
    assert (article.published, article.source) == (dt.date(2023, 5, 6), "AP")


def test_a_first_paragraph_that_is_not_all_headers_is_text(write):
    text = f"Title: the talks went well, officials said.\nThey met in London.\n\n{BODY}"
    article = one(write("a.txt", text))
    assert isinstance(article, SourceText)
    assert article.text.startswith("Title: the talks went well")


def test_header_lines_without_a_blank_line_after_them_are_text(write):
    article = one(write("a.txt", "source: Reuters"))
    assert isinstance(article, SourceText) and article.source is None


def test_a_header_date_that_is_not_a_date_is_reported(write):
    article = one(write("a.txt", f"date: May 6th\n\n{BODY}"))
    assert isinstance(article, Rejected) and "is not an ISO date" in article.reason
