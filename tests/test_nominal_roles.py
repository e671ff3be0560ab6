"""Tellings the coder used to miss: acts named by a noun, notices, motions and votes, and who acts in
participle and gerund phrases. Each rule with a sentence it must fire on and one it must not.

Sentences are written for these tests, from crises other than the ones offramp was tuned on.
``sentence`` codes one sentence's main event (no document context); ``document`` runs the events stage.
"""

from __future__ import annotations

import pytest

from offramp.extract.coding import ActorIndex, find_triggers, main_trigger, sentence_actors
from offramp.extract.phrases import find_actors
from offramp.extract.pipeline import Pipeline
from offramp.records import Document


def sentence(nlp, text: str) -> tuple[str | None, list[str], list[str]]:
    doc = nlp(text)
    index = ActorIndex.build(doc, find_actors(text))
    triggers = [t for s in doc.sents for t in find_triggers(s)]
    main = main_trigger(triggers)
    if main is None:
        return None, [], []
    source, target = sentence_actors(main, index, triggers)
    return main.type, sorted(source), sorted(target)


@pytest.fixture(scope="module")
def pipeline(nlp):
    return Pipeline(("actors", "dates", "places", "events"), nlp=nlp)


def document(pipeline, text: str) -> list[tuple[str, list[str], list[str]]]:
    return [(e.type, sorted(e.source), sorted(e.target)) for e in pipeline(Document(text=text)).events]


# (rule, sentence, expected (type, source, target)) for one sentence's main event
SENTENCE_RULES = [
    # means_by_gerund: "by" + gerund is how the act was done, not who did it
    (
        "means_by_gerund",
        "Ukraine hit back by firing drones at a Russian air base.",
        ("ASSAULT", ["UKR"], ["RUS"]),
    ),
    ("not means_by_gerund", "The strike was carried out by Russian bombers.", ("ASSAULT", ["RUS"], [])),
    # absolute_with: "with X doing Y": X does Y
    (
        "absolute_with",
        "Nineteen states voted for the motion, with Russia and Belarus voting against.",
        ("REJECT", ["BLR", "RUS"], []),
    ),
    # subject_read_as_object: "told Reuters Yerevan was poised to": Yerevan is the clause's subject
    (
        "subject_read_as_object",
        "An Armenian official told Reuters Yerevan was poised to reject the Azerbaijani offer.",
        ("REJECT", ["ARM"], ["AZE"]),
    ),
    # passive_raising: the passive subject of "was poised/urged to" does the infinitive
    (
        "passive_raising",
        "An Armenian official told Reuters that Yerevan was poised to reject the Azerbaijani offer.",
        ("REJECT", ["ARM"], ["AZE"]),
    ),
    (
        "not passive_raising",  # a plain passive keeps its agent as the doer
        "The Azerbaijani offer was rejected by Armenia.",
        ("REJECT", ["ARM"], ["AZE"]),
    ),
    # proposal_judged_unacceptable: a proposal said to be against one's interests is rejected
    (
        "proposal_judged_unacceptable",
        "Baku said the EU proposal was against Azerbaijan's national interests.",
        ("REJECT", ["AZE"], ["EU"]),
    ),
    (
        "not proposal_judged_unacceptable",
        "Baku said the EU proposal was in line with Azerbaijan's national interests.",
        (None, [], []),
    ),
    # role_in_an_act: whoever played a role in an act did it
    ("role_in_an_act", "Turkey played a key role in brokering the truce.", ("CONSULT", ["TUR"], [])),
    (
        "not role_in_an_act",  # the critic is not the broker
        "Turkey criticised the role of Russia in brokering the truce.",
        ("ACCUSE", ["TUR"], ["RUS"]),
    ),
    # conjuncts_share_the_aim: coordinated event nouns share the participle's aim
    (
        "conjuncts_share_the_aim",
        "Russia launched missile and drone strikes targeting Ukrainian cities.",
        ("ASSAULT", ["RUS"], ["UKR"]),
    ),
    (
        "not conjuncts_share_the_aim",  # two clauses, two acts
        "Russia launched missile strikes and Ukrainian drones hit a refinery.",
        ("ASSAULT", ["RUS"], []),
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "expected"), SENTENCE_RULES, ids=[f"{r[0]}: {r[1][:40]}" for r in SENTENCE_RULES]
)
def test_sentence_rules(nlp, rule, text, expected):
    assert sentence(nlp, text) == expected, rule


