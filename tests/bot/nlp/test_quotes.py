"""Quote extraction and attribution on short articles written for each pattern."""

from __future__ import annotations

from bot.records import Quote


def speakers(found: list[Quote]) -> list[str | None]:
    return [q.speaker for q in found]


def test_quote_then_said_and_surname(quotes):
    found = quotes(
        "Foreign Secretary James Cleverly met officials in Beijing.\n\n"
        "“We will keep raising human rights with China,” Cleverly said."
    )
    assert speakers(found) == ["James Cleverly"]
    assert found[0].speaker_mention == "Cleverly" and found[0].cue == "said"
    assert found[0].text == "We will keep raising human rights with China"


def test_said_before_the_name(quotes):
    found = quotes(
        "Alicia Kearns chairs the committee.\n\n"
        '"The strategy is buried deep in Whitehall and hidden from ministers," said Kearns.'
    )
    assert speakers(found) == ["Alicia Kearns"]


def test_pronoun_after_quote_resolves_to_last_named_speaker(quotes):
    found = quotes(
        "Wang Yiwei, a professor at Renmin University, said Britain wanted to do business.\n\n"
        "“It occurs against the backdrop of the conflict in Ukraine,” he said."
    )
    assert speakers(found) == ["Wang Yiwei"]
    assert found[0].speaker_mention == "he"


def test_surname_picks_the_nearest_person_of_that_name(quotes):
    found = quotes(
        "Wang Yi met the British delegation on Wednesday.\n\n"
        "Chinese Foreign Ministry spokesperson Wang Wenbin accused the lawmakers of meddling.\n\n"
        "“China urges the British parliament to adhere to the principle,” said Wang."
    )
    assert speakers(found) == ["Wang Wenbin"]


def test_honorific_and_surname_resolve_to_the_full_name(quotes):
    found = quotes(
        "Vice President Han Zheng met the foreign secretary.\n\n"
        "After meeting Mr Zheng, the minister spoke.\n\n"
        "“China views Britain as a strategic partner,” Mr Zheng said."
    )
    assert speakers(found) == ["Han Zheng"]


def test_role_resolves_to_the_person_introduced_with_it(quotes):
    found = quotes(
        "Foreign Secretary James Cleverly is in Beijing.\n\n"
        "“China is an important country, a large and influential country,” "
        "added the foreign secretary."
    )
    assert speakers(found) == ["James Cleverly"]


def test_quote_paragraph_without_cue_continues_the_previous_speaker(quotes):
    found = quotes(
        "Alicia Kearns, chair of the committee, spoke on Wednesday.\n\n"
        "“We are seeing increased espionage on British shores,” she said.\n\n"
        "“It is absolutely important that Britain has a role in the Pacific.”"
    )
    assert speakers(found) == ["Alicia Kearns", "Alicia Kearns"]


def test_multi_paragraph_quote_is_one_quote(quotes):
    found = quotes(
        "Kearns said the committee would publish its report.\n\n"
        "“We all know we are seeing increased espionage on British shores.\n\n"
        "“It is absolutely important that Britain stands up for the rule of law.”"
    )
    assert len(found) == 1
    assert found[0].text.startswith("We all know") and found[0].text.endswith("rule of law.")


def test_one_or_two_quoted_words_are_scare_quotes(quotes):
    found = quotes("Officials said relations were “positive” and “very important” this week.")
    assert found == []


def test_partial_quote_in_reported_speech_keeps_its_speaker(quotes):
    found = quotes(
        "James Cleverly gave a speech on Tuesday.\n\n"
        "Cleverly said it would be a “betrayal of the national interest” to isolate China."
    )
    assert len(found) == 1 and found[0].partial and found[0].speaker == "James Cleverly"


def test_a_name_never_expanded_stays_as_written(quotes):
    found = quotes("“Progress on the sanctions issue will depend on negotiations,” Ding said.")
    assert speakers(found) == ["Ding"]


def test_document_is_kept_as_the_mention_and_names_nobody(quotes):
    found = quotes("“Taiwan possesses all the qualifications for statehood,” the report states.")
    assert speakers(found) == [None]
    assert found[0].speaker_mention == "the report" and found[0].attribution is None


