import pytest

from shopchat.limits import TokenBucket, WindowCounter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_bucket_allows_a_burst_then_refills_at_its_rate():
    clock = FakeClock()
    bucket = TokenBucket(rate=0.5, burst=3, clock=clock)
    assert [bucket.take() for _ in range(3)] == [0, 0, 0]
    assert bucket.take() == 2  # one token takes 2 s at 0.5/s
    clock.now += 2
    assert bucket.take() == 0
    assert bucket.take() > 0
    clock.now += 100
    assert [bucket.take() for _ in range(4)] == [0, 0, 0, 2]  # never more than the burst


def test_window_counts_per_key_and_resets_each_window():
    clock = FakeClock()
    counter = WindowCounter(limit=2, window=60, clock=clock)
    assert counter.hit("a") == counter.hit("a") == 0
    wait = counter.hit("a")
    assert 0 < wait <= 60
    assert counter.hit("b") == 0
    clock.now += wait
    assert counter.hit("a") == 0


def test_window_forgets_the_stalest_keys_under_a_flood(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(WindowCounter, "MAX_KEYS", 3)
    counter = WindowCounter(limit=1, window=60, clock=FakeClock())
    for key in "abcd":
        counter.hit(key)
    assert counter.hit("a") == 0  # "a" was forgotten; memory stays bounded
    assert counter.hit("d") > 0
