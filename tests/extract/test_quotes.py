"""Quotes on hand-written sentences: one test per construction, plus hostile inputs."""

from __future__ import annotations

import time

from newsevents import nlp
from newsevents.extract.quotes import extract_quotes, find_quoted
from newsevents.records import Actor, Mention, Quote


def quotes(text: str, actors: list[Actor] | None = None) -> list[Quote]:
    found = extract_quotes(nlp.parse(text), actors=actors or [])
    for q in found:
        assert q.text == text[q.start : q.end]
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert m.text == text[m.start : m.end]
    return found


def actor(text: str, id_: str, name: str, *words: str, type_: str = "person") -> Actor:
    """An actor whose mentions are every occurrence of ``words`` in ``text``."""
    mentions = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            mentions.append(Mention.of(text, start, start + len(word)))
            start = text.find(word, start + 1)
    return Actor(id=id_, name=name, type=type_, mentions=mentions)


def test_direct_quote_with_curly_marks_and_inverted_attribution() -> None:
    text = "The talks stalled on Monday.\n\n“We will not sign this,” said Anna Berg, the envoy."
    (q,) = quotes(text)
    assert q.kind == "direct"
    assert q.text == "“We will not sign this,”"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Anna Berg"
    assert q.cue == "said"


def test_straight_marks_and_actor_speaker() -> None:
    text = 'The mayor spoke briefly. "The bridge will reopen in May," she told reporters.'
    mayor = actor(text, "person:mayor", "Mayor", "The mayor", "she")
    (q,) = quotes(text, [mayor])
    assert q.text == '"The bridge will reopen in May,"'
    assert q.speaker == "person:mayor"
    assert q.channel == "reporters"


def test_split_quote_is_one_quote_covering_both_pieces() -> None:
    text = '"We tried for months," he said, "but nobody answered our letters."'
    (q,) = quotes(text)
    assert q.start == 0 and q.end == len(text)
    assert q.kind == "direct" and q.speaker_mention and q.speaker_mention.text == "he"
    assert q.cue == "said"


def test_multi_paragraph_quote_reopens_without_closing() -> None:
    text = (
        'The minister said:\n\n"The first stage ends in June.\n\n'
        '"The second stage begins after the elections."\n\nThe opposition disagreed.'
    )
    found = quotes(text)
    direct = [q for q in found if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].text.startswith('"The first stage') and direct[0].text.endswith('elections."')
    assert direct[0].speaker_mention and direct[0].speaker_mention.text == "The minister"


def test_unbalanced_mark_stops_at_the_paragraph() -> None:
    text = (
        '"This is a disaster for the farmers, said the union leader.\n\n'
        "Prices fell by a third in the spring.\n\nThe government promised help."
    )
    spans = find_quoted(text)
    assert spans and all("\n" not in text[s.start : s.end] for s in spans)
    for q in quotes(text):
        assert "Prices fell" not in q.text


def test_nested_and_stray_marks_do_not_crash() -> None:
    text = 'He said "the word “peace” is "overused" today. ” And then "\n\n" left.'
    quotes(text)  # no exception, offsets checked in quotes()


def test_partial_quote_attributed_by_an_as_clause_with_channel() -> None:
    text = 'The city styles itself a safe "harbour of calm," as described by Mayor Lena Holm on X.'
    (q,) = quotes(text)
    assert q.kind == "partial"
    assert "harbour of calm" in q.text
    assert q.speaker_mention and q.speaker_mention.text == "Mayor Lena Holm"
    assert q.channel == "X"


def test_scare_quotes_are_not_quotes() -> None:
    text = 'The so-called "peace plan" was drafted by a committee of experts in the capital.'
    assert quotes(text) == []


def test_indirect_quote_after_a_speech_verb() -> None:
    text = "The general warned that the army would respond to any attack on the border."
    (q,) = quotes(text)
    assert q.kind == "indirect"
    assert q.text == "that the army would respond to any attack on the border"
    assert q.speaker_mention and q.speaker_mention.text == "The general"
    assert q.cue == "warned"


def test_attribution_appended_to_the_content() -> None:
    text = "Three bridges were destroyed in the night, local officials said."
    (q,) = quotes(text)
    assert q.text == "Three bridges were destroyed in the night"
    assert q.speaker_mention and q.speaker_mention.text == "local officials"