def test_straight_and_curly_quotes_are_both_found(quotes):
    found = quotes(
        '"We will talk again soon about trade," Smith said.\n\n'
        "“We hope for progress on climate,” Jones said."
    )
    assert speakers(found) == ["Smith", "Jones"]


def test_a_person_named_after_the_pronoun_cannot_be_its_antecedent(quotes):
    found = quotes(
        "Alicia Kearns chairs the foreign affairs committee.\n\n"
        "She said Prime Minister Rishi Sunak should meet Xi Jinping “if the opportunity "
        "arises at the summit”.\n\n"
        "“We all know we are seeing increased espionage on British shores.”"
    )
    assert speakers(found) == ["Alicia Kearns", "Alicia Kearns"]


def test_doubled_apostrophes_mark_a_quotation_as_in_nyt_archive_text(quotes):
    found = quotes(
        "President Barack Obama opened the museum on Saturday.\n\n"
        "''A museum alone will not alleviate poverty in every inner city,'' Mr. Obama said."
    )
    assert speakers(found) == ["Barack Obama"]
    assert found[0].text == "A museum alone will not alleviate poverty in every inner city"


def test_quote_signed_with_a_dash_takes_the_name_after_it(quotes):
    found = quotes(
        "Readers sent us their views.\n\n"
        "“He has said hateful things time and again about our communities.” ― Carlos Raul"
    )
    assert speakers(found) == ["Carlos Raul"]


def test_transcript_label_names_the_speaker(quotes):
    found = quotes(
        "Fox News host Chris Wallace interviewed the governor on Sunday.\n\n"
        '"WALLACE: Let us start with breaking news on the debate story tonight."'
    )
    assert speakers(found) == ["Chris Wallace"]


def test_relative_pronoun_subject_resolves_to_the_person_it_describes(quotes):
    found = quotes(
        "The plan drew praise from Kenneth Baer, who said: "
        "“It is a serious plan for the middle class.”"
    )
    assert speakers(found) == ["Kenneth Baer"]


def test_words_inside_the_quote_are_never_its_speaker(quotes):
    found = quotes(
        "Leslie Wimes leads the caucus in Florida.\n\n"
        '"Full panic mode, that is where the campaign is now," said Wimes.'
    )
    assert speakers(found) == ["Leslie Wimes"]


def test_person_named_after_a_role_naming_another_person_is_the_speaker(quotes):
    found = quotes(
        "Hillary Clinton rested at home on Monday.\n\n"
        '"She will be out there campaigning as aggressively as ever," '
        "Clinton campaign spokesman Brian Fallon said."
    )
    assert speakers(found) == ["Brian Fallon"]


def test_quote_paragraph_after_reported_speech_continues_that_speaker(quotes):
    found = quotes(
        "Brian Davidson said London hoped for a new chapter.\n\n"
        "“We are looking to lean back into a constructive engagement,” Davidson said.\n\n"
        "Wang Yiwei, a professor at Renmin University, spoke to reporters.\n\n"
        "Wang noted that Britain's economy was worse than that of other Western countries.\n\n"
        "“Britain's competitiveness has been weakened the most by the war.”"
    )
    assert speakers(found) == ["Brian Davidson", "Wang Yiwei"]


def test_a_short_title_in_capitals_is_not_a_quote(quotes):
    found = quotes(
        "The committee issued a report on the “Tilt to the Indo-Pacific” announced in 2021."
    )
    assert found == []


def test_a_name_the_model_misses_is_still_expanded_from_its_introduction(quotes):
    found = quotes(
        "Cui Hongjian, a specialist in European studies, said there are two preconditions.\n\n"
        "“It is pointless to arrange a visit just for the sake of visiting,” Cui said."
    )
    assert speakers(found) == ["Cui Hongjian"]


def test_according_to_names_the_speaker(quotes):
    found = quotes(
        "Yu Jie is a senior research fellow at Chatham House.\n\n"
        "According to Yu, “Beijing is firmly convinced that the UK is in close coordination.”"
    )
    assert speakers(found) == ["Yu Jie"]


