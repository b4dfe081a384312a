"""The image service the core uses for every picture in content.

``campaign_gallery`` provides the full responsive pipeline; it installs its service by
putting it in the Pelican context under ``IMAGE_SERVICE_KEY`` when its generator is created.
Without it the core falls back to ``BasicImages``: one metadata-free copy of each picture.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PIL import Image, ImageOps

from . import safety
from .problems import Problem

if TYPE_CHECKING:
    from .site_api import Writer

IMAGE_SERVICE_KEY = "campaign_image_service"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


@dataclass(frozen=True)
class ImageInfo:
    rel: str  # content-relative source path
    width: int  # displayed size, after EXIF orientation
    height: int


@dataclass(frozen=True)
class GeneratedPicture:
    """A picture the build drew itself (a composed meme), not a file of ``content/``.

    It lives in a folder of the build's own cache, which the service is told to trust for
    this file: it is still read through ``safety.read_bytes`` with that folder as the root
    (an ordinary file inside it, size-limited), so nothing under ``content/`` can reach
    outside it this way."""

    rel: str  # the name pages use for it (``image_html``, ``social_card``, ``enclosure``)
    root: Path  # the trusted cache folder it is in
    path: Path  # the file (a PNG) inside ``root``
    digest: str  # its content key: derivatives are named from it
    # a share-ready picture (a meme's 9:16 story): its largest published file is its own
    # size, for download (``download_url``), even above the widths pages are given
    full_size: bool = False


GENERATED_PREFIX = "drawn:"  # generated names start with it: never a path under content/


class ImageService(Protocol):
    def inspect(self, rel: str) -> ImageInfo | str:
        """Register a source picture; return its size, or an error sentence for an editor."""

    def add_generated(self, picture: GeneratedPicture) -> ImageInfo | str:
        """Register a picture the build drew; then it is used by ``picture.rel`` like an
        inspected one. Return its size, or an error sentence."""

    def html(
        self, rel: str, alt: str, *, sizes: str = "100vw", lazy: bool = True, title: str = ""
    ) -> str:
        """Markup (``<img>`` or ``<picture>``) for an inspected picture."""

    def thumbnail(self, rel: str) -> tuple[str, str]:
        """(src, srcset) of a picture's files, smallest first, for a small picture outside
        the page (a search result); ("", "") when it cannot be published."""

    def social_card(self, rel: str) -> str:
        """Site-relative URL of the 1200x630 social-card version of a picture."""

    def publish(self, writer: Writer) -> list[Problem]:
        """Write every derivative through ``writer``; return the problems met."""

    def enclosure(self, rel: str) -> tuple[str, int, str] | None:
        """After ``publish``: (site-relative URL, byte length, MIME type) of the picture's
        main published file, for feed enclosures."""

    def digest(self) -> str:
        """Hash of everything the markup of pictures depends on (for page fingerprints)."""


class BasicImages:
    """Fallback: a single re-encoded copy without metadata, and a social card."""

    def __init__(self, content: Path, siteurl: str):
        self.content = content
        self.siteurl = siteurl
        self.infos: dict[str, ImageInfo] = {}
        self.names: dict[tuple[str, str], str] = {}  # (rel, "full" or "card") -> output path
        self.published: dict[str, tuple[str, int, str]] = {}
        self.generated: dict[str, GeneratedPicture] = {}

    def _read(self, rel: str) -> bytes:
        """The picture's bytes through the safe reader (``safety.Refused`` otherwise)."""
        made = self.generated.get(rel)
        root, path = (made.root, made.path) if made else (self.content, self.content / rel)
        return safety.read_bytes(root, path, safety.PICTURE_MAX_BYTES)

    def add_generated(self, picture: GeneratedPicture) -> ImageInfo | str:
        self.generated[picture.rel] = picture
        self.infos.pop(picture.rel, None)
        return self.inspect(picture.rel)

    def _name(self, rel: str, kind: str) -> str:
        return self.names[rel, kind]

    def _names(self, rel: str, data: bytes) -> None:
        for kind in ("full", "card"):
            digest = hashlib.sha256(data + kind.encode()).hexdigest()[:12]
            suffix = ".png" if kind == "full" and rel.lower().endswith(".png") else ".jpg"
            self.names[rel, kind] = f"images/{Path(rel).stem}.{digest}{suffix}"

    def inspect(self, rel: str) -> ImageInfo | str:
        if rel in self.infos:
            return self.infos[rel]
        path = self.content / rel
        if rel not in self.generated and path.suffix.lower() not in IMAGE_SUFFIXES:
            return f"{rel!r} is not a picture (use .jpg, .png, .webp or .gif)"
        try:
            data = self._read(rel)
        except safety.Refused as refused:
            if refused.kind == "missing":
                return f"the picture {rel!r} does not exist in content/"
            return f"the picture {rel!r} cannot be used: {refused.reason}"
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if image.getexif().get(0x0112) in (5, 6, 7, 8):
                    width, height = height, width
        except Exception as error:  # any unreadable file: an editor-facing sentence
            return f"the picture {rel!r} cannot be read ({error.__class__.__name__})"
        self._names(rel, data)
        self.infos[rel] = ImageInfo(rel, width, height)
        return self.infos[rel]

    def html(
        self, rel: str, alt: str, *, sizes: str = "100vw", lazy: bool = True, title: str = ""
    ) -> str:
        info = self.infos[rel]
        attrs = [
            f'src="{self.siteurl}/{self._name(rel, "full")}"',
            f'alt="{escape(alt)}"',
            f'width="{info.width}"',
            f'height="{info.height}"',
            'decoding="async"',
        ]
        if lazy:
            attrs.append('loading="lazy"')
        if title:
            attrs.append(f'title="{escape(title)}"')
        return f"<img {' '.join(attrs)}>"

    def thumbnail(self, rel: str) -> tuple[str, str]:
        if rel not in self.infos and isinstance(self.inspect(rel), str):
            return "", ""
        return f"{self.siteurl}/{self._name(rel, 'full')}", ""

    def social_card(self, rel: str) -> str:
        return self._name(rel, "card")

    def publish(self, writer: Writer) -> list[Problem]:
        problems = []
        for rel in sorted(self.infos):
            try:
                data = self._read(rel)
            except safety.Refused as refused:  # changed since it was inspected
                path = (Path(self.content.name) / rel).as_posix()
                problems.append(Problem(path, 0, refused.reason, refused.fix, skips=False))
                continue
            with Image.open(io.BytesIO(data)) as opened:
                image = ImageOps.exif_transpose(opened)
                fmt = "PNG" if rel.lower().endswith(".png") else "JPEG"
                full = image.convert("RGBA" if fmt == "PNG" else "RGB")
                data = _encode(full, fmt)
                writer.write(self._name(rel, "full"), data)
                mime = "image/png" if fmt == "PNG" else "image/jpeg"
                self.published[rel] = (self._name(rel, "full"), len(data), mime)
                card = ImageOps.fit(image.convert("RGB"), (1200, 630))
                writer.write(self.social_card(rel), _encode(card, "JPEG"))
        return problems

    def enclosure(self, rel: str) -> tuple[str, int, str] | None:
        return self.published.get(rel)

    def digest(self) -> str:
        text = repr((self.siteurl, sorted(self.names.items())))
        return hashlib.sha256(text.encode()).hexdigest()


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