def test_according_to() -> None:
    text = "According to the health ministry, forty people were injured in the blast."
    (q,) = quotes(text)
    assert q.cue == "According to"
    assert q.text == "forty people were injured in the blast"
    assert q.speaker_mention and "health ministry" in q.speaker_mention.text


def test_colon_attribution() -> None:
    text = 'The prime minister said: "Our borders stay open to trade."'
    (q,) = quotes(text)
    assert q.kind == "direct" and q.text == '"Our borders stay open to trade."'
    assert q.speaker_mention and q.speaker_mention.text == "The prime minister"


def test_apposition_gives_the_name() -> None:
    text = "Hugh Hill, a doctor at the clinic, said the wounded were all stable."
    (q,) = quotes(text)
    assert q.speaker_mention and q.speaker_mention.text == "Hugh Hill"
    assert q.text == "the wounded were all stable"


def test_pronoun_speaker_resolved_through_actors() -> None:
    text = "Olaf Brandt arrived late. He said the budget had been cut twice."
    brandt = actor(text, "person:olaf-brandt", "Olaf Brandt", "Olaf Brandt", "He")
    (q,) = quotes(text, [brandt])
    assert q.speaker == "person:olaf-brandt"
    assert q.speaker_mention and q.speaker_mention.text == "He"


def test_follow_on_quote_inherits_the_speaker() -> None:
    text = (
        '"The harvest was the worst in ten years," said Maria Lopez, a farmer.\n\n'
        '"We lost almost everything we planted in the north fields."'
    )
    found = quotes(text)
    assert len(found) == 2
    assert all(q.speaker_mention and q.speaker_mention.text == "Maria Lopez" for q in found)


def test_nested_attribution_belongs_to_the_outer_speaker() -> None:
    text = "The aide told reporters that the president warned the deal would collapse."
    (q,) = quotes(text)
    assert q.speaker_mention and q.speaker_mention.text == "The aide"
    assert q.text == "that the president warned the deal would collapse"
    assert q.channel == "reporters"


def test_reported_by_an_outlet() -> None:
    text = "As reported by the Daily Planet, the senator revealed that she would resign."
    outlet = actor(text, "media:daily-planet", "Daily Planet", "Daily Planet", type_="media")
    senator = actor(text, "person:senator", "Senator", "the senator")
    (q,) = quotes(text, [outlet, senator])
    assert q.speaker == "person:senator"
    assert q.reported_by == "media:daily-planet"
    assert q.text == "that she would resign"


def test_channel_on_a_platform() -> None:
    text = "The president announced on Truth Social that the summit would take place in May."
    (q,) = quotes(text)
    assert q.channel == "Truth Social"
    assert q.cue == "announced"


def test_dash_signature() -> None:
    text = "“The city has changed beyond recognition in a single year.” ― Tomas Weber\n"
    (q,) = quotes(text)
    assert q.speaker_mention and q.speaker_mention.text == "Tomas Weber"


def test_ids_in_text_order() -> None:
    text = (
        "The governor said the roads would reopen soon. "
        '"We need patience," the mayor added. Police said two men were arrested.'
    )
    found = quotes(text)
    assert [q.id for q in found] == [f"q{n}" for n in range(1, len(found) + 1)]
    assert [q.start for q in found] == sorted(q.start for q in found)


def test_two_hundred_paragraphs_stay_fast_and_valid() -> None:
    paragraph = (
        '"The supply lines are holding," said Colonel Ivo Marsh. '
        "Officials said convoys reached the valley, according to the regional office. "
        'A "temporary" shelter opened.'
    )
    text = "\n\n".join([paragraph] * 200) + '\n\n"An unclosed mark at the very end'
    doc = nlp.parse(text)
    start = time.perf_counter()
    found = extract_quotes(doc, actors=[])
    assert time.perf_counter() - start < 5.0
    assert len(found) >= 400
    for q in found:
        assert q.text == text[q.start : q.end]
        assert "\n" not in q.text


# ----------------------------------------------------------------- added constructions


def one(found: list[Quote], cue: str) -> Quote:
    (q,) = [q for q in found if q.cue == cue]
    return q


def test_parenthetical_attribution_takes_the_longer_side() -> None:
    text = "The new bridge, the mayor said, will carry twice as many cars as the old one."
    q = one(quotes(text), "said")
    assert q.text == "will carry twice as many cars as the old one"
    assert q.speaker_mention and q.speaker_mention.text == "the mayor"


