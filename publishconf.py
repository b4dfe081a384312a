"""Publication settings: absolute URLs from the SITEURL environment variable, strict checks."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "publishconf.py: set SITEURL to the site's address, e.g. "
        "'make publish SITEURL=https://campaign.example.org'"
    )
CAMPAIGN_STRICT = True
# campaign_publish: nginx server block in server/ and _headers in the output; .gz/.br copies.
CAMPAIGN_SERVER_CONFIG = True
CAMPAIGN_PRECOMPRESS = True
