"""The per-client login limit counts real clients: behind a trusted proxy the forwarded address,
never one shared bucket for clients that cannot be told apart."""

import pytest

from access.clients import client_address, trusted_proxies

LOCAL = trusted_proxies("127.0.0.1, ::1")
PROXY = trusted_proxies("10.0.0.5, 192.168.1.0/24")


@pytest.mark.parametrize("peer, forwarded, proxies, client", [
    ("203.0.113.7", None, PROXY, "203.0.113.7"),                       # no proxy: the connection itself
    ("203.0.113.7", "198.51.100.1", PROXY, "203.0.113.7"),            # an untrusted peer cannot forward
    ("10.0.0.5", "198.51.100.1", PROXY, "198.51.100.1"),              # the trusted proxy names the client
    ("10.0.0.5", "6.6.6.6, 198.51.100.1", PROXY, "198.51.100.1"),     # a spoofed hop left of it is ignored
    ("10.0.0.5", "198.51.100.1, 192.168.1.9", PROXY, "198.51.100.1"),  # a chain of trusted proxies
    ("127.0.0.1", "198.51.100.1", LOCAL, "198.51.100.1"),             # a proxy on this machine
    ("::ffff:10.0.0.5", "198.51.100.1", PROXY, "198.51.100.1"),       # IPv4-mapped IPv6 peer
    ("10.0.0.5", "[2001:db8::1]", PROXY, "2001:db8::1"),
])
def test_the_client_is_the_rightmost_address_that_is_not_a_trusted_proxy(peer, forwarded, proxies, client):
    assert client_address(peer, forwarded, proxies) == client


@pytest.mark.parametrize("peer, forwarded", [
    (None, None), ("", "198.51.100.1"), ("geen-adres", None),
    ("127.0.0.1", None),                       # a local connection without a forwarded address
    ("10.0.0.5", None), ("10.0.0.5", ""),      # the proxy forgot the header
    ("10.0.0.5", "unknown"), ("10.0.0.5", "198.51.100.1, <script>"),
    ("10.0.0.5", "192.168.1.9"),               # only trusted proxies
    ("10.0.0.5", "198.51.100.1," * 500),       # an absurdly long header
])
def test_a_client_that_cannot_be_told_is_unknown_never_a_shared_address(peer, forwarded):
    assert client_address(peer, forwarded, PROXY if peer != "127.0.0.1" else LOCAL) is None


def test_the_trusted_proxies_come_from_the_setting_and_a_wrong_one_is_named(monkeypatch):
    monkeypatch.setenv("WOONDEAL_TRUSTED_PROXIES", "10.0.0.5, 10.1.0.0/16")
    assert [str(n) for n in trusted_proxies()] == ["10.0.0.5/32", "10.1.0.0/16"]
    monkeypatch.delenv("WOONDEAL_TRUSTED_PROXIES")
    assert [str(n) for n in trusted_proxies()] == ["127.0.0.1/32", "::1/128"]
    with pytest.raises(ValueError, match="'proxy.example.nl' is geen IP-adres"):
        trusted_proxies("proxy.example.nl")