def test_told_a_broadcaster_keeps_the_subject_as_speaker(quotes):
    found = quotes(
        "Foreign Secretary James Cleverly spoke after the talks.\n\n"
        "“I have raised human rights in every single one of those meetings,” he told Sky News."
    )
    assert speakers(found) == ["James Cleverly"] and found[0].cue == "told"


def test_description_speaker_is_the_mention_as_written_not_a_name(quotes):
    found = quotes(
        "The committee’s report said there was “confusion across Whitehall” about the policy."
    )
    assert speakers(found) == [None]
    assert found[0].speaker_mention == "The committee’s report" and found[0].partial


def test_partial_quote_after_a_defining_verb_keeps_its_speaker(quotes):
    found = quotes(
        "Prime Minister Rishi Sunak defined China as an “epoch-defining and systemic "
        "challenge” in March."
    )
    assert speakers(found) == ["Rishi Sunak"] and found[0].partial


def test_a_person_modifying_a_common_noun_is_not_the_speaker(quotes):
    found = quotes(
        "Hillary Clinton spoke in Ohio on Monday.\n\n"
        "“We are confident about the numbers in every state,” Clinton's campaign said."
    )
    assert speakers(found) == [None]
    assert found[0].speaker_mention == "Clinton's campaign"


def test_a_role_naming_someone_else_resolves_to_the_name_after_it(quotes):
    found = quotes(
        "Ted Cruz held a town hall in Houston.\n\n"
        "“He never answered the question about health care,” Cruz constituent Dan Golvach said."
    )
    assert speakers(found) == ["Dan Golvach"]


def test_a_party_tag_in_parentheses_is_not_the_speaker(quotes):
    found = quotes(
        "“We will win this state in November and then the country,” "
        "Gov. John Kasich (R-OH) said on Tuesday."
    )
    assert speakers(found) == ["John Kasich"]


def test_a_name_and_colon_before_the_quote_names_the_speaker(quotes):
    found = quotes(
        "Jeb Bush and Hillary Clinton reject the term containment.\n\n"
        'Clinton: "Our goal is not to deter or contain ISIS, but to defeat it." '
        'Bush: "The mission is to destroy ISIS, not to contain it."'
    )
    assert speakers(found) == ["Hillary Clinton", "Jeb Bush"]


def test_mixed_curly_and_straight_marks_close_the_quotation(quotes):
    found = quotes(
        "Donald Trump spoke after Bernie Sanders.\n\n"
        '“I heard parts of Bernie’s speech," Trump said. "He wants to give away our country.”'
    )
    assert [q.text for q in found] == [
        "I heard parts of Bernie’s speech",
        "He wants to give away our country.",
    ]
    assert speakers(found) == ["Donald Trump", "Donald Trump"]


def test_an_evaluative_verb_with_a_partial_quote_keeps_its_subject(quotes):
    found = quotes(
        "Ted Cruz blamed the anti-fracking law on “knuckleheaded Democratic politicians.”"
    )
    assert speakers(found) == ["Ted Cruz"] and found[0].partial


def test_a_paragraph_ending_in_a_colon_hands_its_subject_to_the_quote_after_it(quotes):
    found = quotes(
        "Parker Eaton, 81, said he liked the governor.\n\n"
        "“He is a good man and a good leader for this state,” Eaton said.\n\n"
        "Jared Potts, a student at the high school, echoed:\n\n"
        "“He speaks his mind, and I think that might be what the country needs.”"
    )
    assert speakers(found) == ["Parker Eaton", "Jared Potts"]


def test_a_cue_in_the_quotes_own_sentence_beats_a_nearer_one_before_it(quotes):
    found = quotes(
        "Donald Trump and Hillary Clinton campaigned in Ohio.\n\n"
        "Trump said the polls were rigged. "
        "“We will win this state and then we will win the country,” Clinton said."
    )
    assert speakers(found) == ["Hillary Clinton"]