def test_appended_attribution_after_a_cue_verb_of_the_content() -> None:
    text = "Those talks are continuing, he said."
    (q,) = quotes(text)
    assert q.text == "Those talks are continuing" and q.cue == "said"


def test_it_as_subject_of_an_active_speech_verb() -> None:
    text = "The lawsuit was filed on Monday. It says the company broke the safety rules."
    q = one(quotes(text), "says")
    assert q.text == "the company broke the safety rules"
    assert q.speaker_mention and q.speaker_mention.text == "It"


def test_it_is_said_has_no_speaker() -> None:
    assert not quotes("It is said that the castle is haunted.")


def test_topic_of_a_preposition_verb() -> None:
    found = quotes("The senator spoke of the hardships facing farmers in the valley.")
    q = one(found, "spoke")
    assert q.text == "the hardships facing farmers in the valley"
    warned = one(quotes("The minister warned against hasty cuts to the budget."), "warned")
    assert warned.text == "hasty cuts to the budget"


def test_spoke_without_a_topic_is_not_a_cue() -> None:
    assert not quotes("The senator spoke for an hour in the town hall.")


def test_directive_with_addressee_and_infinitive() -> None:
    found = quotes("The governor told his aides to prepare a new budget.")
    q = one(found, "told")
    assert q.text == "to prepare a new budget"
    assert q.speaker_mention and q.speaker_mention.text == "The governor"


def test_questioned_whether_and_questioned_an_object() -> None:
    q = one(quotes("Mr. Ortiz questioned whether the vote was fair."), "questioned")
    assert q.text == "whether the vote was fair"
    q = one(quotes("Mr. Ortiz questioned the integrity of the count."), "questioned")
    assert q.text == "the integrity of the count"


def test_that_clause_kept_whatever_the_subject_but_not_for_evidence() -> None:
    q = one(quotes("Most analysts agreed that the plan would raise prices."), "agreed")
    assert q.text == "that the plan would raise prices"
    assert not [q for q in quotes("His choice suggests that he wants peace.") if q.cue]


def test_called_for_a_gerund() -> None:
    q = one(quotes("Ms. Reyes called for lifting the ban on imports."), "called for")
    assert q.text == "lifting the ban on imports"


def test_topic_object_with_as_but_not_the_occasion() -> None:
    text = "Ms. Lind criticized the treaty as a mistake during a visit to Oslo."
    q = one(quotes(text), "criticized")
    assert q.text == "the treaty as a mistake"


def test_topic_object_without_a_trailing_which_aside() -> None:
    text = "Mr. Cole praised the new law, which took effect in May."
    q = one(quotes(text), "praised")
    assert q.text == "the new law"


def test_according_to_between_two_clauses_takes_the_one_before() -> None:
    text = "Prices rose by 4 percent, according to the agency, more than in any year since 1990."
    q = one(quotes(text), "according to")
    assert q.text == "Prices rose by 4 percent"
    assert q.speaker_mention and q.speaker_mention.text == "the agency"


def test_quoted_fragment_inside_a_topic_content() -> None:
    text = 'The senator blasted the mayor as a "disgrace" on Tuesday.'
    q = one(quotes(text), "blasted")
    assert q.text == 'the mayor as a "disgrace"'
    assert q.kind == "partial"


def test_claim_noun_with_an_owner() -> None:
    text = "Reporters checked the senator's claim that the bridge is unsafe."
    q = one(quotes(text), "claim")
    assert q.text == "that the bridge is unsafe"
    assert q.speaker_mention and q.speaker_mention.text == "the senator"


def test_claim_noun_without_owner_is_not_a_quote() -> None:
    assert not quotes("Reporters checked the claim that the bridge is unsafe.")


def test_title_of_a_show_is_not_a_partial_quote() -> None:
    text = 'Mr. Hale told "Morning Report" that the plan was dead.'
    found = quotes(text)
    assert all("Morning Report" not in q.text for q in found)
    q = one(found, "told")
    assert q.text == "that the plan was dead"


def test_second_that_clause_stays_in_the_content() -> None:
    text = "Experts agreed that the tax would raise revenue but that it would add new layers."
    q = one(quotes(text), "agreed")
    assert q.text.endswith("would add new layers")


def test_chanted_words_are_a_quote() -> None:
    text = 'The crowd chanted "No more war!" outside the embassy.'
    (q,) = quotes(text)
    assert q.text == '"No more war!"' and q.cue == "chanted"