def test_absolute_with_needs_the_with_phrase_next_to_the_participle(nlp):
    # "with Russian support" hangs on the clause, not on a participle: Belarus votes
    kind, source, _ = sentence(nlp, "With Russian support, Belarus voted against the motion.")
    assert (kind, source) == ("REJECT", ["BLR"])


@pytest.mark.parametrize(
    ("text", "word", "nominal"),
    [
        # noun_read_as_verb: the parser tags "airstrikes" as a verb; after "the", with no subject, a noun
        (
            "The strike appears to be retaliation for the U.S. airstrikes on Syria's air bases using cruise missiles.",
            "airstrikes",
            True,
        ),
        # counterexample: a verb with its subject stays a verb
        ("Russia strikes the ports of Ukraine every night.", "strikes", False),
    ],
)
def test_noun_read_as_verb(nlp, text, word, nominal):
    doc = nlp(text)
    found = {t.token.text: t for s in doc.sents for t in find_triggers(s)}
    assert word in found
    assert found[word].nominal is nominal


# (rule, text, event that must be there, event that must not): document-level rules of the events stage
DOCUMENT_RULES = [
    (
        "advance_notice_is_consultation",  # unnamed, the notice came from whoever did the act noticed
        "Russia and Ukraine are at war. Russian drones struck Odesa overnight. Polish officials were notified in advance of the attack.",
        ("CONSULT", ["RUS"], ["POL"]),
        ("CONSULT", ["UKR"], ["POL"]),
    ),
    (
        "advance_notice_is_consultation",
        "Armenia and Azerbaijan are at odds. Azerbaijan fired artillery at Armenian posts. Baku said it had forewarned Moscow about the shelling.",
        ("CONSULT", ["AZE"], ["RUS"]),
        None,
    ),
    (
        "not advance_notice_is_consultation",  # a warning of what one will do stays a threat
        "Russia and Ukraine are at war. Ukraine warned Poland in advance that it would close the border.",
        ("THREATEN", ["UKR"], ["POL"]),
        ("CONSULT", ["UKR"], ["POL"]),
    ),
    (
        "sponsors_of_a_motion",  # the sponsors do what the motion does
        "Armenia and Azerbaijan are at odds. The OSCE council adopted a resolution condemning Azerbaijan. The motion, sponsored by France and Canada, passed with 40 votes.",
        ("ACCUSE", ["CAN", "FRA"], ["AZE"]),
        None,
    ),
    (
        "vote_against_is_rejection",  # a vote against a motion rejects the body voting on it
        "Armenia and Azerbaijan are at odds. The OSCE council adopted a resolution condemning Azerbaijan. Russia and Belarus opposed the motion.",
        ("REJECT", ["BLR", "RUS"], ["OSCE"]),
        None,
    ),
    (
        "vote_against_is_rejection",
        "Armenia and Azerbaijan are at odds. The OSCE council adopted a resolution condemning Azerbaijan, with Russia and Belarus voting against.",
        ("REJECT", ["BLR", "RUS"], ["OSCE"]),
        None,
    ),
    (
        "not vote_against_is_rejection",  # opposing something that is no motion does not reject the body
        "Armenia and Azerbaijan are at odds. The OSCE council met in Vienna. Russia and Belarus opposed the new trade rules.",
        None,
        ("REJECT", ["BLR", "RUS"], ["OSCE"]),
    ),
    (
        "motion_against",  # a body's motion against a state accuses it
        "Armenia and Azerbaijan are at odds. The OSCE council met in Vienna. A later Council resolution against Azerbaijan angered Baku.",
        ("ACCUSE", ["OSCE"], ["AZE"]),
        None,
    ),
    (
        "presupposed_act",  # a definite act with its doer and aim named is told as done
        "Russia and Ukraine are at war. The Security Council met on Monday to discuss the recent Russian strikes on Ukraine's ports.",
        ("ASSAULT", ["RUS"], ["UKR"]),
        None,
    ),
    (
        "not presupposed_act",  # a possible act is not
        "Russia and Ukraine are at war. The Security Council met on Monday to discuss possible Russian strikes on Ukraine's ports.",
        None,
        ("ASSAULT", ["RUS"], ["UKR"]),
    ),
    (
        "object_control",  # the object of "provoke" does what the infinitive says
        "Armenia and Azerbaijan are at odds. The shelling killed two soldiers, provoking Armenia to launch drone strikes on Azerbaijani positions.",
        ("ASSAULT", ["ARM"], ["AZE"]),
        None,
    ),
    (
        "denial_stops_at_a_clause",  # the accusation in an "after" clause is not denied
        "Armenia and Azerbaijan are at war. Baku denied it shelled the village after Armenia accused it of doing so.",
        ("ACCUSE", ["ARM"], ["AZE"]),
        None,
    ),
    (
        "not denial_stops_at_a_clause",  # an accusation that is what is denied is no event
        "Armenia and Azerbaijan are at war. Baku denied that Armenia accused it of shelling the village.",
        None,
        ("ACCUSE", ["ARM"], ["AZE"]),
    ),
    (
        "a_claims_relative_clause_is_not_its_content",  # what an assessment does is not what it reports
        "Russia and Ukraine are at war. The Kremlin rejected an assessment that downplayed the damage of Ukrainian drone strikes on Russian refineries.",
        ("ASSAULT", ["UKR"], ["RUS"]),
        None,
    ),
    (
        "not a_claims_relative_clause_is_not_its_content",  # the content of rejected reports is no event
        "Russia and Ukraine are at war. The Kremlin rejected reports that Ukrainian drones struck Russian refineries.",
        None,
        ("ASSAULT", ["UKR"], ["RUS"]),
    ),
    (
        "an_act_with_its_own_subject_is_not_enacted",  # the vote does not carry Russia's condemnation
        "Russia and Ukraine are at war. The Rada voted for the bill, while Russia condemned it.",
        ("ACCUSE", ["RUS"], ["UKR"]),
        ("ACCUSE", ["UKR"], ["RUS"]),
    ),
    (
        "not an_act_with_its_own_subject_is_not_enacted",  # the voters do what they voted for
        "Russia and Ukraine are at war. Ukraine's parliament voted to suspend the grain deal with Russia.",
        ("SANCTION", ["UKR"], ["RUS"]),
        None,
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "present", "absent"),
    DOCUMENT_RULES,
    ids=[f"{r[0]}: {r[1][30:70]}" for r in DOCUMENT_RULES],
)
def test_document_rules(pipeline, rule, text, present, absent):
    found = document(pipeline, text)
    if present is not None:
        assert present in found, (rule, found)
    if absent is not None:
        assert absent not in found, (rule, found)


