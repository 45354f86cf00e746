"""Who a key acts as, remembered per process for the hot path.

A key's organisation, roles and scopes never change once it exists (no endpoint edits
them); only whether it is still live does, and that is not remembered here: whoever serves
a request from this cache checks liveness in the database in the request's own statement
(the earning: ledger.EARN checks `revoked_at` and touches `last_used_at`), so a revoked key
still gets its 401 on its next request, on every instance. The cache only spares the
separate look-up statement. Bounded: least recently used keys are forgotten first."""

from collections import OrderedDict

from app.auth.caller import Caller

MAX_KEYS = 10_000


class KeyCache:
    def __init__(self, max_keys: int = MAX_KEYS) -> None:
        self._callers: OrderedDict[bytes, Caller] = OrderedDict()
        self._max = max_keys

    def get(self, digest: bytes) -> Caller | None:
        caller = self._callers.get(digest)
        if caller is not None:
            self._callers.move_to_end(digest)
        return caller

    def put(self, digest: bytes, caller: Caller) -> None:
        self._callers[digest] = caller
        self._callers.move_to_end(digest)
        while len(self._callers) > self._max:
            self._callers.popitem(last=False)

    def forget(self, digest: bytes) -> None:
        self._callers.pop(digest, None)