def test_quoted_end_of_a_reported_clause_is_one_partial_quote() -> None:
    text = 'The talks are "going nowhere," the envoy said on Monday.'
    (q,) = quotes(text)
    assert q.text == 'The talks are "going nowhere,"'
    assert q.kind == "partial" and q.cue == "said"


def test_relative_clause_with_its_own_attribution_is_cut_off() -> None:
    text = (
        "Officials dispute that dozens of farmers died in floods that villagers say ruined "
        "whole valleys."
    )
    found = quotes(text)
    assert one(found, "dispute").text == "that dozens of farmers died in floods"
    said = one(found, "say")
    assert said.text == "ruined whole valleys"
    assert said.speaker_mention and said.speaker_mention.text == "villagers"


def test_as_clause_of_a_speaker_takes_the_clause_around_it() -> None:
    text = "The city, as the mayor said, will rebuild the bridge within a year."
    q = one(quotes(text), "said")
    assert q.text == "will rebuild the bridge within a year"
    assert q.speaker_mention and q.speaker_mention.text == "the mayor"


def test_as_reported_by_is_not_a_content_of_its_own() -> None:
    text = "As reported by the Herald, the council approved the budget."
    assert not [q for q in quotes(text) if q.cue == "reported"]


def test_participle_names_and_subordinate_clauses_are_not_attributions() -> None:
    assert not quotes("A man named Tom Clarke bought the old mine.")
    assert not quotes("When farmers ask for help, the ministry ignores them.")
    assert not quotes("Everything the mayor says is a lie.")


def test_headline_label_with_a_speaker_name() -> None:
    text = "Navarro: Tariffs Will Stay Until Talks Resume\n\nThe adviser spoke on Monday."
    navarro = actor(text, "person:peter-navarro", "Peter Navarro", "Navarro")
    q = one(quotes(text, [navarro]), ":")
    assert q.text == "Tariffs Will Stay Until Talks Resume"
    assert q.speaker == "person:peter-navarro"


def test_dateline_and_labels_are_not_speakers() -> None:
    assert not quotes("WASHINGTON: The Senate voted on Tuesday.\n\nUpdate: The story was fixed.")


def test_inverted_speaker_when_the_parser_takes_a_quoted_word_for_subject() -> None:
    text = '"The league is in crisis mode. Total crisis mode," said Doris Fenwick, a coach.'
    (q,) = quotes(text)
    assert q.speaker_mention is not None and q.speaker_mention.text == "Doris Fenwick"


def test_dateline_is_not_the_speaker() -> None:
    text = (
        "NAIROBI -- Governor Wanjiru, opening the library on Friday, said it would "
        "serve every school in the county."
    )
    q = one(quotes(text), "said")
    assert q.speaker_mention is not None and q.speaker_mention.text == "Governor Wanjiru"


def test_topic_object_without_aside_or_purpose_clause() -> None:
    text = "Ms. Hale acknowledged the cost of the new dam, which surprised her allies."
    assert one(quotes(text), "acknowledged").text == "the cost of the new dam"
    text = "Ms. Duval highlights the killings of two men to give context to the movement."
    assert one(quotes(text), "highlights").text == "the killings of two men"


def test_quoted_relative_clause_stays_in_the_content() -> None:
    text = 'She says Mr. Holt is part of the "same tired club that he swears he will reform."'
    q = one(quotes(text), "says")
    assert q.text.startswith("Mr. Holt is part of") and "he will reform" in q.text


def test_occasion_hung_inside_the_content_is_cut_off() -> None:
    text = 'Mr. Ray criticized the treaty as a "broken deal" during a stop in Reno.'
    q = one(quotes(text), "criticized")
    assert q.text == 'the treaty as a "broken deal"'


def test_accused_someone_of_something() -> None:
    q = one(quotes("Mr. Dunn accused the mayor of lying about the budget."), "accused")
    assert q.text == "the mayor of lying about the budget"


def test_directive_infinitive_after_an_occasion() -> None:
    text = 'Mr. Dunn tells his volunteers at a rally to "go to the hall and sign up."'
    found = quotes(text)
    q = one(found, "tells")
    assert q.text.startswith("to") and "sign up" in q.text
    assert q.kind in ("partial", "direct")


