"""The engine server's --lanes argument: how many requests run at once."""

from lance_engine.server import lanes_asked


def test_one_lane_unless_asked():
    assert lanes_asked([]) == 1
    assert lanes_asked(["--other", "3"]) == 1


def test_lanes_asked_for():
    assert lanes_asked(["--lanes", "4"]) == 4


def test_a_bad_or_missing_count_is_one_lane():
    assert lanes_asked(["--lanes"]) == 1
    assert lanes_asked(["--lanes", "x"]) == 1
    assert lanes_asked(["--lanes", "0"]) == 1