def test_presupposed_act_keeps_no_date_of_the_clause_around_it(pipeline):
    # "on Monday" dates the meeting, not the strikes it discusses (a back-reference stays undated)
    import datetime as dt

    text = "Russia and Ukraine are at war. The Security Council met on Monday to discuss the recent Russian strikes on Ukraine's ports."
    events = pipeline(Document(text=text, published=dt.date(2024, 3, 6))).events
    strikes = [e for e in events if e.type == "ASSAULT"]
    assert strikes and all(e.date is None for e in strikes)
    assert any(e.type == "CONSULT" and e.date is not None for e in events)


# (rule, text, event that must be there, event that must not): targets and owners told indirectly
INDIRECT_RULES = [
    (
        "aim_told_by_purpose",  # a third state's strikes aimed by their purpose clause
        "Armenia and Azerbaijan are at odds. Turkish jets conducted strikes to destroy Armenia's air defences.",
        ("ASSAULT", ["TUR"], ["ARM"]),
        None,
    ),
    (
        "not aim_told_by_purpose",  # a purpose of help names no target of an attack
        "Armenia and Azerbaijan are at odds. Turkish troops were deployed to protect Azerbaijan's border.",
        None,
        ("ASSAULT", ["TUR"], ["AZE"]),
    ),
    (
        "named_operation",  # a named operation owned by a state is its military operation
        "Armenia and Azerbaijan are at odds. Tensions rose after Azerbaijan's Operation Iron Fist.",
        ("ASSAULT", ["AZE"], ["ARM"]),
        None,
    ),
    (
        "not named_operation",  # an operation's name used of something else, owned by nobody
        "Armenia and Azerbaijan are at odds. Tensions rose after the Operation Iron Fist anniversary.",
        None,
        ("ASSAULT", ["AZE"], ["ARM"]),
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "present", "absent"),
    INDIRECT_RULES,
    ids=[f"{r[0]}: {r[1][30:70]}" for r in INDIRECT_RULES],
)
def test_indirect_rules(pipeline, rule, text, present, absent):
    found = document(pipeline, text)
    if present is not None:
        assert present in found, (rule, found)
    if absent is not None:
        assert absent not in found, (rule, found)


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # possessor_by_word_order: the owner written before "'s" owns the event noun after it
        (
            "However, tensions surged after Russia’s Operation Z and Ukraine’s large-scale retaliation under Operation Kursk.",
            ["UKR"],
        ),
        # counterexample: a possessor the parse already reads as one is left to the parse
        ("However, tensions surged after Azerbaijan’s offensive and Armenia’s large-scale retaliation.", []),
    ],
)
def test_possessor_by_word_order(nlp, text, owner):
    from offramp.extract.coding import _possessor_before

    doc = nlp(text)
    index = ActorIndex.build(doc, find_actors(text))
    noun = next(t for t in doc if t.lower_ == "retaliation")
    assert _possessor_before(noun, index) == owner


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # forces_of_x_act: "the operations of our armed forces": the side the speaker speaks for
        (
            'Armenia\'s defence minister wrote: "The military operations of our armed forces to punish the aggressor continued."',
            ["ARM"],
        ),
        # counterexample: an "of" phrase that is no force keeps no owner
        (
            'Armenia\'s defence minister wrote: "The military operations of the observer mission continued."',
            [],
        ),
    ],
)
def test_forces_of_x_act(nlp, text, source):
    doc = nlp(text)
    index = ActorIndex.build(doc, find_actors(text))
    triggers = [t for s in doc.sents for t in find_triggers(s)]
    ops = next(t for t in triggers if t.token.lower_ == "operations")
    assert sentence_actors(ops, index, triggers)[0] == source


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # meeting_not_held: a meeting that will not take place is a refusal between its parties
        (
            "Armenia and Azerbaijan are at odds. The talks between Armenia and Azerbaijan will not take place on Friday, the EU said.",
            ("REJECT", ["ARM", "AZE"], ["ARM", "AZE"]),
            ("AGREE", ["ARM", "AZE"], ["ARM", "AZE"]),
        ),
        # counterexample: talks that take place are a meeting
        (
            "Armenia and Azerbaijan are at odds. The talks between Armenia and Azerbaijan will take place on Friday, the EU said.",
            None,
            ("REJECT", ["ARM", "AZE"], ["ARM", "AZE"]),
        ),
    ],
)
def test_meeting_not_held(pipeline, text, present, absent):
    found = document(pipeline, text)
    if present is not None:
        assert present in found, found
    if absent is not None:
        assert absent not in found, found


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # a back-reference told twice in one document is one act, not two rows
        (
            "Russia and Ukraine are at war. Poland condemned the Russian strikes on Ukraine's ports. The Security Council met to discuss the recent Russian strikes on Ukraine's ports.",
            1,
        ),
        # counterexample: acts with different sides stay apart
        (
            "Russia and Ukraine are at war. Poland condemned the Russian strikes on Ukraine's ports. The Security Council met to discuss the Ukrainian strikes on Russia's refineries.",
            2,
        ),
    ],
)
def test_a_back_reference_told_again_is_one_act(pipeline, text, count):
    assaults = [e for e in pipeline(Document(text=text)).events if e.type == "ASSAULT"]
    assert len(assaults) == count, [(e.source, e.target) for e in assaults]


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # mutual_refusal_is_no_fighting: meetings called off between two states do not make them the
        # document's belligerents; the operation's target is still found
        (
            "The talks between Ukraine and the United States were cancelled. The talks between Ukraine and the United States will not take place. Tensions rose after Russia's Operation Thunder.",
            ("ASSAULT", ["RUS"], ["UKR"]),
        ),
        # counterexample: an exchange of fire does make them the sides, and the operation's aim stays open
        (
            "The talks between Ukraine and the United States were cancelled. Ukraine and the United States exchanged fire. Tensions rose after Russia's Operation Thunder.",
            ("ASSAULT", ["RUS"], []),
        ),
    ],
)
def test_mutual_refusal_is_no_fighting(pipeline, text, present):
    assert present in document(pipeline, text)


