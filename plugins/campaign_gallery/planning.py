"""Which files a picture is published as: every width in every format, and a social card,
each named by a content key (source bytes, spec, pipeline and Pillow versions)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import PIL

from campaign_site.urls import slugify

from . import imaging
from .settings import GallerySettings

OUTPUT_DIR = "images"


@dataclass(frozen=True)
class Derivative:
    spec: imaging.Spec
    key: str  # content hash of source + spec + pipeline version
    name: str  # output path, site-relative

    @property
    def mime(self) -> str:
        return imaging.FORMATS[self.spec.fmt][1]


@dataclass
class Source:
    """An inspected, usable picture and the derivatives published for it."""

    rel: str
    digest: str
    probe: imaging.Probe
    variants: dict[str, list[Derivative]] = field(default_factory=dict)  # fmt -> by width
    card: Derivative | None = None
    # a picture the build drew (``campaign_site.images.GeneratedPicture``): the trusted
    # folder and file it is read from, instead of ``content/<rel>``
    generated: tuple[Path, Path] | None = None
    # its fallback (JPEG/PNG) is also published at its own size (a drawn picture offered for
    # download, see ``GeneratedPicture.full_size``); other files keep the configured widths
    full_size: bool = False

    @property
    def fallback(self) -> str:
        return "png" if self.probe.alpha else "jpeg"

    @property
    def files(self) -> list[Derivative]:
        """Every responsive file (the social card apart)."""
        return [d for variants in self.variants.values() for d in variants]


def plan(source: Source, formats: tuple[str, ...], settings: GallerySettings) -> None:
    """Fill in the derivatives of ``source``: ``formats`` (modern, best first) then its
    fallback, in every width up to its own, and its social card."""
    size = (source.probe.width, source.probe.height)
    widths = imaging.widths_for(size, settings.widths)
    stem = slugify(PurePosixPath(source.rel).stem) or "picture"
    # WebP behind AVIF reaches only the few browsers without AVIF: the fastest method
    # (files about 3 % larger); as the best format offered, method 2 (half the time of
    # libwebp's default 4 for files about 2 % larger)
    webp_method = 0 if formats[:1] == ("avif",) else 2
    for fmt in (*formats, source.fallback):
        sized = widths
        if source.full_size and fmt == source.fallback and size[0] > widths[-1]:
            sized = [*widths, size[0]]  # the download: the picture as it was drawn
        quality = settings.quality.get(fmt, 0)
        speed = settings.avif_speed if fmt == "avif" else 0
        method = webp_method if fmt == "webp" else 0
        source.variants[fmt] = [
            derivative(
                source,
                stem,
                imaging.Spec(
                    fmt, w, imaging.height_for(w, size), quality, speed=speed, method=method
                ),
                f"{w}w",
            )
            for w in sized
        ]
    card = imaging.Spec("jpeg", *imaging.CARD_SIZE, settings.quality["jpeg"], card=True)
    source.card = derivative(source, stem, card, "card")


def derivative(source: Source, stem: str, spec: imaging.Spec, label: str) -> Derivative:
    material = "|".join((imaging.PIPELINE_VERSION, PIL.__version__, source.digest, spec.token()))
    key = hashlib.sha256(material.encode()).hexdigest()
    ext = imaging.FORMATS[spec.fmt][0]
    return Derivative(spec, key, f"{OUTPUT_DIR}/{stem}-{label}.{key[:12]}.{ext}")


def cost(source: Source, group: tuple[Derivative, ...]) -> float:
    """Roughly how long encoding ``group`` takes (the longest jobs start first)."""
    weights = {"avif": 1.5, "webp": 1.5}
    decode = source.probe.width * source.probe.height / 4
    return decode + sum(weights.get(d.spec.fmt, 0.3) * d.spec.width * d.spec.height for d in group)
