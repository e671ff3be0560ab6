"""Who acts and who is acted on: each role rule with a sentence it must fire on and one it must not.

Sentences are written for these tests, from crises other than the ones offramp was tuned on.
``sentence`` codes one sentence's main event the way the PLOVER GSR test does (the coder and the
sentence-level defaults, no document context); ``document`` runs the whole events stage.
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


# (rule, sentence, expected (type, source, target)): the sentence each rule exists for, and one from
# another crisis where it must not fire (the expected coding then shows what happens instead).
SENTENCE_RULES = [
    # complement_target: the aim of a threat or refusal is named in the act it governs
    (
        "complement_target",
        "Azerbaijan threatened to cut gas supplies to Armenia.",
        ("THREATEN", ["AZE"], ["ARM"]),
    ),
    (
        "complement_target",
        "Kyiv threatened to halt transit unless Moscow paid its debts.",
        ("THREATEN", ["UKR"], ["RUS"]),
    ),
    # counterexample: a relative clause says who someone is, not whom the act is aimed at
    (
        "not complement_target",
        "Guyana refused to sign the deal that Venezuela proposed.",
        ("REJECT", ["GUY"], []),
    ),
    # must_request_roles: "X said Y must ..." is X's demand on Y
    (
        "must_request_roles",
        "Ukraine's foreign minister said Russia must withdraw its troops.",
        ("REQUEST", ["UKR"], ["RUS"]),
    ),
    (
        "must_request_roles",
        "Ethiopia issued a reminder to Eritrea that it must respect the border ruling.",
        ("REQUEST", ["ETH"], ["ERI"]),
    ),
    (
        "not must_request_roles",
        "Ukraine's foreign minister said Russia withdrew its troops.",
        ("RETREAT", ["RUS"], []),
    ),
    # modifier_of_a_light_verbs_noun: the verb's subject acts, the noun's owner is acted on
    ("modifier_of_a_light_verbs_noun", "Armenia accepted Russian mediation.", ("AGREE", ["ARM"], ["RUS"])),
    (
        "not modifier_of_a_light_verbs_noun",
        "Russian mediation brought the two sides together.",
        ("CONSULT", ["RUS"], []),
    ),
    # possessive pronoun of an event noun: the body named before
    (
        "possessive_pronoun",
        "The European Union repeated its demand that Russia release the sailors.",
        ("REQUEST", ["EU"], ["RUS"]),
    ),
    (
        "not possessive_pronoun",
        "Its demand that Russia release the sailors went unanswered.",
        ("REQUEST", [], ["RUS"]),
    ),
    # home_target: with nobody else named, a state's act on someone is aimed at home
    ("home_target", "The Venezuelan government arrested opposition leaders.", ("COERCE", ["VEN"], ["VEN"])),
    ("home_target", "Armenian protesters rioted in the capital.", ("PROTEST", ["ARM"], ["ARM"])),
    (
        "not home_target",
        "The Venezuelan government arrested Guyanese fishermen.",
        ("COERCE", ["VEN"], ["GUY"]),
    ),
    # home_source: people nobody names, acting where one state alone is named, are that state's
    ("home_source", "Thousands of students rioted in Venezuela's capital.", ("PROTEST", ["VEN"], ["VEN"])),
    (
        "home_source",
        "Former minister Ali Hassan resigned to allow Somalia's elections.",
        ("RETREAT", ["SOM"], []),
    ),
    (
        "not home_source",  # two states named: whose the rioters are is not told
        "Thousands of students rioted over Venezuela's claim to Guyana.",
        ("PROTEST", [], ["GUY", "VEN"]),
    ),
    ("not home_source", "Analysts demanded elections in Somalia.", ("REQUEST", [], ["SOM"])),
    # header_line_is_no_subject: an outlet's name left above the text is parsed as a second subject
    (
        "header_line_is_no_subject",
        "AFP\n\nOn Friday, Armenian ministers held talks in Moscow with Azerbaijan's foreign minister.",
        ("CONSULT", ["ARM"], ["AZE"]),
    ),
    # not_passive: "is opposed to" is a stance, not a passive
    ("not_passive", "Taiwan is opposed to Chinese military drills.", ("REJECT", ["TWN"], ["CHN"])),
    ("not not_passive", "The plan was opposed by Taiwan.", ("REJECT", ["TWN"], ["TWN"])),
    # statement_of_its_issuer: a statement's demand is its issuer's
    (
        "statement_of_its_issuer",
        "Azerbaijan issued a statement demanding that Armenia withdraw its troops.",
        ("REQUEST", ["AZE"], ["ARM"]),
    ),
    # enacted_act: a vote carries the act it enacts, done by the voters
    (
        "enacted_act",
        "The Armenian parliament approved a bill to suspend cooperation with the OSCE.",
        ("SANCTION", ["ARM"], ["OSCE"]),
    ),
    (
        "enacted_act",
        "Ukraine's parliament voted to approve suspending cooperation with NATO.",
        ("SANCTION", ["UKR"], ["NATO"]),
    ),
    ("not enacted_act", "The Armenian parliament approved the budget.", ("SUPPORT", ["ARM"], [])),
    # verdict_is_an_accusation: finding someone in breach accuses them
    (
        "verdict_is_an_accusation",
        "The OSCE found Azerbaijan in breach of the ceasefire.",
        ("ACCUSE", ["OSCE"], ["AZE"]),
    ),
    (
        "verdict_is_an_accusation",
        "The board passed a resolution declaring Venezuela in violation of the ruling.",
        ("ACCUSE", [], ["VEN"]),
    ),
    (
        "verdict_is_an_accusation",
        "The board passed a resolution declaring Serbia in non-compliance with the ruling.",
        ("ACCUSE", [], ["SRB"]),
    ),
    ("not verdict_is_an_accusation", "The OSCE found Azerbaijani troops in the village.", (None, [], [])),
    # aim_told_by_a_participle: "launched strikes targeting X" names the target of the strikes
    (
        "aim_told_by_a_participle",
        "Russia launched missile strikes targeting Ukrainian power plants.",
        ("ASSAULT", ["RUS"], ["UKR"]),
    ),
    ("not aim_told_by_a_participle", "Russia launched missile strikes overnight.", ("ASSAULT", ["RUS"], [])),
    # threat_in_speech: a statement foretelling harm to someone is a threat
    (
        "threat_in_speech",
        "Azerbaijan's foreign ministry said Armenia would pay a heavy price for the provocation.",
        ("THREATEN", ["AZE"], ["ARM"]),
    ),
    ("threat_in_speech", "Guyana clearly asserts its right to respond.", ("THREATEN", ["GUY"], [])),
    (
        "not threat_in_speech",  # paying for goods is no price exacted
        "Azerbaijan's foreign ministry said Armenia would pay for the gas it received.",
        (None, [], []),
    ),
    # naming_needs_a_judgement: a neutral verb of naming accuses only with a word of judgement
    ("not naming_needs_a_judgement", "Moscow described the operation as a success.", (None, [], [])),
    (
        "not statement_of_its_issuer",
        "A statement demanding that Armenia withdraw its troops was read out.",
        ("REQUEST", [], ["ARM"]),
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "expected"), SENTENCE_RULES, ids=[f"{r[0]}: {r[1][:40]}" for r in SENTENCE_RULES]
)
def test_sentence_role_rules(nlp, rule, text, expected):
    assert sentence(nlp, text) == expected, rule


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # leaning: "pro-Russian separatists" are not Russia
        ("Pro-Russian separatists shelled the town.", []),
        ("The anti-Chinese protesters marched.", []),
        # counterexample: the plain adjective is the state
        ("Russian troops shelled the town.", ["RUS"]),
    ],
)
def test_what_a_group_leans_to_is_not_the_group(text, codes):
    assert [m.code for m in find_actors(text)] == codes


# (rule, text, event that must be there, event that must not): document-level rules of the events stage
DOCUMENT_RULES = [
    (
        "outlets_are_not_actors",
        "Venezuela and Guyana are in dispute. Guyana's president told AFP that Venezuelan troops massed on the border.",
        None,
        ("CONSULT", ["GUY"], []),
    ),
    (
        "reporter_is_not_the_actor",
        "Armenia and Azerbaijan clashed. Armenian officials told Reuters that Azerbaijani drones destroyed two Armenian tanks.",
        ("ASSAULT", ["AZE"], ["ARM"]),
        ("ASSAULT", ["ARM"], ["AZE"]),
    ),
    (
        "characterisation_is_an_accusation",
        "Azerbaijani artillery shelled Armenian villages. Armenia called the shelling an act of aggression.",
        ("ACCUSE", ["ARM"], ["AZE"]),
        ("ASSAULT", ["ARM"], ["AZE"]),
    ),
    (
        "characterisation_is_an_accusation",
        "Russian jets bombed Kharkiv. Ukraine described the raid as a war crime.",
        ("ACCUSE", ["UKR"], ["RUS"]),
        None,
    ),
    (
        "condemned_act_target",
        "Israel and Iran traded strikes. Iran fired missiles at a US base in Qatar. The Qatari government condemned this attack.",
        ("ACCUSE", ["QAT"], ["IRN"]),
        ("ACCUSE", ["QAT"], ["ISR", "USA"]),
    ),
    (
        "not condemned_act_target",  # the doer is named: the parse's reading stands
        "Venezuela and Guyana argue. Brazil condemned Venezuela's incursion.",
        ("ACCUSE", ["BRA"], ["VEN"]),
        None,
    ),
    (
        "denial_is_a_claim",
        "Armenia and Azerbaijan traded fire. Azerbaijan denied that its forces shelled the Armenian village.",
        None,
        ("REJECT", ["AZE"], ["ARM"]),
    ),
    (
        "noncommittal_refusal",
        "Armenia and Azerbaijan traded fire. Azerbaijan refused to confirm the strike on the Armenian post.",
        None,
        ("REJECT", ["AZE"], ["ARM"]),
    ),
    (
        "not noncommittal_refusal",  # refusing an act is a refusal
        "Russia and Ukraine are at war. Russia refused to withdraw its troops from Ukraine.",
        ("REJECT", ["RUS"], ["UKR"]),
        None,
    ),
    (
        "rejected_claim_is_a_claim",
        "Russia and Ukraine are at war. Moscow dismissed the Ukrainian report as propaganda.",
        None,
        ("REJECT", ["RUS"], ["UKR"]),
    ),
    (
        "not rejected_claim_is_a_claim",  # rejecting a proposal is a refusal
        "Russia and Ukraine are at war. Russia rejected Ukraine's peace proposal.",
        ("REJECT", ["RUS"], ["UKR"]),
        None,
    ),
    (
        "commentators_are_not_states",
        "Russia and Ukraine are at war. Analysts said Ukraine would retaliate against Russia.",
        None,
        ("THREATEN", ["UKR"], ["RUS"]),
    ),
    (
        "not commentators_are_not_states",  # a state's own warning is its act
        "Russia and Ukraine are at war. Ukraine said it would retaliate against Russia.",
        ("THREATEN", ["UKR"], ["RUS"]),
        None,
    ),
    (
        "naming_is_not_calling_on",
        "Russia and Ukraine are at war. Russia launched what it called a special operation against Ukraine.",
        None,
        ("REQUEST", ["RUS"], ["UKR"]),
    ),
    (
        "inverted_condition",
        "Russia and Ukraine are talking. Should Kyiv cancel the talks, Moscow could launch an attack on Ukraine.",
        None,
        ("ASSAULT", ["RUS"], ["UKR"]),
    ),
    (
        "anaphoric_target",
        "The OSCE sent monitors to the border. Armenia accused the agency of ignoring the shelling.",
        ("ACCUSE", ["ARM"], ["OSCE"]),
        None,
    ),
    (
        "not anaphoric_target",  # a body named in the object itself stands
        "The OSCE sent monitors. Armenia accused the UN agency of silence.",
        ("ACCUSE", ["ARM"], ["UN"]),
        ("ACCUSE", ["ARM"], ["OSCE"]),
    ),
    (
        "response_aims_at_the_attacker",
        "Venezuela and Guyana argue. Venezuelan troops shelled Guyana's border post. Guyana asserts its right to respond.",
        ("THREATEN", ["GUY"], ["VEN"]),
        None,
    ),
    (
        "a_gathering_is_no_contact",
        "Russia and Ukraine are at war. The UN Security Council convened on Sunday to discuss Russian strikes on Ukraine.",
        None,
        ("CONSULT", ["UNSC"], ["RUS", "UKR"]),
    ),
    (
        "not a_gathering_is_no_contact",  # meeting with someone is contact
        "Russia and Ukraine are at war. The UN Security Council met with Ukraine's foreign minister.",
        ("CONSULT", ["UNSC"], ["UKR"]),
        None,
    ),
    (
        "venue_is_not_a_party",
        "Armenia and Azerbaijan talk. Armenian and Azerbaijani ministers met in Geneva, Switzerland.",
        None,
        ("CONSULT", ["ARM", "AZE"], ["CHE"]),
    ),
    (
        "not venue_is_not_a_party",  # "in a call with X" names the partner
        "Armenia and Azerbaijan talk. Russia brokered the deal in a call with Armenia's prime minister.",
        ("CONSULT", ["RUS"], ["ARM"]),
        None,
    ),
    (
        "a_prospect_is_no_event",
        "Russia and Ukraine are at war. The move could lead to EU sanctions on Moscow.",
        None,
        ("SANCTION", ["EU"], ["RUS"]),
    ),
    (
        "attribution_in_a_relative_clause",
        "Armenia and Azerbaijan argue. The attacks on the border post, which Armenian officials attributed to Azerbaijan, killed two.",
        ("ASSAULT", ["AZE"], ["ARM"]),
        ("ASSAULT", ["MIL"], ["ARM"]),
    ),
    (
        "a_third_states_comment_is_no_loss_of_its_own",
        "Israel and Iran fought. France's foreign minister said the Israeli strike on the prison was unacceptable.",
        None,
        ("ASSAULT", ["ISR"], ["FRA"]),
    ),
    (
        "a_time_anchor_has_happened",
        "Russia and Ukraine are at war. More outages are expected in Kharkiv following a Russian missile strike.",
        ("ASSAULT", ["RUS"], ["UKR"]),
        None,
    ),
    (
        "site_in_the_sentence",
        "Armenia and Azerbaijan argue. Inspectors saw damage at a Gyumri depot after Turkish airstrikes overnight.",
        None,
        ("ASSAULT", ["TUR"], ["ARM", "AZE"]),
    ),
    (
        "a_body_can_be_a_side",
        "The IAEA board declared Venezuela in breach of its obligations. The IAEA said inspectors were barred. "
        "Caracas denounced the decision as political. Brazil and Colombia stayed silent.",
        ("ACCUSE", ["VEN"], ["IAEA"]),
        ("ACCUSE", ["VEN"], ["BRA"]),
    ),
    (
        "judgement_in_speech",
        "Russian missiles hit a Kyiv hospital. Germany's foreign minister said the strike on the hospital was unacceptable.",
        ("ACCUSE", ["DEU"], ["RUS"]),
        ("ASSAULT", ["RUS"], ["DEU"]),
    ),
    (
        "not judgement_in_speech",  # a statement of fact about the strike is no judgement
        "Russian missiles hit a Kyiv hospital. Germany's foreign minister said the strike on the hospital was brief.",
        None,
        ("ACCUSE", ["DEU"], ["RUS"]),
    ),
    (
        "refusal_by_abstention",
        "Armenia and Azerbaijan talk. Armenia said it will not attend the summit with Azerbaijan.",
        ("REJECT", ["ARM"], ["AZE"]),
        None,
    ),
    (
        "not refusal_by_abstention",  # a past absence is told, not a refusal announced
        "Armenia and Azerbaijan talk. Armenia did not attend the summit with Azerbaijan.",
        None,
        ("REJECT", ["ARM"], ["AZE"]),
    ),
    (
        "talks_in_a_phrase",
        "Ethiopia and Eritrea argue. Kenya's president won Eritrea's consent during a call with Ethiopian officials.",
        ("CONSULT", ["KEN"], ["ETH"]),
        None,
    ),
    (
        "act_of_the_decision_owner",
        "Ethiopia and Eritrea are in dispute. In response to the Ethiopian decision to suspend the border treaty, "
        "Eritrea recalled its ambassador.",
        ("SANCTION", ["ETH"], ["ERI"]),
        None,
    ),
    (
        "act_of_the_decision_owner",
        "Armenia and Azerbaijan are in dispute. Armenia expelled two diplomats after Azerbaijan's decision to close "
        "the border crossing.",
        ("SANCTION", ["AZE"], ["ARM"]),
        None,
    ),
    (
        "not act_of_the_decision_owner",  # nobody owns the decision: no actor is invented
        "Armenia and Azerbaijan are in dispute. A decision to close the border crossing was taken.",
        None,
        ("SANCTION", ["AZE"], ["ARM"]),
    ),
    (
        "participle_shares_the_speakers_he",
        "Armenia and Azerbaijan argue. Azerbaijan's president Ilham Aliyev spoke on Monday. He praised Azerbaijani "
        "troops, warning that any move by Armenia would be met with force.",
        ("THREATEN", ["AZE"], ["ARM"]),
        ("THREATEN", ["ARM"], ["AZE"]),
    ),
    (
        "a_danger_is_no_threat",
        "China and Taiwan argue. Taiwan faces a direct threat from Chinese missiles.",
        None,
        ("THREATEN", ["CHN"], ["TWN"]),
    ),
    (
        "not a_danger_is_no_threat",  # a threat to do something is made by someone
        "Russia and Ukraine argue. Moscow renewed its threat to cut gas supplies to Ukraine.",
        ("THREATEN", ["RUS"], ["UKR"]),
        None,
    ),
    (
        "addressed_to_no_state",
        "Russia and Ukraine are at war. Ukraine's president said the world must understand the danger.",
        None,
        ("REQUEST", ["UKR"], ["RUS"]),
    ),
    (
        "not addressed_to_no_state",
        "Russia and Ukraine are at war. Ukraine's president said Moscow must withdraw its troops.",
        ("REQUEST", ["UKR"], ["RUS"]),
        None,
    ),
    (
        "a_sought_deal_is_no_deal",
        "Armenia and Azerbaijan argue. Armenia's president said a Russian proposal for a peace deal was unfair.",
        None,
        ("AGREE", ["ARM", "AZE"], ["ARM", "AZE"]),
    ),
    (
        "not a_sought_deal_is_no_deal",  # a deal reached is one
        "Armenia and Azerbaijan argue. Armenia and Azerbaijan signed a peace deal on Monday.",
        ("SUPPORT", ["ARM", "AZE"], []),
        None,
    ),
    (
        "object_pronoun_is_not_its_subject",
        "Armenia and Azerbaijan argue. Armenia denied shelling the village, after Azerbaijan accused it of doing so.",
        ("ACCUSE", ["AZE"], ["ARM"]),
        None,
    ),
    (
        "exchange_carries_its_noun",
        "Armenia and Azerbaijan argue. The two sides exchanged a barrage of strikes overnight.",
        ("ASSAULT", ["ARM", "AZE"], ["ARM", "AZE"]),
        ("COOPERATE", ["ARM", "AZE"], ["ARM", "AZE"]),
    ),
    (
        "not exchange_carries_its_noun",  # exchanging prisoners is cooperation
        "Armenia and Azerbaijan argue. The two sides exchanged prisoners on Monday.",
        ("COOPERATE", ["ARM", "AZE"], ["ARM", "AZE"]),
        None,
    ),
    (
        "debunked_content_is_no_event",
        "Russia and Ukraine are at war. Reports that Russian troops shelled Kharkiv overnight are false, Moscow said.",
        None,
        ("ASSAULT", ["RUS"], ["UKR"]),
    ),
    (
        "not debunked_content_is_no_event",  # a report confirmed stands
        "Russia and Ukraine are at war. Reports that Russian troops shelled Kharkiv overnight were confirmed by Kyiv.",
        ("ASSAULT", ["RUS"], ["UKR"]),
        None,
    ),
    (
        "the_toll_shares_the_aim",
        "Russia and Ukraine are at war. Russia fired missiles at Kharkiv, killing 12 civilians.",
        ("ASSAULT", ["RUS"], ["UKR"]),
        None,
    ),
    (
        "outlets_are_not_targets",
        "Russia and Ukraine are at war. The Kremlin sharply criticised CNN for its reports.",
        None,
        ("ACCUSE", ["RUS"], ["UKR"]),
    ),
    (
        "own_base_visit",
        "Russia and Ukraine are at war. Russia's defence minister visited Russian troops at an air base in Syria.",
        None,
        ("CONSULT", ["RUS"], ["SYR"]),
    ),
    (
        "not own_base_visit",  # visiting another state is contact
        "China and Taiwan argue. China's defence minister visited Djibouti's president.",
        ("CONSULT", ["CHN"], ["DJI"]),
        None,
    ),
    (
        "own_base_visit",
        "Russia and Ukraine are at war. Russia's defence minister visited a Russian air base in Crimea.",
        None,
        ("CONSULT", ["RUS"], ["UKR"]),
    ),
    (
        "the_attack_is_the_last_one_on_it",  # "the attacks" continue the last attack on that target
        "Russia and Ukraine are at war. Russian missiles struck Kharkiv on Monday. The attacks also hit a power station in Kharkiv.",
        ("ASSAULT", ["RUS"], ["UKR"]),
        ("ASSAULT", ["MIL"], ["UKR"]),
    ),
    (
        "not the_attack_is_the_last_one_on_it",  # the last attack went the other way: no author guessed
        "Russia and Ukraine are at war. Ukrainian drones struck Belgorod on Monday. The attacks also hit a power station in Kharkiv.",
        ("ASSAULT", ["MIL"], ["UKR"]),
        ("ASSAULT", ["RUS"], ["UKR"]),
    ),
    (
        "base_operator_is_the_target",  # the state running a foreign base is hit, not its host
        "North Korea and South Korea argue. North Korea fired rockets at the Camp Humphreys base operated by the U.S. military.",
        ("ASSAULT", ["PRK"], ["USA"]),
        ("ASSAULT", ["PRK"], ["KOR"]),
    ),
    (
        "base_operator_is_the_target",
        "North Korea and South Korea argue. North Korea fired rockets at a US military base in South Korea.",
        ("ASSAULT", ["PRK"], ["KOR", "USA"]),
        ("ASSAULT", ["PRK"], ["KOR"]),
    ),
    (
        "not base_operator_is_the_target",  # a base of the host's own forces is the host's
        "North Korea and South Korea argue. North Korea fired rockets at a South Korean base near the border.",
        ("ASSAULT", ["PRK"], ["KOR"]),
        None,
    ),
    (
        "interception_aims_at_the_attacker",  # the last attack on the interceptor, not the last attack
        "North Korea fired rockets at a US military base in South Korea on Monday, days after US jets struck a "
        "North Korean radar site. South Korea's defence ministry confirmed its air defences had intercepted the attack.",
        ("ASSAULT", ["KOR"], ["PRK"]),
        ("ASSAULT", ["KOR"], []),
    ),
    (
        "not interception_aims_at_the_attacker",  # an object naming its state keeps it
        "North Korea fired rockets at a US military base in South Korea on Monday. South Korea's air defences "
        "intercepted two Chinese drones.",
        ("ASSAULT", ["KOR"], ["CHN"]),
        ("ASSAULT", ["KOR"], ["PRK"]),
    ),
    (
        "told_in_a_call",  # "told X in a phone call": the call is a contact between speaker and addressee
        "Armenia and Azerbaijan argue. Armenia's foreign minister told his French counterpart in a phone call "
        "that Baku was preparing an attack.",
        ("CONSULT", ["ARM"], ["FRA"]),
        None,
    ),
    (
        "not told_in_a_call",  # telling reporters in an interview is no contact with a state
        "Armenia and Azerbaijan argue. Armenia's foreign minister told reporters in an interview that Baku "
        "was preparing an attack.",
        None,
        ("CONSULT", ["ARM"], ["AZE"]),
    ),
    (
        "threat_in_speech",  # "is about to" foretells as "will" does
        "Russia and Ukraine are at war. Russia's defence minister said Ukraine's power grid was about to disappear.",
        ("THREATEN", ["RUS"], ["UKR"]),
        None,
    ),
    (
        "not threat_in_speech",  # the near future with no word of harm is no threat
        "Russia and Ukraine are at war. Russia's defence minister said the storm was about to reach Kyiv.",
        None,
        ("THREATEN", ["RUS"], ["UKR"]),
    ),
    (
        "a_wave_of_strikes",  # the light verb reaches through a measure noun to the event noun
        "Armenia and Azerbaijan are at war. The fighting resumed on Friday, when Azerbaijan launched a wave of drone strikes on Armenia.",
        ("ASSAULT", ["AZE"], ["ARM"]),
        ("ASSAULT", ["MIL"], ["ARM"]),
    ),
    (
        "not a_wave_of_strikes",  # a series of reports on raids is no raid by the publisher
        "Armenia and Azerbaijan are at war. Azerbaijan published a series of reports on the raids.",
        None,
        ("ASSAULT", ["AZE"], ["ARM"]),
    ),
    (
        "not the_attack_is_the_last_one_on_it",  # an indefinite bombing is a new attack, not the last one
        "Russia and Ukraine are at war. Russian missiles struck Kharkiv on Monday. A suicide bombing killed 40 police in Kharkiv.",
        ("ASSAULT", ["MIL"], ["UKR"]),
        None,
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "present", "absent"),
    DOCUMENT_RULES,
    ids=[f"{r[0]}: {r[1][30:70]}" for r in DOCUMENT_RULES],
)
def test_document_role_rules(pipeline, rule, text, present, absent):
    found = document(pipeline, text)
    if present is not None:
        assert present in found, (rule, found)
    if absent is not None:
        assert absent not in found, (rule, found)
    assert not any(c in ("AFP", "REUTERS", "AP") for _, s, t in found for c in s + t), found


def test_role_word_lists_are_words():
    # YAML reads a bare false/yes/on as a boolean: every entry of every list must stay a word
    from offramp.extract.coding import load_role_words

    words = load_role_words()
    for name in words.__dataclass_fields__:
        values = getattr(words, name)
        assert values and all(isinstance(w, str) and w == w.strip() for w in values), name
