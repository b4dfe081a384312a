"""The image service on its own (no Pelican): markup, problems, cache and settings."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import gallery_testkit as kit
import pytest
from PIL import Image

from campaign_gallery import imaging, service
from campaign_gallery.markup import Templates
from campaign_gallery.settings import read_gallery_settings
from campaign_site.render import OutputWriter
from campaign_site.settings import SettingsError

PROJECT = Path(__file__).resolve().parents[2]
TEMPLATES = Templates.from_folder(PROJECT / "theme" / "templates")
_folders = itertools.count()


class Writer(OutputWriter):
    """campaign_site's writer into a folder of its own; ``files``: what it published."""

    base = Path()  # the test's temporary folder (set for every test below)

    def __init__(self):
        root = self.base / f"writer{next(_folders)}"
        super().__init__(root / "output", root / "manifest.json")

    @property
    def files(self) -> dict[str, bytes]:
        return {rel: (self.output / rel).read_bytes() for rel in self.written()}


@pytest.fixture(autouse=True)
def _writers_in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.setattr(Writer, "base", tmp_path / "writers")


def make_service(tmp_path: Path, workers: int = 1, **settings) -> service.ResponsiveImages:
    content = tmp_path / "content"
    content.mkdir(parents=True, exist_ok=True)
    return service.ResponsiveImages(
        content,
        tmp_path / ".cache" / "campaign" / "images",
        "https://example.org",
        read_gallery_settings({"CAMPAIGN_IMAGE_WIDTHS": (200, 400, 800), **settings}),
        workers,
        templates=TEMPLATES,
    )


def put(images: service.ResponsiveImages, rel: str, data: bytes) -> None:
    path = images.content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_markup(tmp_path):
    images = make_service(tmp_path)
    put(images, "images/photo one.jpg", kit.jpeg(size=(600, 400)))
    info = images.inspect("images/photo one.jpg")
    assert (info.width, info.height) == (600, 400)
    html = images.html(
        "images/photo one.jpg", 'A "quoted" <alt> & more', sizes="50vw", title="T & t"
    )
    assert html.startswith("<picture>") and html.endswith("</picture>")
    sources = re.findall(r'<source type="([^"]+)" srcset="([^"]+)" sizes="50vw">', html)
    expected = (["image/avif"] if imaging.avif_supported() else []) + ["image/webp"]
    assert [mime for mime, _ in sources] == expected
    for _mime, srcset in sources:
        widths = [candidate.rsplit(" ", 1)[1] for candidate in srcset.split(", ")]
        assert widths == ["200w", "400w", "600w"]  # never wider than the source
    img = re.search(r"<img ([^>]+)>", html).group(1)
    assert 'alt="A &#34;quoted&#34; &lt;alt&gt; &amp; more"' in img  # Jinja's escaping
    assert 'width="600" height="400"' in img
    assert 'loading="lazy"' in img and 'decoding="async"' in img
    assert 'title="T &amp; t"' in img
    assert re.search(r'src="https://example.org/images/photo-one-600w\.[0-9a-f]{12}\.jpg"', img)
    assert 'loading="lazy"' not in images.html("images/photo one.jpg", "x", lazy=False)


def test_publish_writes_every_candidate_and_cards(tmp_path):
    images = make_service(tmp_path)
    put(images, "a.png", kit.png_with_text(size=(500, 300)))
    images.inspect("a.png")
    card = images.social_card("a.png")
    writer = Writer()
    assert images.publish(writer) == []
    html = images.html("a.png", "alt")
    for url in re.findall(r"https://example.org/(\S+) \d+w", html):
        assert url in writer.files
    assert re.search(r'<img src="[^"]+\.png"', html)  # transparency: PNG fallback
    with Image.open(io.BytesIO(writer.files[card])) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630))
    rel, size, mime = images.enclosure("a.png")
    assert (size, mime) == (len(writer.files[rel]), "image/png")
    # a picture first asked for by a template, after publishing, is published at once
    put(images, "late.jpg", kit.jpeg(size=(300, 200)))
    late = images.html("late.jpg", "late")
    for url in re.findall(r"https://example.org/(\S+) \d+w", late):
        assert url in writer.files
    assert images.social_card("late.jpg") in writer.files
    assert images.enclosure("late.jpg")[2] == "image/jpeg"