MORE_RULES = [
    (
        "broker_of_an_agreement",  # a third state that brokered an agreement mediated it
        "Armenia and Azerbaijan are at war. A Russian-brokered truce came into effect on Tuesday.",
        ("CONSULT", ["RUS"], ["ARM", "AZE"]),
        None,
    ),
    (
        "broker_of_an_agreement",
        "Armenia and Azerbaijan are at war. A truce was announced by the Turkish president on Tuesday.",
        ("CONSULT", ["TUR"], ["ARM", "AZE"]),
        None,
    ),
    (
        "not broker_of_an_agreement",  # a party announcing its own truce mediates nothing
        "Armenia and Azerbaijan are at war. A truce between Armenia and Azerbaijan was announced by Armenia on Tuesday.",
        ("AGREE", ["ARM", "AZE"], ["ARM", "AZE"]),
        ("CONSULT", ["ARM"], ["ARM", "AZE"]),
    ),
    (
        "own_forces_by_compound",  # "our air defence system" is the speaker's forces
        'Armenia and Azerbaijan are at war. Armenia\'s defence ministry said, "Our air defence system intercepted the Azerbaijani drones."',
        ("ASSAULT", ["ARM"], ["AZE"]),
        None,
    ),
    (
        "not own_forces_by_compound",  # a system named for the other side is theirs
        "Armenia and Azerbaijan are at war. Armenia's defence ministry said the Azerbaijani air defence system intercepted the Armenian drones.",
        ("ASSAULT", ["AZE"], ["ARM"]),
        ("ASSAULT", ["ARM"], ["AZE"]),
    ),
    (
        "threat_in_speech",  # "X will tremble" foretells harm
        'Armenia and Azerbaijan are at war. "Baku will tremble," Armenia\'s defence minister wrote after the shelling.',
        ("THREATEN", ["ARM"], ["AZE"]),
        None,
    ),
    (
        "not threat_in_speech",
        'Armenia and Azerbaijan are at war. "Baku will celebrate," Armenia\'s defence minister wrote after the shelling.',
        None,
        ("THREATEN", ["ARM"], ["AZE"]),
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "present", "absent"), MORE_RULES, ids=[f"{r[0]}: {r[1][35:75]}" for r in MORE_RULES]
)
def test_more_rules(pipeline, rule, text, present, absent):
    found = document(pipeline, text)
    if present is not None:
        assert present in found, (rule, found)
    if absent is not None:
        assert absent not in found, (rule, found)


