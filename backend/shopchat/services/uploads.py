"""Image uploads: type by magic bytes, decoded and re-encoded (no EXIF), random keys."""

from __future__ import annotations

import asyncio
import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ..models import Agent, Shop, Upload, Visitor
from .errors import InvalidInput, NotFound, ServiceError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 5 MB file may still decode to gigabytes: refuse decompression bombs
KEY_CHARS = 43  # token_urlsafe(32): 256 random bits

# magic bytes -> (content type, Pillow format, file extension)
TYPES = {
    "png": ("image/png", "PNG", "png"),
    "jpeg": ("image/jpeg", "JPEG", "jpg"),
    "gif": ("image/gif", "GIF", "gif"),
    "webp": ("image/webp", "WEBP", "webp"),
}


class TooLarge(ServiceError):
    code = "too_large"
    status = 413


def sniff(data: bytes) -> str | None:
    """The image type from the file's first bytes, never from a name or a header."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    kind: str
    width: int
    height: int


def clean_image(data: bytes) -> CleanImage:
    """Validate and re-encode: drops EXIF (GPS, camera), comments and any trailing payload."""
    kind = sniff(data)
    if kind is None:
        raise InvalidInput("not an image: send a PNG, JPEG, GIF or WebP file")
    fmt = TYPES[kind][1]
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            if image.width * image.height > MAX_PIXELS:
                raise InvalidInput("the image has too many pixels")
            out = io.BytesIO()
            if kind == "gif":
                frames = getattr(image, "n_frames", 1)
                image.save(out, "GIF", save_all=frames > 1, optimize=False)
                width, height = image.size
            else:
                upright = ImageOps.exif_transpose(image)  # keep the photo the right way up
                if kind == "jpeg" and upright.mode not in ("RGB", "L"):
                    upright = upright.convert("RGB")
                options = {"quality": 90} if kind in ("jpeg", "webp") else {}
                upright.save(out, fmt, **options)  # no exif= argument: metadata is not copied
                width, height = upright.size
    except InvalidInput:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise InvalidInput("the image could not be read") from None
    return CleanImage(out.getvalue(), kind, width, height)


def upload_dir(var_dir: Path) -> Path:
    return var_dir / "uploads"


async def store_upload(
    *,
    shop: Shop,
    data: bytes,
    var_dir: Path,
    visitor: Visitor | None = None,
    agent: Agent | None = None,
) -> Upload:
    if len(data) > MAX_UPLOAD_BYTES:
        raise TooLarge("the image is larger than 5 MB")
    clean = await asyncio.to_thread(clean_image, data)
    key = secrets.token_urlsafe(32)
    folder = upload_dir(var_dir)
    await asyncio.to_thread(_write, folder, key, clean.data)
    return await Upload.create(
        shop=shop,
        key=key,
        content_type=TYPES[clean.kind][0],
        size=len(clean.data),
        width=clean.width,
        height=clean.height,
        visitor=visitor,
        agent=agent,
    )


def _write(folder: Path, key: str, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / key).write_bytes(data)


async def get_upload(key: str) -> Upload:
    if not key or len(key) != KEY_CHARS:
        raise NotFound("no such upload")
    upload = await Upload.get_or_none(key=key)
    if upload is None:
        raise NotFound("no such upload")
    return upload


async def upload_for_message(*, shop: Shop, key: str, visitor_id: int | None) -> Upload:
    """An upload the sender may attach: same shop, and a visitor's own upload (visitor_id
    None: an agent, who may attach any of the shop's)."""
    upload = await Upload.get_or_none(key=key, shop=shop)
    if upload is None or (visitor_id is not None and upload.visitor_id != visitor_id):
        raise NotFound("no such upload")
    return upload


def read_upload(var_dir: Path, upload: Upload) -> bytes:
    path = upload_dir(var_dir) / upload.key
    if not path.is_file():
        raise NotFound("no such upload")
    return path.read_bytes()


EXTENSIONS = {content_type: ext for content_type, _fmt, ext in TYPES.values()}