def test_bad_pictures_are_reported_on_the_file(tmp_path):
    images = make_service(tmp_path)
    put(images, "gallery/x/broken.jpg", kit.truncated(kit.jpeg()))
    message = images.inspect("gallery/x/broken.jpg")
    assert isinstance(message, str) and "truncated" in message
    (problem,) = images.problems
    assert problem.path == "content/gallery/x/broken.jpg"
    assert problem.line == 0 and problem.severity == "error" and not problem.skips
    assert "export it again" in problem.fix
    assert images.html("gallery/x/broken.jpg", "alt") == ""
    # a missing file or a wrong extension is the referrer's problem, not the file's
    assert "does not exist" in images.inspect("images/nope.jpg")
    assert "is not a picture" in images.inspect("images/file.txt")
    assert len(images.problems) == 1


def test_too_big_a_file(tmp_path):
    images = make_service(tmp_path, CAMPAIGN_IMAGE_MAX_BYTES=2048)
    put(images, "big.jpg", kit.jpeg())
    assert "too big" in images.inspect("big.jpg")


def test_cache_is_keyed_by_content_and_settings(tmp_path):
    first = make_service(tmp_path)
    put(first, "a.jpg", kit.jpeg())
    first.inspect("a.jpg")
    first.publish(Writer())
    assert first.stats["cached"] == 0 and first.stats["encoded"] > 0
    again = make_service(tmp_path)
    again.inspect("a.jpg")
    writer = Writer()
    again.publish(writer)
    assert again.stats["encoded"] == 0 and again.stats["cached"] == first.stats["encoded"]
    # a new quality for JPEG: only the JPEG files are encoded again
    changed = make_service(tmp_path, CAMPAIGN_IMAGE_QUALITY={"jpeg": 50})
    changed.inspect("a.jpg")
    changed.publish(Writer())
    jpegs = sum(1 for name in writer.files if name.endswith(".jpg"))
    assert changed.stats["encoded"] == jpegs
    # new bytes under the same name: new keys, new files
    put(first, "a.jpg", kit.jpeg(colour=(10, 20, 30)))
    other = make_service(tmp_path)
    other.inspect("a.jpg")
    other_writer = Writer()
    other.publish(other_writer)
    assert other.stats["cached"] == 0
    assert not set(other_writer.files) & set(writer.files)


def test_parallel_encoding_matches_serial(tmp_path):
    serial = make_service(tmp_path / "one", workers=1)
    parallel = make_service(tmp_path / "two", workers=2)
    for images in (serial, parallel):
        put(images, "a.jpg", kit.jpeg())
        put(images, "b.png", kit.palette_transparent_png())
        put(images, "c.gif", kit.animated_gif())
        for rel in ("a.jpg", "b.png", "c.gif"):
            images.inspect(rel)
    one, two = Writer(), Writer()
    serial.publish(one)
    parallel.publish(two)
    assert set(one.files) == set(two.files)
    assert parallel.stats["encoded"] == len(two.files)


def test_without_avif(tmp_path, monkeypatch):
    monkeypatch.setattr(imaging, "avif_supported", lambda: False)
    images = make_service(tmp_path)
    put(images, "a.jpg", kit.jpeg())
    images.inspect("a.jpg")
    html = images.html("a.jpg", "alt")
    assert "image/avif" not in html and 'type="image/webp"' in html


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"CAMPAIGN_IMAGE_WIDTHS": ()}, "at least one width"),
        ({"CAMPAIGN_IMAGE_WIDTHS": (480, "800")}, "CAMPAIGN_IMAGE_WIDTHS"),
        ({"CAMPAIGN_IMAGE_FORMATS": ("jpeg2000",)}, "unknown format"),
        ({"CAMPAIGN_IMAGE_QUALITY": {"jpeg": 0}}, "from 1 to 100"),
        ({"CAMPAIGN_IMAGE_QUALITY": {"gif": 50}}, "unknown format"),
        ({"CAMPAIGN_IMAGE_MAX_PIXELS": -1}, "CAMPAIGN_IMAGE_MAX_PIXELS"),
        ({"CAMPAIGN_IMAGE_WIDHTS": (400,)}, "unknown setting CAMPAIGN_IMAGE_WIDHTS"),
        ({"CAMPAIGN_IMAGE_PROGRESS": "sometimes"}, "True or False"),
    ],
)
def test_settings_fail_fast(settings, words):
    with pytest.raises(SettingsError) as caught:
        read_gallery_settings(settings)
    assert words in str(caught.value)


def test_settings_defaults():
    options = read_gallery_settings({})
    assert options.widths == (480, 800, 1200, 1600)
    assert options.formats == ("avif", "webp")
    assert options.quality == {"jpeg": 82, "webp": 80, "avif": 60}
    assert read_gallery_settings({"CAMPAIGN_IMAGE_QUALITY": {"avif": 50}}).quality["jpeg"] == 82
