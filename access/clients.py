"""Which client is behind a connection, for the per-client login limit: the real address, also
behind a reverse proxy, and never one address shared by everybody.

Behind a reverse proxy every connection comes from the proxy. Only when the connection's address
is one of the trusted proxies (``WOONDEAL_TRUSTED_PROXIES``: addresses or networks, separated by
commas; by default the loopback addresses, where a local reverse proxy sits) is the
``X-Forwarded-For`` header believed, read from the right: the first address in it that is not a
trusted proxy is the client. A client that cannot be told (no header, an unreadable one, only
trusted addresses) is ``None``: the caller then counts per session, so that no unknown address
becomes one bucket that every failed login fills for everyone.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from geo import paths

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MAX_FORWARDED = 2048  # characters of X-Forwarded-For that are read; a longer header is not believed


def trusted_proxies(text: str | None = None) -> tuple[Network, ...]:
    """The trusted proxies from the setting (or the given text); a wrong entry is a ValueError in Dutch."""
    value = paths.setting("trusted_proxies") if text is None else text
    networks = []
    for entry in (part.strip() for part in value.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"WOONDEAL_TRUSTED_PROXIES: '{entry}' is geen IP-adres of netwerk "
                             "(bijvoorbeeld 10.0.0.5 of 10.0.0.0/24)") from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address, proxies: Sequence[Network]) -> bool:
    return any(address.version == network.version and address in network for network in proxies)


def client_address(peer: str | None, forwarded_for: str | None, proxies: Sequence[Network]) -> str | None:
    """The client's address: the peer itself, or, when the peer is a trusted proxy, the rightmost
    address of X-Forwarded-For that is not a trusted proxy; None when it cannot be told."""
    address = _address(peer) if peer else None
    if address is None:
        return None
    if not _trusted(address, proxies):
        return str(address)
    if not forwarded_for or len(forwarded_for) > MAX_FORWARDED:
        return None
    for hop in reversed(forwarded_for.split(",")):
        forwarded = _address(hop)
        if forwarded is None:
            return None
        if not _trusted(forwarded, proxies):
            return str(forwarded)
    return None
