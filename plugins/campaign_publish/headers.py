"""The HTTP response policy of the site, and the web-server files that apply it.

Pure text generation: ``static_host_headers`` is the ``_headers`` file of Netlify and
Cloudflare Pages; ``nginx_config`` is an nginx server block (for Debian's nginx-light: no
brotli module is needed, the ``.br`` copies are picked with ``try_files``), written by the
theme's Jinja template ``server/nginx.conf``.

The site loads nothing from anywhere else and has no inline script or style, so the content
security policy allows only the site itself. Two exceptions, each under its own paths only:
WebAssembly, which the search (campaign_search: Pagefind) compiles: ``'wasm-unsafe-eval'`` is
added to ``script-src`` under ``HeaderPolicy.wasm_paths`` (the search pages and the search
bundle, whose worker script gets its own policy); and the feeds (``feed_paths``), which a
browser shows with its own XML viewer: its inline styles and ``data:`` icons are allowed
there, or the policy turns a feed opened in a tab into an unstyled wall of text (scripts stay
forbidden). Feeds have no XSLT view: docs/design.md, "Feeds in a browser".
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment

from .compress import COMPRESSIBLE

# the project theme's template of the nginx configuration (a theme may have its own)
NGINX_TEMPLATE = (
    Path(__file__).resolve().parents[2] / "theme" / "templates" / "server" / "nginx.conf"
)
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
# Content-hashed files: theme assets (assets/css/site.0123456789.css) and derived images.
IMMUTABLE_DIRS = ("assets", "images")
NOT_PUBLIC = ("_headers",)  # files in the output that are for the host, not for visitors

MIME_TYPES = {
    "html": "text/html",
    "css": "text/css",
    "js": "text/javascript",
    "xml": "application/xml",
    "json": "application/json",
    "svg": "image/svg+xml",
    "txt": "text/plain",
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "webmanifest": "application/manifest+json",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
    "ico": "image/x-icon",
    "woff2": "font/woff2",
    "woff": "font/woff",
    "pdf": "application/pdf",
}
# Types nginx labels "; charset=utf-8" (text/html always is: listing it is an error).
_TEXT_TYPES = {MIME_TYPES[ext] for ext in (*COMPRESSIBLE, "atom", "rss", "webmanifest")}
_TEXT_TYPES |= {"application/javascript", "text/xml", "application/feed+json"}
CHARSET_TYPES = sorted(_TEXT_TYPES - {"text/html"})

CSP_DIRECTIVES = (
    ("default-src", "'self'"),
    ("img-src", "'self'"),
    ("style-src", "'self'"),
    ("script-src", "'self'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
# Powerful browser features the site never uses, switched off for it and anything it embeds.
# (interest-cohort is left out: Chromium no longer knows it and logs an error for it.)
PERMISSIONS = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
)


WASM_SOURCE = "'wasm-unsafe-eval'"  # compiling WebAssembly; not eval() of scripts
# what a browser's own XML viewer needs to show a feed opened in a tab: inline styles and
# data: icons (Chromium's fold arrows); never scripts
FEED_VIEW_SOURCES = {"style-src": "'unsafe-inline'", "img-src": "data:"}


@dataclass(frozen=True)
class HeaderPolicy:
    https: bool
    hsts: str = "max-age=31536000; includeSubDomains"
    short_max_age: int = 300
    # URL paths (no leading slash, each a folder: "search/", "fr/search/") where pages and
    # scripts may compile WebAssembly
    wasm_paths: tuple[str, ...] = ()
    # URL folders of the feeds ("feeds/", "fr/feeds/"): the browser's XML viewer may style
    # them (FEED_VIEW_SOURCES)
    feed_paths: tuple[str, ...] = ()

    @property
    def short_cache(self) -> str:
        return f"public, max-age={self.short_max_age}"


def content_security_policy(https: bool, wasm: bool = False, feed: bool = False) -> str:
    extra = {"script-src": WASM_SOURCE} if wasm else {}
    if feed:
        extra.update(FEED_VIEW_SOURCES)
    directives = [
        f"{name} {value} {extra[name]}" if name in extra else f"{name} {value}"
        for name, value in CSP_DIRECTIVES
    ]
    if https:  # over plain http it would send every request to an https address that fails
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


def security_headers(policy: HeaderPolicy) -> list[tuple[str, str]]:
    """Headers of every response. HSTS is ignored by browsers over plain http."""
    return [
        ("Content-Security-Policy", content_security_policy(policy.https)),
        ("Strict-Transport-Security", policy.hsts),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", ", ".join(f"{name}=()" for name in PERMISSIONS)),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]


def static_host_headers(policy: HeaderPolicy) -> str:
    """The ``_headers`` file of Netlify and Cloudflare Pages.

    Both hosts combine the rules that match a path, so pages get no Cache-Control here (the
    hosts' own default revalidates them) and only the content-hashed folders get one.
    """
    lines = [
        "# Generated by campaign_publish (make publish); edit plugins/campaign_publish instead.",
        "# Response headers for static hosts that read this file (Netlify, Cloudflare Pages).",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in security_headers(policy)]
    for folder in IMMUTABLE_DIRS:
        lines += [f"/{folder}/*", f"  Cache-Control: {IMMUTABLE_CACHE}"]
    if policy.wasm_paths:
        # Netlify takes a header from the last rule that matches: the search's policy
        # replaces the site's one there. (Cloudflare Pages joins both values, which keeps
        # the stricter one in force: add "! Content-Security-Policy" to these rules there.)
        lines.append(
            "# The search compiles WebAssembly (Pagefind): allowed under these paths only."
        )
        wasm_csp = content_security_policy(policy.https, wasm=True)
        for path in policy.wasm_paths:
            lines += [f"/{path}*", f"  Content-Security-Policy: {wasm_csp}"]
    if policy.feed_paths:
        lines.append("# Feeds opened in a tab: the browser's XML viewer styles them.")
        feed_csp = content_security_policy(policy.https, feed=True)
        for path in policy.feed_paths:
            lines += [f"/{path}*", f"  Content-Security-Policy: {feed_csp}"]
    return "\n".join(lines) + "\n"


# -- nginx ----------------------------------------------------------------------------------

# Accept-Encoding asks for brotli (and does not refuse it with q=0).
_BR_REFUSED = r"~*(^|[\s,])br\s*;\s*q=0(\.0*)?\s*(,|$)"
_BR_ACCEPTED = r"~*(^|[\s,])br\s*(,|;|$)"


def _quote(value: str, *, regex: bool = False) -> str:
    """An nginx string literal. In a value ``$`` would start a variable, so it is refused;
    a ``map`` key that is a regular expression may use it as an anchor."""
    if "\n" in value or ("$" in value and not regex):
        raise ValueError(f"{value!r} cannot go into the nginx configuration")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _listen_address(host: str, port: int) -> str:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return str(port)  # a host name: every interface, server_name picks the site
    return f"[{address}]:{port}" if address.version == 6 else f"{address}:{port}"


def nginx_config(
    siteurl: str,
    root: str,
    language_prefixes: list[str],
    policy: HeaderPolicy,
    *,
    tls_certificate: str = "",
    tls_certificate_key: str = "",
    template: str = "",
) -> str:
    """An nginx configuration serving the output folder ``root`` at ``siteurl``, written by
    the Jinja ``template`` (the theme's ``server/nginx.conf``; this project's by default).

    ``language_prefixes`` are the folders of the non-default languages (``["fr/", "ar/"]``):
    a missing page under one of them gets that language's 404 page. The text goes in nginx's
    ``http {}`` block: the ``map``s first (their variable names carry the site's host, so
    several sites can share a server), then the ``server``.
    """
    parts = urlsplit(siteurl)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"the site URL {siteurl!r} must be http:// or https:// with a host")
    if parts.path.strip("/"):
        raise ValueError(f"the site URL {siteurl!r} must not have a path: it is served at /")
    https = parts.scheme == "https"
    host = parts.hostname
    port = parts.port or (443 if https else 80)
    var = "campaign_" + re.sub(r"[^a-z0-9]+", "_", f"{host}_{port}".lower()).strip("_")
    by_type: dict[str, list[str]] = {}
    for ext, mime in MIME_TYPES.items():
        by_type.setdefault(mime, []).append(ext)
    values = {
        "siteurl": siteurl,
        "var": var,
        "br_refused": _BR_REFUSED,
        "br_accepted": _BR_ACCEPTED,
        "short_cache": policy.short_cache,
        "immutable_dirs": IMMUTABLE_DIRS,
        "immutable_cache": IMMUTABLE_CACHE,
        "language_folders": [
            (prefix.strip("/"), re.escape(prefix.strip("/")))
            for prefix in sorted(language_prefixes)
        ],
        "https": https,
        "host": host,
        "netloc": parts.netloc,
        "port": port,
        "listen": _listen_address(host, port),
        "tls_certificate": tls_certificate.format(host=host),
        "tls_certificate_key": tls_certificate_key.format(host=host),
        "root": root,
        "charset_types": CHARSET_TYPES,
        "types": sorted(by_type.items()),
        "headers": _headers(policy, var),
        # the search compiles WebAssembly (Pagefind): a policy by path, when it is on
        "wasm_pattern": _path_pattern(policy.wasm_paths),
        # the feeds are shown by the browser's own XML viewer: its styles, by path too
        "feed_pattern": _path_pattern(policy.feed_paths),
        "csp": content_security_policy(policy.https),
        "wasm_csp": content_security_policy(policy.https, wasm=True),
        "feed_csp": content_security_policy(policy.https, feed=True),
        "not_public": NOT_PUBLIC,
        "compressible": [(ext, MIME_TYPES[ext]) for ext in COMPRESSIBLE],
    }
    return _text_environment().from_string(template or NGINX_TEMPLATE.read_text()).render(values)


def _headers(policy: HeaderPolicy, var: str) -> list[tuple[str, str]]:
    """Every response's headers; the policy comes from the by-path map when the search
    needs WebAssembly or the feeds their browser view under some paths."""
    headers = [*security_headers(policy), ("Cache-Control", f"${var}_cache")]
    if policy.wasm_paths or policy.feed_paths:
        headers = [
            (name, f"${var}_csp" if name == "Content-Security-Policy" else value)
            for name, value in headers
        ]
    return headers


def _path_pattern(paths: tuple[str, ...]) -> str:
    """An nginx ``map`` regex matching URIs under any of ``paths`` ("" for none)."""
    if not paths:
        return ""
    return "~^/(" + "|".join(re.escape(p) for p in sorted(paths)) + ")"


def _text_environment() -> Environment:
    """Jinja for configuration text: no HTML escaping; ``q`` quotes an nginx string."""
    env = Environment(
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    env.filters["q"] = lambda value, regex=False: _quote(str(value), regex=regex)
    return env
