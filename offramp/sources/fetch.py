"""Fetch a web page or feed, refusing what an analyst's laptop should not be steered to.

Only http(s); unless ``allow_private``, every address the host resolves to
(and every redirect's host) must be a public one, so a link in a feed cannot make
offramp read a router page or a cloud metadata service. The check is made again
when the connection is opened, on the address actually connected to: a name that
resolved to a public address for the check and to a private one a moment later
(DNS rebinding) is refused before any request is sent. An overall deadline
(``fetch_timeout``: connecting, headers and body together, enforced on every read
of the socket) and a size cap (``fetch_max_bytes``) keep a slow-drip or endless
response from hanging an ingest.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from .. import config
from ..errors import FetchError

__all__ = ["Fetched", "check_url", "fetch"]

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


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write gives up at one overall deadline, so a
    server that sends a byte now and then cannot hold a fetch past it."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float):
        self.stream = stream
        self.deadline = deadline

    def _left(self, timeout: float | None) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the overall deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self._left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self._left(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self.stream.start_tls(ssl_context, server_hostname, self._left(timeout))
        return _DeadlineStream(tls, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Opens connections under the fetch's deadline and, unless ``allow_private``, only to
    public addresses: the host is resolved here, every address checked, and the socket
    connected to a checked address (not resolved again)."""

    def __init__(self, url: str, deadline: float, allow_private: bool):
        self.url = url
        self.deadline = deadline
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the overall deadline passed")
        timeout = left if timeout is None else min(timeout, left)
        if self.allow_private:
            stream = super().connect_tcp(host, port, timeout, local_address, socket_options)
            return _DeadlineStream(stream, self.deadline)
        ips = _resolve(host, port, self.url)
        _refuse_private(host, ips, self.url)
        last: Exception | None = None
        for ip in ips:
            try:
                stream = super().connect_tcp(str(ip), port, timeout, local_address, socket_options)
                return _DeadlineStream(stream, self.deadline)
            except httpcore.ConnectError as exc:  # try the host's next address
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


def _transport(url: str, allow_private: bool, deadline: float) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    if not hasattr(pool, "_network_backend"):  # an httpx whose internals moved: fail closed
        raise FetchError(
            "cannot guard connections with this httpx version",
            where=url,
            hint="install the httpx version pinned by offramp",
        )
    pool._network_backend = _GuardedBackend(url, deadline, allow_private)  # type: ignore[union-attr]
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
    url: str, *, allow_private: bool = False, max_bytes: int | None = None, timeout: float | None = None
) -> Fetched:
    """GET ``url`` (following up to 5 redirects, each checked); ``FetchError`` naming the URL on failure.

    ``timeout`` (default: the ``fetch_timeout`` setting) is for the whole fetch, redirects
    included; ``max_bytes`` (default: ``fetch_max_bytes``) caps the body.
    """
    current = url
    max_bytes = int(config.get("fetch_max_bytes")) if max_bytes is None else max_bytes
    seconds = float(config.get("fetch_timeout")) if timeout is None else timeout
    deadline = time.monotonic() + seconds
    with httpx.Client(
        timeout=httpx.Timeout(seconds),
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
        transport=_transport(url, allow_private, deadline),
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
                            f"the response is {int(declared):,} bytes, over the {max_bytes:,}-byte cap (OFFRAMP_FETCH_MAX_BYTES)",
                            where=url,
                            hint="save the file and ingest it from disk",
                        )
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(
                                f"the response is over the {max_bytes:,}-byte cap (OFFRAMP_FETCH_MAX_BYTES)",
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
                    f"no complete answer within {seconds:g} s (the OFFRAMP_FETCH_TIMEOUT deadline)",
                    where=url,
                    hint="try again later, or save the page and ingest the file",
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