def test_speaker_before_the_cue_when_a_quoted_word_was_taken_for_subject() -> None:
    text = (
        '"She would be a fine judge. One of the sharpest minds," '
        "Rep. Ann Cole (D-Ohio) said in a brief interview."
    )
    (q,) = quotes(text)
    assert q.speaker_mention is not None and "Cole" in q.speaker_mention.text


def test_naming_with_several_names() -> None:
    text = "One of the farmers who signed the petition called Reyes a liar, thief and coward."
    q = one(quotes(text), "called")
    assert q.text == "Reyes a liar, thief and coward"


def test_according_to_with_a_one_word_rest_is_not_a_quote() -> None:
    assert not quotes("According to the network, basically.")


# ---------------------------------------------------------------- parser slips (pass 2)


def test_clause_after_the_cue_wins_over_a_clause_cut_off_by_a_semicolon() -> None:
    text = "It is an unlikely outcome; the mayor's office says she will run again next year."
    q = one(quotes(text), "says")
    assert q.text == "she will run again next year"


def test_clause_given_to_a_later_cue_belongs_to_the_cue_before_it() -> None:
    text = (
        "While she conceded money was the main reason the crew felt tired working for Vance, "
        "Ortiz also noted several delays left the team frustrated."
    )
    found = quotes(text)
    assert one(found, "noted").text == "several delays left the team frustrated"
    conceded = one(found, "conceded")
    assert conceded.text.startswith("money was the main reason")


def test_that_clause_hung_on_the_audience() -> None:
    text = "On Monday, she told a gathering of farm owners that few buyers grasped the risks."
    q = one(quotes(text), "told")
    assert q.text == "that few buyers grasped the risks"
    assert q.speaker_mention is not None and q.speaker_mention.text == "she"


def test_passive_subject_of_the_main_clause_speaks_for_a_participle() -> None:
    text = "After saying his left wrist was badly bruised, he was driven to a clinic for scans."
    q = one(quotes(text), "saying")
    assert q.text == "his left wrist was badly bruised"
    assert q.speaker_mention is not None and q.speaker_mention.text == "he"


def test_second_cue_coordinated_inside_the_first_content_keeps_the_speaker() -> None:
    text = (
        "Chancellor Ada Berg said on Tuesday that the region would quit the treaty by June "
        "and suggested that it would leave the customs union."
    )
    found = quotes(text)
    assert one(found, "said").text == "that the region would quit the treaty by June"
    suggested = one(found, "suggested")
    assert suggested.text == "that it would leave the customs union"
    assert suggested.speaker_mention is not None
    assert suggested.speaker_mention.text == "Chancellor Ada Berg"


def test_speaker_hidden_at_the_end_of_a_preceding_phrase() -> None:
    text = (
        "In a long session with the board of the Harbor Gazette Okafor said that the "
        "port may need to be sold."
    )
    q = one(quotes(text), "said")
    assert q.text == "that the port may need to be sold"
    assert q.speaker_mention is not None and q.speaker_mention.text.endswith("Okafor")


def test_fronted_fragment_before_an_appended_attribution() -> None:
    text = "Rules vague on whether seasonal workers are covered, lawyers say."
    q = one(quotes(text), "say")
    assert q.text == "Rules vague on whether seasonal workers are covered"


def test_attribution_inside_a_relative_clause_splits_that_clause_only() -> None:
    text = (
        "The square lies beside the market, which, Rossi said, is usually crowded with "
        "stalls and buskers on Saturdays."
    )
    q = one(quotes(text), "said")
    assert q.text == "is usually crowded with stalls and buskers on Saturdays"


def test_longer_side_of_a_parenthetical_attribution_counts_characters() -> None:
    text = (
        "Even if the scheme turns out brief, Ms. Vance said, the company has already "
        "replanted a large share of the burned forest."
    )
    q = one(quotes(text), "said")
    assert q.text == "the company has already replanted a large share of the burned forest"


def test_content_clause_hung_on_the_cue_as_an_adverbial() -> None:
    text = "Ortiz said after the vote she would not accept the union's support."
    q = one(quotes(text), "said")
    assert q.text == "she would not accept the union's support"


def test_a_when_clause_after_the_cue_is_not_its_content() -> None:
    text = "The rule obliges landlords to tell the city council when a tenant leaves early."
    assert not [q for q in quotes(text) if q.cue == "tell"]