REFUSAL_AND_JUDGEMENT_RULES = [
    (
        "judged_by_its_name",  # an act named with a word of judgement in a statement is judged
        "Armenia and Azerbaijan are at war. Azerbaijani artillery shelled Armenian villages. Unprovoked aggression against Armenia has no justification, the French president said.",
        ("ACCUSE", ["FRA"], ["AZE"]),
        None,
    ),
    (
        "not judged_by_its_name",  # the same act told without judgement accuses nobody
        "Armenia and Azerbaijan are at war. Azerbaijani artillery shelled Armenian villages. The recent aggression against Armenia has ended, the French president said.",
        None,
        ("ACCUSE", ["FRA"], ["AZE"]),
    ),
    (
        "refusal_aims_at_the_counterpart",  # staying away refuses the other side of the meeting told before
        "Armenia and Azerbaijan are at war. Officials from Azerbaijan and the European Union were to hold a fifth round of talks on Friday. On Tuesday, Azerbaijan said it will not attend the talks.",
        ("REJECT", ["AZE"], ["EU"]),
        ("REJECT", ["AZE"], ["ARM"]),
    ),
    (
        "not refusal_aims_at_the_counterpart",  # no meeting told before: the other side of the crisis
        "Armenia and Azerbaijan are at war. Azerbaijani artillery shelled Armenian villages on Friday. On Tuesday, Azerbaijan said it will not attend the talks.",
        ("REJECT", ["AZE"], ["ARM"]),
        ("REJECT", ["AZE"], ["EU"]),
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "present", "absent"),
    REFUSAL_AND_JUDGEMENT_RULES,
    ids=[f"{r[0]}: {r[1][35:75]}" for r in REFUSAL_AND_JUDGEMENT_RULES],
)
def test_refusal_and_judgement_rules(pipeline, rule, text, present, absent):
    found = document(pipeline, text)
    if present is not None:
        assert present in found, (rule, found)
    if absent is not None:
        assert absent not in found, (rule, found)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # refusal_dated_by_its_statement: "said on Tuesday it will not attend": refused on Tuesday
        (
            "Armenia and Azerbaijan are at war. On Tuesday, Azerbaijan said it will not attend the talks with the EU.",
            5,
        ),
        # counterexample: a promise to attend is no refusal and takes no statement date
        (
            "Armenia and Azerbaijan are at war. On Tuesday, Azerbaijan said it will attend the talks with the EU.",
            None,
        ),
    ],
)
def test_refusal_dated_by_its_statement(pipeline, text, day):
    import datetime as dt

    events = pipeline(Document(text=text, published=dt.date(2024, 3, 8))).events
    refusals = [e for e in events if e.type == "REJECT"]
    if day is None:
        assert not refusals
    else:
        assert [e.date for e in refusals] == [dt.date(2024, 3, day)]


