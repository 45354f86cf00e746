"""Ids are 80 random bits in Crockford's base32, never handed out twice, by any process."""

import os
import re

from app.ids import new_id

ID = re.compile(r"txn_[0-9a-hjkmnp-tv-z]{16}")


def test_ids_are_prefixed_base32_of_80_bits_and_all_different() -> None:
    ids = [new_id("txn") for _ in range(5_000)]  # many refills of the random bytes
    assert all(ID.fullmatch(i) for i in ids)
    assert len(set(ids)) == len(ids)
    # Every character of the alphabet turns up in every position: nothing fixed.
    for position in range(4, 20):
        assert len({i[position] for i in ids}) == 32


def test_a_forked_process_does_not_repeat_its_parents_ids() -> None:
    new_id("txn")  # the parent holds random bytes it has not used yet
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        os.write(write, new_id("txn").encode())
        os._exit(0)
    os.waitpid(child, 0)
    os.close(write)
    assert os.read(read, 100).decode() != new_id("txn")
    os.close(read)
