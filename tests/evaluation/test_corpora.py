"""Reading gold TLINKs: which events a corpus places at each time expression."""

from __future__ import annotations

from evaluation.corpora import read_tempeval

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2005-03-01">x</TIMEX3></DCT>
<TEXT>
Profits <EVENT eid="e1">rose</EVENT> in <TIMEX3 tid="t1" type="DATE" value="2004">2004</TIMEX3>,
up from a <EVENT eid="e2">loss</EVENT> in <TIMEX3 tid="t2" type="DATE" value="2003">2003</TIMEX3>.
Exports have <EVENT eid="e3">fallen</EVENT> since
<TIMEX3 tid="t3" type="DATE" value="2001">2001</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" pos="NOUN"/>
<MAKEINSTANCE eventID="e3" eiid="ei3" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="INCLUDES" timeID="t2" relatedToEventInstance="ei2"/>
<TLINK lid="l3" relType="AFTER" eventInstanceID="ei3" relatedToTime="t3"/>
</TimeML>
"""


def test_an_event_placed_at_a_time_is_read_from_either_side_of_the_tlink(tmp_path):
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    [doc] = read_tempeval(tmp_path)
    t1, t2, t3 = doc.timexes
    assert [doc.text[e : e + 4] for e in t1.events] == ["rose"] and t1.verbs == t1.events
    assert [doc.text[e : e + 4] for e in t2.events] == ["loss"] and t2.verbs == ()
    assert t3.events == ()  # AFTER does not place the event at the time