INTERCEPTION_RULES = [
    (
        "interception_aims_at_the_attacker",  # the attack told beside the interception is the one intercepted
        "Poland and Belarus are at odds. Poland's air defences intercepted six drones over Lublin on Monday after Russia launched a strike on western Ukraine.",
        ("ASSAULT", ["POL"], ["RUS"]),
        ("ASSAULT", ["POL"], ["BLR"]),
    ),
    (
        "not interception_aims_at_the_attacker",  # no attack told: the other side of the crisis
        "Poland and Belarus are at odds. Poland's air defences intercepted six drones over Lublin on Monday.",
        ("ASSAULT", ["POL"], ["BLR"]),
        None,
    ),
    (
        "the_intercepted_attacked",  # a right to respond is aimed at whoever one's defences fired at
        "Poland and Belarus are at odds. Poland's air defences intercepted six drones over Lublin on Monday after Russia launched a strike on western Ukraine. Poland's foreign minister warned that Poland reserves the right to respond.",
        ("THREATEN", ["POL"], ["RUS"]),
        ("THREATEN", ["POL"], ["BLR"]),
    ),
    (
        "not the_intercepted_attacked",
        "Poland and Belarus are at odds. Belarusian troops massed at the border. Poland's foreign minister warned that Poland reserves the right to respond.",
        ("THREATEN", ["POL"], ["BLR"]),
        None,
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "present", "absent"),
    INTERCEPTION_RULES,
    ids=[f"{r[0]}: {r[1][35:75]}" for r in INTERCEPTION_RULES],
)
def test_interception_rules(pipeline, rule, text, present, absent):
    found = document(pipeline, text)
    if present is not None:
        assert present in found, (rule, found)
    if absent is not None:
        assert absent not in found, (rule, found)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # backing_is_blamed: an attack said to come from someone's support accuses the supporter
        (
            "Russia and Ukraine are at war. Ukraine's foreign minister said that the Russian strikes were the result of direct support by Belarus.",
            ("ACCUSE", ["UKR"], ["BLR"]),
            None,
        ),
        # counterexample: support that brought about no attack is support
        (
            "Russia and Ukraine are at war. Ukraine's foreign minister said that the harvest was the result of direct support by Poland.",
            None,
            ("ACCUSE", ["UKR"], ["POL"]),
        ),
    ],
)
def test_backing_is_blamed(pipeline, text, present, absent):
    found = document(pipeline, text)
    if present is not None:
        assert present in found, found
    if absent is not None:
        assert absent not in found, found
