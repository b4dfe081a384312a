"""The core without campaign_gallery: pictures still published, once each, without metadata."""

from __future__ import annotations

import io
import re

from PIL import Image

from conftest import story

CORE_ONLY = {"PLUGINS": ["campaign_i18n", "campaign_memes", "campaign_site"]}


def phone_photo() -> bytes:
    """A 300 x 200 JPEG stored sideways (EXIF orientation 6) with a camera name and GPS."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make
    exif[0x0112] = 6  # orientation: turn 90 degrees to show it
    exif.get_ifd(0x8825).update({1: "N", 2: (48.0, 51.0, 24.0)})  # GPS latitude
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_pictures_without_the_gallery_plugin(site):
    site.write("images/photo.jpg", phone_photo())
    site.write("stories/a.en.md", story("a") + "\n![A red square](images/photo.jpg)\n")
    result = site.build(extra=CORE_ONLY)
    assert result.returncode == 0, result.log
    assert not (result.output / "images" / "photo.jpg").exists(), "the original is not published"

    img = re.search(r"<img [^>]*alt=\"A red square\"[^>]*>", result.page("stories/a/"))
    assert img, result.page("stories/a/")
    tag = img.group(0)
    assert 'width="200"' in tag and 'height="300"' in tag  # the displayed (upright) size
    src = re.search(r'src="/([^"]+)"', tag).group(1)
    data = (result.output / src).read_bytes()
    assert b"SecretCam" not in data and b"GPS" not in data and b"Exif" not in data
    with Image.open(io.BytesIO(data)) as published:
        assert published.size == (200, 300)
        assert not dict(published.getexif())