def test_a_name_after_a_role_beats_an_earlier_holder_of_that_role(quotes):
    found = quotes(
        "Wisconsin Gov. Jim Doyle backed the ticket early.\n\n"
        "“He is reprising the role he played in two campaigns,” said former Pennsylvania "
        "Gov. Ed Rendell."
    )
    assert speakers(found) == ["Ed Rendell"]


def test_a_name_in_quotation_marks_inside_the_subject_is_not_the_speaker(quotes):
    found = quotes(
        "“We have had more successful conventions than this one,” delegate Bill Eastland, "
        "wearing “Ted Cruz” pins, said."
    )
    assert speakers(found) == ["Bill Eastland"]


def test_as_someone_put_it_is_a_cue(quotes):
    found = quotes(
        "Or, as Tom Ridge, a former secretary of homeland security, put it: "
        "“The barbarians are no longer at the gate. They are inside.”"
    )
    assert speakers(found) == ["Tom Ridge"]


def test_a_colon_hands_the_clause_subject_to_the_quote(quotes):
    found = quotes(
        "Bernie Sanders delivered a snappy retort: “No one is tearing this up. We are going "
        "to go forward.”"
    )
    assert speakers(found) == ["Bernie Sanders"]


def test_a_colon_after_a_non_person_subject_names_no_speaker(quotes):
    found = quotes(
        "The timing of the surge does not surprise the pollster: “Lesser-known candidates "
        "have seen the biggest boost in their national support.”"
    )
    assert speakers(found) == [None]


def test_a_name_with_a_party_tag_and_a_colon_labels_the_quote(quotes):
    found = quotes(
        "The hearing ran late into the evening.\n\n"
        'Rep. Trey Gowdy (R-S.C.): "I have not heard anyone other than you ever cite that figure."'
    )
    assert speakers(found) == ["Trey Gowdy"]


def test_the_listener_after_told_is_never_the_speaker(quotes):
    found = quotes(
        "“We were tremendously wrong to not have confronted him from the beginning,” "
        "Jorge Ramos, 58, told AFP in an interview in Mexico City on Monday."
    )
    assert speakers(found) != ["AFP"]


def test_a_title_before_a_bare_surname_is_not_taken_for_a_given_name(quotes):
    found = quotes(
        "“We will keep raising human rights with China,” Foreign Secretary Cleverly said."
    )
    assert speakers(found) == ["Cleverly"]


def test_a_bare_quote_after_unrelated_narrative_gets_no_guessed_speaker(quotes):
    found = quotes(
        "“We will win the state,” Senator Harry Reid said.\n\n"
        "Other news organizations have asked for copies of the speeches as well.\n\n"
        "“I went to Wall Street before the crash and warned them about mortgages.”"
    )
    assert speakers(found) == ["Harry Reid", None]


def test_a_floating_quote_follows_the_main_reporting_verb_not_an_embedded_one(quotes):
    found = quotes(
        "Defense Secretary Ash Carter spoke in Singapore.\n\n"
        "Carter said that for decades some critics had been predicting a withdrawal.\n\n"
        "“This region remains the most consequential for America's own security.”"
    )
    assert speakers(found) == ["Ash Carter"]


def test_pronoun_in_the_reporting_sentence_is_its_main_subject(quotes):
    found = quotes(
        "Ted Cruz campaigned in Iowa.\n\n"
        "Cruz spokesman Rick Tyler said that the campaign will show that Cruz has "
        "“guiding principles to make critical decisions as president,” he said."
    )
    assert speakers(found) == ["Rick Tyler"]


def test_a_partial_quote_without_a_cue_belongs_to_the_person_the_sentence_is_about(quotes):
    found = quotes(
        "Muhammad Babar spoke at the memorial in Louisville.\n\n"
        "Babar pondered who, without Ali, might “testify for our innocence in this season of "
        "witch hunting.”"
    )
    assert speakers(found) == ["Muhammad Babar"] and found[0].partial


def test_a_partial_quote_in_a_sentence_about_a_thing_gets_no_speaker(quotes):
    found = quotes(
        "The balloons cascaded down on the crowd as “I will fight for you” played again."
    )
    assert speakers(found) == [None]
