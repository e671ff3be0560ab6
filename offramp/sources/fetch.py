"""Fetch a web page or feed, refusing what an analyst's laptop should not be steered to.

Only http(s); unless ``allow_private``, every address the host resolves to
(and every redirect's host) must be a public one, so a link in a feed cannot make
offramp read a router page or a cloud metadata service. The check is made again
when the connection is opened, on the address actually connected to: a name that
resolved to a public address for the check and to a private one a moment later
(DNS rebinding) is refused before any request is sent. Timeouts and a size cap
keep a slow or endless response from hanging an ingest.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..errors import FetchError

__all__ = ["MAX_BYTES", "Fetched", "check_url", "fetch"]

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_REDIRECTS = 5
USER_AGENT = "offramp/0.1 (crisis research; +https://github.com/offramp)"


@dataclass
class Fetched:
    """A fetched response: where it ended up, its type and bytes."""

    url: str
    final_url: str
    status: int
    content_type: str
    content: bytes
    encoding: str | None = None


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


def _resolve(host: str, port: int, where: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(
            f"cannot resolve host {host!r} ({exc})", where=where, hint="check the address and network"
        ) from None
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def _refuse_private(host: str, ips: list[ipaddress.IPv4Address | ipaddress.IPv6Address], where: str) -> None:
    for ip in ips:
        if not _public(ip):
            raise FetchError(
                f"refused: {host} resolves to a non-public address ({ip})",
                where=where,
                hint="pass --allow-private to fetch from your own network",
            )


class _PublicOnlyBackend(httpcore.SyncBackend):
    """Opens connections only to public addresses: the host is resolved here, every
    address checked, and the socket connected to a checked address (not resolved again)."""

    def __init__(self, url: str):
        self.url = url

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        ips = _resolve(host, port, self.url)
        _refuse_private(host, ips, self.url)
        last: Exception | None = None
        for ip in ips:
            try:
                return super().connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:  # try the host's next address
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


def _transport(url: str, allow_private: bool) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    if not allow_private:
        pool = getattr(transport, "_pool", None)
        if not hasattr(pool, "_network_backend"):  # an httpx whose internals moved: fail closed
            raise FetchError(
                "cannot guard connections with this httpx version",
                where=url,
                hint="install the httpx version pinned by offramp, or pass --allow-private",
            )
        pool._network_backend = _PublicOnlyBackend(url)  # type: ignore[union-attr]
    return transport


def check_url(url: str, *, allow_private: bool = False) -> None:
    """``FetchError`` unless ``url`` is http(s) and (unless allowed) its host is public."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"not a valid URL ({exc})", where=url, hint="check the address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(
            f"refused: only http and https URLs are fetched, not {parts.scheme or 'a bare path'!r}",
            where=url,
            hint="save the file and ingest it from disk",
        )
    host = parts.hostname
    if not host:
        raise FetchError("the URL has no host", where=url, hint="check the address")
    if allow_private:
        return
    ips = _resolve(host, port or (443 if parts.scheme == "https" else 80), url)
    _refuse_private(host, ips, url)


def fetch(
    url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES, timeout: float | None = None
) -> Fetched:
    """GET ``url`` (following up to 5 redirects, each checked); ``FetchError`` naming the URL on failure."""
    current = url
    tmo = httpx.Timeout(timeout) if timeout is not None else TIMEOUT
    with httpx.Client(
        timeout=tmo,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
        transport=_transport(url, allow_private),
    ) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private=allow_private)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect and resp.headers.get("location"):
                        current = urljoin(current, resp.headers["location"])
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(
                            f"the server answered HTTP {resp.status_code}",
                            where=url,
                            hint="check the address, or save the page and ingest the file",
                        )
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(
                            f"the response is {int(declared):,} bytes, over the {max_bytes:,}-byte cap",
                            where=url,
                            hint="save the file and ingest it from disk",
                        )
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(
                                f"the response is over the {max_bytes:,}-byte cap",
                                where=url,
                                hint="save the file and ingest it from disk",
                            )
                        chunks.append(chunk)
                    return Fetched(
                        url=url,
                        final_url=str(resp.url),
                        status=resp.status_code,
                        content_type=resp.headers.get("content-type", "").split(";")[0].strip().lower(),
                        content=b"".join(chunks),
                        encoding=resp.charset_encoding,
                    )
            except FetchError:
                raise
            except httpx.TimeoutException:
                raise FetchError(
                    "timed out", where=url, hint="try again later, or save the page and ingest the file"
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"cannot fetch: {type(exc).__name__}: {exc}",
                    where=url,
                    hint="check the address and network",
                ) from None
    raise FetchError(
        f"more than {MAX_REDIRECTS} redirects", where=url, hint="open it in a browser to see where it goes"
    )
