"""Every setting of campaign_publish with its default, read once into a frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from campaign_site.settings import setting_bool

DEFAULTS = {
    # Write the web-server configuration: an nginx server block in CAMPAIGN_SERVER_DIR and a
    # `_headers` file in the output (Netlify, Cloudflare Pages). On in publishconf.py only.
    "CAMPAIGN_SERVER_CONFIG": False,
    # Folder of the generated nginx configuration, relative to the project (content/'s parent).
    # Outside the output: it is not part of the website. Kept out of git (.gitignore).
    "CAMPAIGN_SERVER_DIR": "server",
    # The folder nginx serves (`root`); empty: the absolute path of the output folder.
    "CAMPAIGN_SERVER_ROOT": "",
    # TLS certificate and key of an https site ({host}: the site's host name).
    "CAMPAIGN_TLS_CERTIFICATE": "/etc/letsencrypt/live/{host}/fullchain.pem",
    "CAMPAIGN_TLS_CERTIFICATE_KEY": "/etc/letsencrypt/live/{host}/privkey.pem",
    "CAMPAIGN_HSTS": "max-age=31536000; includeSubDomains",
    # Cache lifetime (seconds) of pages, feeds and other files whose names do not change.
    "CAMPAIGN_SHORT_MAX_AGE": 300,
    # Write `.gz` and `.br` copies beside every text file (served by the nginx block).
    "CAMPAIGN_PRECOMPRESS": False,
}


class PublishSettingsError(ValueError):
    """A campaign_publish setting has a value the site cannot use."""


@dataclass(frozen=True)
class PublishSettings:
    server_config: bool
    server_dir: Path
    server_root: Path
    tls_certificate: str
    tls_certificate_key: str
    hsts: str
    short_max_age: int
    precompress: bool


def read_settings(settings: dict) -> PublishSettings:
    """Decode Pelican's settings dict; raise ``PublishSettingsError`` with the fix."""
    get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
    project = Path(settings["PATH"]).resolve().parent
    output = Path(settings["OUTPUT_PATH"]).resolve()  # Pelican makes it absolute already
    try:
        short_max_age = int(get("CAMPAIGN_SHORT_MAX_AGE"))
    except (TypeError, ValueError):
        short_max_age = -1
    if short_max_age < 0:
        raise PublishSettingsError("CAMPAIGN_SHORT_MAX_AGE must be a whole number of seconds")
    return PublishSettings(
        server_config=setting_bool(get("CAMPAIGN_SERVER_CONFIG")),
        server_dir=project / get("CAMPAIGN_SERVER_DIR"),
        server_root=Path(get("CAMPAIGN_SERVER_ROOT") or output),
        tls_certificate=str(get("CAMPAIGN_TLS_CERTIFICATE")),
        tls_certificate_key=str(get("CAMPAIGN_TLS_CERTIFICATE_KEY")),
        hsts=str(get("CAMPAIGN_HSTS")),
        short_max_age=short_max_age,
        precompress=setting_bool(get("CAMPAIGN_PRECOMPRESS")),
    )
