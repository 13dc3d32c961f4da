"""How one form's options are read against the other's: retyped options, status words, and
options of two languages left over on both forms."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import evaluation
from matcher.vocab.reading import read_options

_SPLIT = evaluation.phrases()["dev"]["goals"]
_MENTEES = [_SPLIT[key]["fi"][0] for key in sorted(_SPLIT)]
_MENTORS = [_SPLIT[key]["sv"][1] for key in sorted(_SPLIT)]


def _retyped(text: str, how: int) -> str:
    return (text.lower(), f" {text}", f"{text}  ", text[:1].lower() + text[1:],
            text.replace(" ", "  ", 1), text.upper())[how]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_MENTEES) - 1), st.integers(0, 5)), min_size=1,
                max_size=6), st.sampled_from(["mentees", "mentors"]))
def test_an_option_retyped_reads_as_the_option(retyped, side):
    # an organiser's copy holds answers typed by hand ("dela  med mig av mitt nätverk"): each
    # reads exactly as the offered option, so no topic counts twice on one form
    sides = {"mentees": list(_MENTEES), "mentors": list(_MENTORS)}
    offered = list(sides[side])
    clean = read_options("goals", sides)
    sides[side] += [_retyped(offered[i], how) for i, how in retyped]
    found = read_options("goals", sides)
    for i, how in retyped:
        variant = _retyped(offered[i], how)
        assert found[side][variant].key == clean[side][offered[i]].key
        assert found[side][variant].answer == variant
    for name in sides:
        assert {o: r.key for o, r in found[name].items() if o in clean[name]} == \
            {o: r.key for o, r in clean[name].items()}


def test_a_status_column_is_no_topic():
    # a coordinator's "Status" column ("Kontaktad", "Contacted", "Haastateltu") shares a stem
    # with networking's "kontakter" and job-seeking's interviews, yet names a state, not a topic
    states = ["Kontaktad", "Contacted", "Kontaktoitu", "Haastateltu", "Intervjuad", "Interviewed"]
    found = read_options("goals", {"mentors": states, "mentees": list(_MENTEES)})["mentors"]
    assert {found[s].method for s in states} == {"own"}
    # the topics they look like are still read when they are topics
    topics = read_options("goals", {"mentors": ["Kontakter", "Interviews"]})["mentors"]
    assert (topics["Kontakter"].key, topics["Interviews"].key) == ("networking", "job_search_skills")


def test_leftovers_of_two_languages_pair_by_the_concept_both_lean_to():
    # dev6's English mentee and Swedish mentor topics: all but five a side read alone, and of
    # those, two concepts are left that neither form reads (leadership, wellbeing); each
    # leftover pairs with the one leaning to the same of them. A lean spread too small to mean
    # anything ("computers" leans to nothing) makes no option alike another
    topics = evaluation.phrases()["dev6"]["goals"]
    found = read_options("goals", {"mentees": [topics[k]["en"][0] for k in sorted(topics)],
                                   "mentors": [topics[k]["sv"][1] for k in sorted(topics)]})
    for key in ("digital_skills", "leadership", "wellbeing"):
        assert found["mentees"][topics[key]["en"][0]].key == found["mentors"][topics[key]["sv"][1]].key


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(sorted(_SPLIT)), st.sampled_from([("sv", "en"), ("fi", "en"), ("sv", "fi")]))
def test_a_topic_pairs_across_languages(key, languages):
    # a mentor form in one language and a mentee form in another: every topic the two forms
    # offer reads as one category on both, whichever it is
    mentor, mentee = languages
    found = read_options("goals", {"mentees": [_SPLIT[k][mentee][0] for k in sorted(_SPLIT)],
                                   "mentors": [_SPLIT[k][mentor][1] for k in sorted(_SPLIT)]})
    assert found["mentees"][_SPLIT[key][mentee][0]].key == found["mentors"][_SPLIT[key][mentor][1]].key
