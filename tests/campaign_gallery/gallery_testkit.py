"""Pictures made on the fly for the gallery tests: with metadata, sideways, broken..."""

from __future__ import annotations

import functools
import io
import struct
import zlib

from PIL import Image, ImageCms, PngImagePlugin

SECRET_MAKE = "SecretCam"
SECRET_COMMENT = b"shot at home, 12 Secret Street"
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'dc:creator="Secret Person"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
#: byte strings that must never appear in a published file
FORBIDDEN = (
    b"Exif",
    b"GPS",
    b"XMP",
    b"xmpmeta",
    b"ns.adobe.com",
    b"Secret",
    b"tEXt",
    b"iTXt",
    b"zTXt",
    b"eXIf",
    b"iCCP",
    b"ICC_PROFILE",
    b"Photoshop",
)


def exif_bytes(orientation: int = 1, gps: bool = True) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = SECRET_MAKE
    exif[0x0110] = "Model S"
    exif[0x0131] = "Secret Editor 1.0"
    if gps:
        gps_ifd = exif.get_ifd(0x8825)
        gps_ifd[1] = "N"
        gps_ifd[2] = (48.0, 51.0, 24.0)
        gps_ifd[3] = "E"
        gps_ifd[4] = (2.0, 21.0, 7.0)
    return exif.tobytes()


def quadrants(size: tuple[int, int] = (400, 200)) -> Image.Image:
    """Red top-left, green top-right, blue bottom-left, white bottom-right."""
    width, height = size
    image = Image.new("RGB", size, "white")
    image.paste((255, 0, 0), (0, 0, width // 2, height // 2))
    image.paste((0, 255, 0), (width // 2, 0, width, height // 2))
    image.paste((0, 0, 255), (0, height // 2, width // 2, height))
    return image


@functools.cache  # LittleCMS stamps a new profile with the time: one set of bytes per run
def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def jpeg(
    size: tuple[int, int] = (640, 427),
    orientation: int = 1,
    metadata: bool = True,
    colour=None,
) -> bytes:
    """A JPEG with EXIF (camera, GPS, orientation), XMP, an ICC profile and a comment."""
    image = quadrants(size) if colour is None else Image.new("RGB", size, colour)
    buffer = io.BytesIO()
    extra = {}
    if metadata:
        extra = {
            "exif": exif_bytes(orientation),
            "xmp": XMP,
            "icc_profile": srgb_icc(),
            "comment": SECRET_COMMENT,
        }
    image.save(buffer, "JPEG", quality=90, **extra)
    return buffer.getvalue()


def png_with_text(size=(500, 300), alpha: bool = True) -> bytes:
    """An RGBA PNG (half transparent) with tEXt, iTXt, zTXt chunks, EXIF and an ICC profile."""
    image = Image.new("RGBA" if alpha else "RGB", size, (200, 30, 60, 255)[: 4 if alpha else 3])
    if alpha:
        image.paste((0, 0, 0, 0), (0, 0, size[0] // 2, size[1]))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Secret Person")
    info.add_itxt("Description", "Secret place", lang="en")
    info.add_text("Comment", "Secret comment " * 20, zip=True)
    info.add_text("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, exif=exif_bytes(1), icc_profile=srgb_icc())
    return buffer.getvalue()


def webp_with_metadata(size=(500, 300)) -> bytes:
    buffer = io.BytesIO()
    quadrants(size).save(buffer, "WEBP", quality=90, exif=exif_bytes(1), xmp=XMP)
    return buffer.getvalue()


def cmyk_jpeg(size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("CMYK", size, (0, 255, 255, 0)).save(buffer, "JPEG", quality=95)  # red
    return buffer.getvalue()


def _png(width: int, height: int, bit_depth: int, colour_type: int, raw: bytes) -> bytes:
    """A PNG written by hand (Pillow cannot save 16 bits per channel)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def png16_gray(size=(64, 32), value: int = 32768) -> bytes:
    """A 16-bit greyscale PNG: every sample is ``value``."""
    width, height = size
    row = b"\x00" + struct.pack(">H", value) * width
    return _png(width, height, 16, 0, row * height)


def png16_rgb(size=(64, 32), colour=(10, 200, 30)) -> bytes:
    """A 16-bit-per-channel RGB PNG of one colour."""
    width, height = size
    row = b"\x00" + struct.pack(">HHH", *(c * 257 for c in colour)) * width
    return _png(width, height, 16, 2, row * height)


def palette_transparent_png(size=(120, 80)) -> bytes:
    """Mode P with a transparent palette entry (left half transparent, right half blue)."""
    image = Image.new("P", size, 0)
    image.putpalette([255, 255, 255, 0, 0, 255] + [0] * (256 * 3 - 6))
    image.paste(1, (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)
    return buffer.getvalue()


def gray_alpha_png(size=(100, 60)) -> bytes:
    image = Image.new("LA", size, (128, 255))
    image.paste((0, 0), (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def opaque_rgba_png(size=(100, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (20, 120, 220, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def animated_gif(size=(90, 60)) -> bytes:
    frames = [Image.new("RGB", size, colour) for colour in ((255, 0, 0), (0, 0, 255), (0, 255, 0))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def bomb_png(side: int = 12_000) -> bytes:
    """A small file that decodes to ``side`` x ``side`` pixels (144 megapixels by default)."""
    image = Image.new("1", (side, side), 0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def corrupt(data: bytes) -> bytes:
    """The header survives, the compressed data is garbage."""
    middle = len(data) // 3
    return data[:middle] + bytes((index * 37) % 251 for index in range(len(data) - middle))


def bmp(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "BMP")
    return buffer.getvalue()
