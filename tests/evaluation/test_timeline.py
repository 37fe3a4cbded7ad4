from __future__ import annotations

from evaluation.corpora import read_tempeval
from evaluation.timeline import main, normalise, score, table

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-05-06">x</TIMEX3></DCT>
<TEXT>
Han Zheng arrived in London on <TIMEX3 tid="t1" type="DATE" value="2023-05-04">Thursday</TIMEX3>.
Cleverly spoke <TIMEX3 tid="t2" type="DATE" value="2023-W17">last week</TIMEX3> in London.
Ties have suffered <TIMEX3 tid="t3" type="DATE" value="PAST_REF">recently</TIMEX3> &amp; more.
The coronation is <TIMEX3 tid="t4" type="DATE" value="2023-05-06">today</TIMEX3>.
</TEXT></TimeML>
"""


def test_gold_spans_are_read_from_timeml_with_their_plain_text_offsets(tmp_path):
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    [doc] = read_tempeval(tmp_path)
    assert str(doc.created) == "2023-05-06"
    assert [doc.text[t.start : t.end] for t in doc.timexes] == [
        "Thursday", "last week", "recently", "today"
    ]  # fmt: skip


def test_resolution_is_scored_by_kind_and_precision_with_vague_left_unplaced(tmp_path, nlp):
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    tally = score(read_tempeval(tmp_path), nlp)
    assert (tally.total["all"], tally.span["all"]) == (3, 3)
    assert (tally.total["weekday"], tally.total["p:week"], tally.span["vague"]) == (1, 1, 1)
    assert "all" in table("sample", tally)


def test_open_and_reference_values_are_not_concrete_dates():
    assert normalise("PRESENT_REF") is None and normalise("1989-WXX") is None
    assert normalise("2000-W7") == "2000-W07" and normalise("1998-03-05TNI") == "1998-03-05"


def test_a_missing_data_folder_is_reported_not_crashed(tmp_path, capsys):
    assert main(["--tempeval", str(tmp_path / "absent")]) == 1
    assert "is not a folder" in capsys.readouterr().err


LINKED = """<?xml version="1.0" ?>
<TimeML><DOCID>Y</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2005-03-01">x</TIMEX3></DCT>
<TEXT>
Profits <EVENT eid="e1">rose</EVENT> in <TIMEX3 tid="t1" type="DATE" value="2004">2004</TIMEX3>.
Exports have <EVENT eid="e2">fallen</EVENT> since
<TIMEX3 tid="t2" type="DATE" value="2001">2001</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="AFTER" eventInstanceID="ei2" relatedToTime="t2"/>
</TimeML>
"""


def test_attachment_counts_entries_against_the_gold_links_beside_every_placed_date(tmp_path, nlp):
    (tmp_path / "a.tml").write_text(LINKED, encoding="utf-8")
    attached = score(read_tempeval(tmp_path), nlp).attached
    assert (attached.linked, attached.placed, attached.placed_linked) == (1, 2, 1)
    assert (attached.entries, attached.entries_linked, attached.linked_entries) == (1, 1, 1)
    assert attached.by_rule == {"event/verb": 1, "period/since": 1}
    assert "precision, entries" in table("sample", score(read_tempeval(tmp_path), nlp))
