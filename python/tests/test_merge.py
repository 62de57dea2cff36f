import pytest

import dateline

STARMER, TRUMP, MACRON, RUSSIA, EU = 1, 2, 3, 4, 5


def report(kind, status, actors, time, published, mod=None):
    return {"type": kind, "status": status, "time": time, "mod": mod, "published": published,
            "actors": [{"entity": e, "role": r} for e, r in actors]}


def test_planned_week_and_later_day_are_one_meeting_but_not_with_macron():
    planned = report("CONSULT", "planned", [(STARMER, "source"), (TRUMP, "target")], "2025-W09", "2025-02-15")
    held = report("CONSULT", "occurred", [(TRUMP, "source"), (STARMER, "target")], "2025-02-27", "2025-02-28")
    macron = report("CONSULT", "occurred", [(STARMER, "source"), (MACRON, "target")], "2025-02-27", "2025-02-28")
    assert dateline.merge_score(planned, held) is not None
    assert dateline.merge_score(planned, macron) is None
    # Input order does not matter: reports are taken in publication order.
    assert dateline.merge_events([held, macron, planned]) == [0, 1, 0]


def test_directed_types_keep_their_direction():
    a = report("SANCTION", "occurred", [(EU, "source"), (RUSSIA, "target")], "2025-02-24", "2025-02-24")
    b = report("SANCTION", "occurred", [(RUSSIA, "source"), (EU, "target")], "2025-02-24", "2025-02-24")
    assert dateline.merge_events([a, b]) == [0, 1]


def test_directional_mod_makes_time_unknown():
    a = report("ACCUSE", "occurred", [(RUSSIA, "source")], "2025-02-10", "2025-02-20", mod="BEFORE")
    b = report("ACCUSE", "occurred", [(RUSSIA, "source")], None, "2025-02-21")
    assert dateline.merge_events([a, b]) == [0, 0]


def test_entity_key_and_bad_input():
    assert dateline.entity_key("Sir Keir Starmer", "PERSON") == ("PERSON", "keir starmer")
    assert dateline.entity_key("the US", "GPE")[0] == dateline.entity_key("Crimea", "LOC")[0]
    with pytest.raises(dateline.DatelineError):
        dateline.entity_key("x", "ANIMAL")
    with pytest.raises(dateline.DatelineError, match="report 0"):
        dateline.merge_events([{"status": "occurred"}])
    assert dateline.merge_events([]) == []


def test_undated_reports_merge_only_within_one_story():
    # Two archive articles with no dates: the same warning, told with the same cast of names.
    story = [STARMER, TRUMP, RUSSIA, EU, 10, 11, 12]
    a = report("THREATEN", "occurred", [(STARMER, "source"), (RUSSIA, "target")], None, None)
    b = report("THREATEN", "occurred", [(STARMER, "source"), (RUSSIA, "target")], None, None)
    a.update(trigger="warned", context=story)
    b.update(trigger="warns", context=story + [13])
    assert dateline.merge_events([a, b]) == [0, 0]
    # A different statement by the same people in the same story stays apart.
    c = dict(b, trigger="refused")
    assert dateline.merge_events([a, c]) == [0, 1]
    # Without the articles' contexts, undated reports never merge.
    assert dateline.merge_events([dict(a, context=[]), dict(b, context=[])]) == [0, 1]
