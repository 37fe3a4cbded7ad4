"""The Slack app end to end: signed HTTP requests in, a local fake Slack Web API out."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bot.services import Services
from handlers.app import warm_up
from tests.handlers.served import ROOT_CHANNEL, Bot, drop_table


def _text(blocks: list[dict[str, Any]]) -> str:
    parts = []
    for block in blocks:
        if "text" in block:
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            text = element.get("text", "")  # a context block's mrkdwn, or a button's label
            parts.append(text if isinstance(text, str) else text.get("text", ""))
    return "\n".join(parts)


def _shared_brief(bot: Bot, query: str) -> str:
    """`/china-brief share QUERY`, once the bot has posted it and recorded its thread."""
    from bot.store.threads import find_thread

    bot.command(f"share {query}")
    bot.slack.wait_for("chat.postMessage")
    root_ts = str(bot.slack.history[ROOT_CHANNEL][0]["ts"])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with bot.services.sessions() as session:
            if find_thread(session, ROOT_CHANNEL, root_ts) is not None:
                return root_ts
        time.sleep(0.02)
    raise AssertionError("the shared brief's thread was never recorded")


def _mrkdwn(blocks: list[dict[str, Any]]) -> list[str]:
    found = []
    for block in blocks:
        for obj in [block.get("text") or {}] + list(block.get("elements", [])):
            if obj.get("type") == "mrkdwn":
                found.append(obj["text"])
    return found


def _thread_reply(message: str) -> dict[str, Any]:
    return {"type": "message", "channel": ROOT_CHANNEL, "user": "U0EDITOR", "text": message}


def test_brief_command_acks_within_three_seconds_and_delivers_all_sections(bot: Bot) -> None:
    status, seconds = bot.command("human rights")
    assert status == 200 and seconds < 3.0
    (call,) = bot.slack.wait_for("response_url")
    assert call.body["response_type"] == "ephemeral"
    text = _text(call.body["blocks"])
    for section in ("*Summary*", "*Quotes*", "*Timeline*"):
        assert section in text
    assert "human rights" in text and "Alicia Kearns" in text
    assert "Share in channel" in text  # a private brief offers to share itself
    assert call.body["text"].startswith("Brief: human rights")


def test_query_text_is_escaped_so_it_cannot_ping_the_channel(bot: Bot) -> None:
    bot.command("<!channel> Taiwan")
    (call,) = bot.slack.wait_for("response_url")
    mrkdwn = [call.body["text"]] + _mrkdwn(call.body["blocks"])
    assert not any("<!channel>" in text for text in mrkdwn)
    assert "&lt;!channel&gt; Taiwan" in call.body["text"]
    # the header is plain_text, which Slack never parses for mentions
    assert call.body["blocks"][0]["text"]["type"] == "plain_text"


def test_unknown_topic_answers_with_the_editor_worded_error(bot: Bot) -> None:
    bot.command("Taiwn")
    (call,) = bot.slack.wait_for("response_url")
    assert "Did you mean 'Taiwan'?" in call.body["text"]


def test_share_posts_the_brief_to_the_channel_as_the_bot(bot: Bot) -> None:
    bot.command("share human rights")
    (post,) = bot.slack.wait_for("chat.postMessage")
    assert post.body["channel"] == ROOT_CHANNEL and "thread_ts" not in post.body
    assert "*Quotes*" in _text(post.body["blocks"])
    assert "Share in channel" not in _text(post.body["blocks"])


def test_thread_reply_about_a_speaker_is_answered_in_that_thread_with_her_quotes(
    bot: Bot,
) -> None:
    root_ts = _shared_brief(bot, "human rights")
    root = bot.slack.calls_to("chat.postMessage")[0]
    reply = _thread_reply("what did Kearns say?") | {"ts": "1800000000.1", "thread_ts": root_ts}
    assert bot.event(reply, "Ev0KEARNS")[0] == 200
    answer = bot.slack.wait_for("chat.postMessage", 2)[1]
    assert root.body.get("thread_ts") is None and answer.body["thread_ts"] == root_ts
    text = _text(answer.body["blocks"])
    assert "Quotes from Kearns" in text
    assert text.count("*Alicia Kearns*") >= 3 and "*James Cleverly*" not in text


def test_follow_ups_carry_the_thread_topic_over(bot: Bot) -> None:
    root_ts = _shared_brief(bot, "human rights")
    bot.event(_thread_reply("when was that?") | {"ts": "1800000000.2", "thread_ts": root_ts}, "E1")
    answer = bot.slack.wait_for("chat.postMessage", 2)[1]
    assert "Timeline: human rights" in _text(answer.body["blocks"])


def test_a_retried_event_is_answered_once(bot: Bot) -> None:
    root_ts = _shared_brief(bot, "human rights")
    reply = _thread_reply("who said that?") | {"ts": "1800000000.3", "thread_ts": root_ts}
    bot.event(reply, "Ev0RETRY")
    bot.slack.wait_for("chat.postMessage", 2)
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    later_ts = int(time.time()) + 1  # a retry is a new request: its own timestamp and signature
    assert bot.event(reply, "Ev0RETRY", headers=retry, timestamp=later_ts)[0] == 200
    later = _thread_reply("when was that?") | {"ts": "1800000000.4", "thread_ts": root_ts}
    bot.event(later, "Ev0LATER")
    bot.slack.wait_for("chat.postMessage", 3)
    time.sleep(0.3)
    replies = [c for c in bot.slack.calls_to("chat.postMessage") if c.body.get("thread_ts")]
    assert len(replies) == 2


def test_the_same_event_reaching_two_bot_processes_is_answered_once(
    bot: Bot, twin: Bot, slack: Any
) -> None:
    root_ts = _shared_brief(bot, "human rights")
    reply = _thread_reply("who said that?") | {"ts": "1800000000.5", "thread_ts": root_ts}
    bot.event(reply, "Ev0TWICE")
    retry = {"X-Slack-Retry-Num": "1"}
    twin.event(reply, "Ev0TWICE", headers=retry, timestamp=int(time.time()) + 1)
    slack.wait_for("chat.postMessage", 2)
    time.sleep(0.5)
    assert len(slack.calls_to("chat.postMessage")) == 2


def test_bots_and_threads_it_did_not_start_are_ignored_unless_mentioned(bot: Bot) -> None:
    foreign = {"ts": "1800000000.6", "thread_ts": "1700000000.999"}
    bot.event(_thread_reply("what did Kearns say?") | foreign, "Ev0FOREIGN")
    bot.event(_thread_reply("hi") | foreign | {"bot_id": "B2", "ts": "1.7"}, "Ev0BOT")
    mention = {"type": "app_mention", "channel": ROOT_CHANNEL, "user": "U0EDITOR"}
    mention |= {"text": "<@UBOT> Taiwan", "ts": "1800000000.8", "thread_ts": "1700000000.999"}
    bot.event(mention, "Ev0MENTION")
    (answer,) = bot.slack.wait_for("chat.postMessage")
    time.sleep(0.3)
    assert len(bot.slack.calls_to("chat.postMessage")) == 1
    assert answer.body["thread_ts"] == "1700000000.999"
    assert "Brief: Taiwan" in _text(answer.body["blocks"])


def test_more_quotes_button_answers_privately_with_every_matching_quote(bot: Bot) -> None:
    assert bot.click("more_quotes", "human rights")[0] == 200
    (call,) = bot.slack.wait_for("response_url")
    assert call.body["response_type"] == "ephemeral"
    assert "Quotes: human rights" in _text(call.body["blocks"])


def test_share_button_posts_to_the_channel_and_removes_the_private_copy(bot: Bot) -> None:
    bot.click("share_brief", "human rights")
    (post,) = bot.slack.wait_for("chat.postMessage")
    assert post.body["channel"] == ROOT_CHANNEL
    (deleted,) = bot.slack.wait_for("response_url")
    assert deleted.body.get("delete_original") is True


def test_sources_and_help_answer_privately(bot: Bot) -> None:
    bot.command("sources")
    (call,) = bot.slack.wait_for("response_url")
    assert "5 articles" in _text(call.body["blocks"]) and "UPI" in _text(call.body["blocks"])
    bot.command("help")
    assert "digest subscribe" in bot.slack.wait_for("response_url", 2)[1].body["text"]


def test_digest_subscribe_stores_the_schedule_and_rejects_a_bad_zone(
    bot: Bot, corpus: Services
) -> None:
    from bot.store.digests import subscription

    bot.command("digest subscribe 07:30 Europe/London")
    assert "07:30 Europe/London" in bot.slack.wait_for("response_url")[0].body["text"]
    with corpus.sessions() as session:
        sub = subscription(session, ROOT_CHANNEL)
    assert sub is not None and sub.at.strftime("%H:%M") == "07:30"
    bot.command("digest subscribe 07:30 Mars/Olympus")
    assert "not a time zone" in bot.slack.wait_for("response_url", 2)[1].body["text"]


def test_an_unexpected_error_is_logged_once_with_its_traceback(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    broken = {"type": "message", "user": "U0EDITOR", "text": "hi", "ts": "1.1", "thread_ts": "1.0"}
    with caplog.at_level("ERROR", logger="handlers.app"):
        assert bot.event(broken, "Ev0BROKEN")[0] == 200  # no channel: a malformed payload
        deadline = time.monotonic() + 5
        while not caplog.records and time.monotonic() < deadline:
            time.sleep(0.02)
    (record,) = caplog.records
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    assert "unhandled error while handling event_callback" in record.getMessage()


def test_quotes_subcommand_reads_its_text_as_a_speaker_then_as_a_topic(bot: Bot) -> None:
    bot.command("quotes Kearns")
    by_speaker = _text(bot.slack.wait_for("response_url")[0].body["blocks"])
    assert "*Alicia Kearns*" in by_speaker and "*James Cleverly*" not in by_speaker
    bot.command("quotes espionage")
    on_topic = _text(bot.slack.wait_for("response_url", 2)[1].body["blocks"])
    assert "espionage" in on_topic


def test_quotes_by_a_surname_three_people_share_say_so_above_their_quotes(bot: Bot) -> None:
    bot.command("quotes Wang")
    shown = _text(bot.slack.wait_for("response_url")[0].body["blocks"])
    assert "'Wang' matches 3 people: Wang Yi, Wang Yiwei and Wang Wenbin" in shown
    assert shown.index("matches 3 people") < shown.index("*Wang Yi*")


def test_a_long_quote_list_comes_a_page_at_a_time_with_a_next_button(bot: Bot) -> None:
    bot.command("quotes")  # all 45 quotes in the seeds
    first = bot.slack.wait_for("response_url")[0].body["blocks"]
    assert "1–25 of 45. 20 more." in _text(first)
    (button,) = [e for b in first if b["type"] == "actions" for e in b["elements"]]
    assert bot.click(button["action_id"], button["value"])[0] == 200
    second = bot.slack.wait_for("response_url", 2)[1].body
    assert second["response_type"] == "ephemeral" and "26–45 of 45." in _text(second["blocks"])
    assert not [b for b in second["blocks"] if b["type"] == "actions"]
    bot.click(button["action_id"], "not a page")
    assert "run the command again" in bot.slack.wait_for("response_url", 3)[2].body["text"]


def test_a_thread_answers_next_page_keeps_the_speakers_on_topic_quotes_first(bot: Bot) -> None:
    from bot.render.blocks import NEXT_PAGE, Page

    bot.click(NEXT_PAGE, Page("speaker", "Cleverly", 10, topic="human rights").button_value())
    shown = bot.slack.wait_for("response_url")[0].body["blocks"]
    assert shown[0]["text"]["text"] == "Quotes from Cleverly on human rights"
    assert "11–14 of 14." in _text(shown)  # his 14 quotes, those on human rights first


def test_timeline_subcommand_and_button_list_dated_events(bot: Bot) -> None:
    bot.command("timeline")
    whole = _text(bot.slack.wait_for("response_url")[0].body["blocks"])
    assert "Timeline: whole corpus" in whole and "*2018*" in whole and "*2022*" in whole
    assert "*1930s*" not in whole  # a comparison Duncan Smith drew, no event of the 1930s
    bot.click("full_timeline", "human rights")
    assert "*30 Aug 2023*" in _text(bot.slack.wait_for("response_url", 2)[1].body["blocks"])


def test_digest_preview_shows_the_digest_privately_and_posts_nothing(bot: Bot) -> None:
    bot.command("digest preview")
    assert "no digest" in bot.slack.wait_for("response_url")[0].body["text"]
    bot.command("digest subscribe 00:00 UTC")
    bot.slack.wait_for("response_url", 2)
    bot.command("digest preview")
    preview = bot.slack.wait_for("response_url", 3)[2]
    assert preview.body["response_type"] == "ephemeral"
    assert "Notable quotes" in _text(preview.body["blocks"])
    bot.command("digest unsubscribe")
    assert bot.slack.wait_for("response_url", 4)[3].body["text"] == "Digest stopped."
    assert bot.slack.calls_to("chat.postMessage") == []


def test_a_reply_the_database_does_not_know_is_traced_to_the_briefs_metadata(bot: Bot) -> None:
    from sqlalchemy import delete

    from bot.store.schema import ThreadRow

    root_ts = _shared_brief(bot, "human rights")
    with bot.services.sessions.begin() as session:  # as if the reply beat the thread's record
        session.execute(delete(ThreadRow))
    reply = _thread_reply("what did Kearns say?") | {"ts": "1800000000.9", "thread_ts": root_ts}
    bot.event(reply | {"parent_user_id": "UBOT"}, "Ev0RACE")
    answer = bot.slack.wait_for("chat.postMessage", 2)[1]
    assert answer.body["thread_ts"] == root_ts
    assert "Quotes from Kearns on human rights" in _text(answer.body["blocks"])


def test_a_reply_under_a_bot_message_that_is_not_a_brief_is_ignored(bot: Bot) -> None:
    bot.slack.history[ROOT_CHANNEL] = [{"ts": "1700000000.5", "text": "a digest", "bot_id": "B"}]
    reply = _thread_reply("who said that?") | {"ts": "1800000001.0", "thread_ts": "1700000000.5"}
    bot.event(reply | {"parent_user_id": "UBOT"}, "Ev0DIGESTREPLY")
    bot.slack.wait_for("conversations.replies")
    time.sleep(0.3)
    assert bot.slack.calls_to("chat.postMessage") == []


def test_quotes_by_any_form_of_a_name_find_one_person_across_outlets(bot: Bot) -> None:
    bot.command("quotes Cleverly")
    bot.command("quotes Foreign Secretary James Cleverly")
    short, full = (_text(c.body["blocks"]) for c in bot.slack.wait_for("response_url", 2))
    assert "matches" not in short + full  # one person, however named
    quoted = [[line for line in t.splitlines() if line.startswith("> ")] for t in (short, full)]
    assert quoted[0] and quoted[0] == quoted[1]
    # 000 only ever writes "Cleverly"; the corpus knows one quoted Cleverly, so all are his.
    assert "*James Cleverly*" in short and "*Cleverly*" not in short
    assert "clear-eyed" in short and "*Alicia Kearns*" not in short


def test_an_unexpected_failure_still_tells_the_user_and_is_logged(
    bot: Bot, corpus: Services, caplog: pytest.LogCaptureFixture
) -> None:
    drop_table(corpus, "quotes")
    with caplog.at_level("ERROR", logger="handlers.app"):
        assert bot.command("sanctions on British MPs")[0] == 200
        (reply,) = bot.slack.wait_for("response_url")
        deadline = time.monotonic() + 5
        while not caplog.records and time.monotonic() < deadline:
            time.sleep(0.02)
    assert "Something went wrong on our side" in reply.body["text"]
    assert caplog.records and caplog.records[0].exc_info is not None


def test_warm_up_loads_query_spacy_and_the_index_before_the_first_question(
    corpus: Services,
) -> None:
    assert not corpus.ready
    warm_up(corpus).join(timeout=60)
    assert corpus.ready and corpus.index.loaded


def test_a_failed_warm_up_is_logged_and_leaves_the_bot_not_ready(
    corpus: Services, caplog: pytest.LogCaptureFixture
) -> None:
    drop_table(corpus, "sentences")
    with caplog.at_level("ERROR", logger="handlers.app"):
        warm_up(corpus).join(timeout=60)
    assert not corpus.ready
    assert "could not load spaCy or the index" in caplog.text
    assert caplog.records[0].exc_info is not None
