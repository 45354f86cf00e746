"""Webhook requests pinned to a checked address: the defence against DNS rebinding.

Checking a URL's host (every address public) and then letting an HTTP client connect leaves
a window: the client looks the name up again, and a hostile DNS server can answer a public
address to the check and 127.0.0.1 or the cloud metadata address (169.254.169.254) to the
connection. So an attempt looks the host up once (app/services/webhooks.py's `resolve`),
is refused if any address is not public, and sends to a checked address itself: the URL's
host is replaced by the address, while the name travels as the Host header and as TLS's
server name (httpx's `sni_hostname` request extension), against which the certificate is
verified. The transport (app/webhook_transport.py) connects only to address literals: it
is left no name to look up.

Pooling: the transport keeps connections per (scheme, address, port, server name), and the
dispatcher one transport per endpoint and URL origin (scheme, name, port): a kept-alive
connection serves only the name whose certificate it verified, and only while its address
is among the ones this attempt checked (a request for another address finds no connection
to it)."""

from dataclasses import dataclass, field

import httpx

from app.services import webhooks

# Checked addresses tried in turn when one does not answer (httpx would have tried each of
# the name's addresses): enough for a dual-stack host, and, at 5 s to connect, well inside
# the dispatcher's lease.
TRY_ADDRESSES = 3


@dataclass(frozen=True, slots=True)
class Target:
    """A URL resolved and checked for one attempt."""

    url: httpx.URL
    addresses: tuple[str, ...]  # every one checked, in the resolver's order
    origin: str  # scheme://name[:port], what a connection is verified for
    host: str  # the Host header: the URL's name (and port, if not the scheme's)
    name: str  # the name (IDNA), for TLS's server name
    extensions: dict[str, str] = field(init=False)  # httpx's: the TLS server name
    _pinned: dict[str, httpx.URL] = field(init=False)

    def __post_init__(self) -> None:
        # Made once per resolution, not per send (a batch's sends to the URL share them).
        object.__setattr__(self, "extensions", {"sni_hostname": self.name})
        pinned = {a: self.url.copy_with(host=a) for a in self.addresses}
        object.__setattr__(self, "_pinned", pinned)

    def at(self, address: str) -> httpx.URL:
        """The URL with `address` (one of `addresses`) in place of the name (IPv6
        bracketed by httpx)."""
        return self._pinned[address]


async def resolve_target(url: str, *, allow_private: bool) -> Target | str:
    """The URL with its host's addresses, each checked (any one refused refuses them all;
    the development setting allows private ones), or why it may not be called now."""
    reason = webhooks.url_refusal(url, allow_private=allow_private)
    if reason is not None:
        return reason
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return "is not a valid URL"
    name = parsed.raw_host.decode("ascii")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    addresses = await webhooks.resolve(name, port)
    reason = webhooks.address_refusal(addresses, allow_private=allow_private)
    if reason is not None:
        return reason
    host = parsed.netloc.decode("ascii")
    return Target(
        url=parsed,
        addresses=tuple(addresses[:TRY_ADDRESSES]),
        origin=f"{parsed.scheme}://{host}",
        host=host,
        name=name,
    )
