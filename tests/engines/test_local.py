"""The local engine's read-ahead thread: items in order, errors where they can be handled."""

from __future__ import annotations

import threading

import pytest

from builder.engines.local import read_ahead


def test_items_come_in_order():
    assert list(read_ahead(iter(range(1000)), size=3)) == list(range(1000))


def test_an_error_of_the_reader_is_raised_to_the_consumer():
    def reader():
        yield 1
        raise ValueError("cut gzip")

    seen = []
    with pytest.raises(ValueError, match="cut gzip"):
        for item in read_ahead(reader()):
            seen.append(item)
    assert seen == [1]


def test_a_consumer_that_stops_early_stops_the_reader():
    produced = []

    def reader():
        for i in range(1_000_000):
            produced.append(i)
            yield i

    for item in read_ahead(reader(), size=2):
        if item == 5:
            break
    assert not any(t.name == "read-ahead" and t.is_alive() for t in threading.enumerate())
    assert len(produced) < 20
