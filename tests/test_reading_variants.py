"""One option typed in another case or spacing is the same option; it reads as its first writing."""

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