def test_according_to_inside_a_clause_takes_the_longer_side_without_the_phrase() -> None:
    text = "Vance, according to Ortiz, begged her not to sell the land, while lawyers waited."
    found = quotes(text)
    q = one(found, "according to")
    assert q.text == "begged her not to sell the land"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Ortiz"
    assert [x.cue for x in found] == ["according to"]  # "begged" is Ortiz's account


def test_audience_parsed_as_an_adverb_is_the_channel() -> None:
    text = "Lima waits, with a Peruvian official telling Reuters they are unsure of the date."
    q = one(quotes(text), "telling")
    assert q.channel == "Reuters"
    assert q.text == "they are unsure of the date"


def test_two_subjects_the_one_next_to_the_cue_speaks() -> None:
    text = "Farmers like Ruiz, she said."
    q = one(quotes(text), "said")
    assert q.text == "Farmers like Ruiz"
    assert q.speaker_mention is not None and q.speaker_mention.text == "she"


def test_quoted_fragment_at_the_start_of_a_topic_object_takes_the_whole_object() -> None:
    text = 'The group reported "412 violent incidents" in the region.'
    q = one(quotes(text), "reported")
    assert q.text == '"412 violent incidents" in the region'


def test_parenthetical_attribution_with_the_audience_as_object() -> None:
    text = "The change now, she told me on Sunday, is that she runs a weather show."
    q = one(quotes(text), "told")
    assert q.text == "is that she runs a weather show"


def test_short_follow_on_quote_after_an_attributed_one_inherits_its_speaker() -> None:
    text = '"Not me," Ines said to the radio. "Not me, Paul."'
    found = quotes(text)
    assert [q.text for q in found] == ['"Not me,"', '"Not me, Paul."']
    assert all(q.speaker_mention and q.speaker_mention.text == "Ines" for q in found)


def test_short_quote_attributed_by_a_long_sentence_that_opens_with_the_cue() -> None:
    text = (
        "The kitchen went quiet.\n\n"
        '"Still raining?" he said, but Ana was half asleep again, and the news went on '
        "for another twenty minutes while the kettle boiled."
    )
    q = quotes(text)[0]
    assert q.text == '"Still raining?"'
    assert q.speaker_mention is not None and q.speaker_mention.text == "he"


def test_reported_clause_ends_at_a_semicolon() -> None:
    text = "Aides said the delay of the report was not planned; they heard of it on Monday."
    q = one(quotes(text), "said")
    assert q.text == "the delay of the report was not planned"


def test_reported_clause_ends_before_a_closing_apposition() -> None:
    text = (
        "Engineers say the funds could be better used in a deal with Siemens, the German "
        "group that builds most of the trains."
    )
    q = one(quotes(text), "say")
    assert q.text == "the funds could be better used in a deal with Siemens"


def test_inverted_said_before_a_name_and_colon() -> None:
    text = 'Bankers were not convinced. Said Okafor: "I doubt he reads the reports."'
    (q,) = quotes(text)
    assert q.speaker_mention is not None and q.speaker_mention.text == "Okafor"


def test_participle_on_the_occasion_noun_is_spoken_by_the_main_subject() -> None:
    text = (
        "He spoke at a crowded news conference announcing that his ministry was suing "
        "the firm over the spill."
    )
    q = one(quotes(text), "announcing")
    assert q.text == "that his ministry was suing the firm over the spill"
    assert q.speaker_mention is not None and q.speaker_mention.text == "He"


def test_person_endorsed_or_attacked_is_the_topic() -> None:
    q = one(quotes("Governor Ruiz endorsed Vance on Sunday."), "endorsed")
    assert q.text == "Vance"


def test_demand_and_suggest_take_their_object_as_topic() -> None:
    q = one(quotes("The unions will demand higher wages."), "demand")
    assert q.text == "higher wages"
    q = one(quotes("She did not suggest a boycott."), "suggest")
    assert q.text == "a boycott"


def test_asked_about_and_agreed_with_take_the_prepositional_object() -> None:
    text = "The host asked the governor about her budget plan."
    assert one(quotes(text), "asked").text == "her budget plan"
    text = "Ms. Vance mostly agreed with the mayor about the budget."
    assert one(quotes(text), "agreed").text.startswith("the mayor")


def test_temporal_as_clause_with_an_object_is_a_quote() -> None:
    text = "The singer was moved as she called for the release of the prisoners."
    q = one(quotes(text), "called for")
    assert q.text == "the release of the prisoners"
    assert q.speaker_mention is not None and q.speaker_mention.text == "she"


def test_present_tense_comment_coordinated_after_a_that_clause_is_the_authors() -> None:
    text = (
        "When he toured the plant last spring, he claimed that the company would hire "
        "2,000 workers by May and the new deal is one more step towards that aim."
    )
    q = one(quotes(text), "claimed")
    assert q.text == "that the company would hire 2,000 workers by May"


def test_closing_summary_phrase_with_a_relative_clause_is_the_authors() -> None:
    text = (
        "Ortiz argues the fines might finally force the firm to clean the river, a hope "
        "that has clearly worried its owners."
    )
    q = one(quotes(text), "argues")
    assert q.text == "the fines might finally force the firm to clean the river"


def test_title_opening_with_a_source_and_colon() -> None:
    text = "Survey: Farmers desert the governing coalition.\n\nThe survey was taken in May."
    q = one(quotes(text), ":")
    assert q.text == "Farmers desert the governing coalition"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Survey"


def test_title_opening_with_a_section_label_is_not_a_quote() -> None:
    text = "Analysis: Farmers desert the governing coalition.\n\nThe survey was taken in May."
    assert not [q for q in quotes(text) if q.cue == ":"]


def test_content_never_stops_inside_a_quotation_it_opens() -> None:
    text = (
        'She called Chile a "quiet success in a decade when so often we see economies '
        'going the other way."'
    )
    q = one(quotes(text), "called")
    assert q.text.startswith("Chile a")
    assert q.text.endswith('way."')


def test_appended_attribution_prefers_a_clause_to_a_longer_phrase() -> None:
    text = (
        "The richest tenth would gain an average of $91,000, the institute said, compared "
        "with only $1,400 for households in the middle of the income range."
    )
    q = one(quotes(text), "said")
    assert q.text == "The richest tenth would gain an average of $91,000"


def test_appended_content_does_not_cross_a_semicolon() -> None:
    text = "Neighbours condemn the strike; others demand talks."
    assert all(";" not in q.text for q in quotes(text))


def test_second_gerund_object_coordinated_with_the_cue_stays_in_the_content() -> None:
    text = (
        "Ms. Vance has mentioned refinancing car loans and forcing banks to lend more to "
        "small firms."
    )
    q = one(quotes(text), "mentioned")
    assert q.text == "refinancing car loans and forcing banks to lend more to small firms"


def test_quoted_fragment_heading_the_cue_object_takes_the_whole_object() -> None:
    text = "The crowd chanted Bob Marley’s “One Love” all night."
    q = one(quotes(text), "chanted")
    assert q.text == "Bob Marley’s “One Love”"


def test_participle_on_an_issued_statement_is_spoken_by_the_issuer() -> None:
    text = (
        "After a short meeting, the city council issued a statement calling the strike "
        '"a serious breach" of the agreement.'
    )
    q = one(quotes(text), "calling")
    assert q.speaker_mention is not None and q.speaker_mention.text == "the city council"


def test_according_to_a_speech_names_its_speaker() -> None:
    text = (
        "The aim is to curb quick speculators, according to a speech Ms. Vance "
        "gave at the academy in March."
    )
    q = one(quotes(text), "according to")
    assert q.speaker_mention is not None and q.speaker_mention.text == "Ms. Vance"


def test_topic_ends_before_a_relative_clause_on_a_name() -> None:
    text = "Mr. Ruiz likened the channel to Al Jazeera, which gets some state money."
    q = one(quotes(text), "likened")
    assert q.text == "the channel to Al Jazeera"


def test_parenthetical_content_ends_before_a_concessive_clause() -> None:
    text = (
        "The new dam, the ministry said, was its largest yet, although it may take "
        "several months to tell how much power it makes."
    )
    q = one(quotes(text), "said")
    assert q.text == "was its largest yet"


def test_an_attribution_before_a_later_cue_is_not_its_content() -> None:
    text = (
        '"Still raining?" he said, but Ana was half asleep again, and as the news went '
        "on about the weather, Luis said yes over and over again."
    )
    assert not [q for q in quotes(text) if q.text.startswith("he said")]


def test_on_as_a_topic_preposition_is_read_as_a_word_not_a_yaml_boolean() -> None:
    q = one(quotes("The minister has also commented on the verdict."), "commented")
    assert q.text == "the verdict"
