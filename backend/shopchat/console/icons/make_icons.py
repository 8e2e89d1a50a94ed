"""Draw the console's app icons (the installable console's manifest, iOS's Home Screen, the tab).

Run after changing the design; the PNGs and the SVG are committed:

    .venv/bin/python backend/shopchat/console/icons/make_icons.py

The design is the top bar's logo mark: a white chat bubble (its bottom-left corner square)
with three typing dots, on the console's accent blue. "any" icons are a rounded square on
transparency; the maskable one and iOS's are full-bleed, with the bubble inside the central
80 % circle that every launcher's mask keeps.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ACCENT = (47, 107, 237, 255)  # --accent in console.css
WHITE = (255, 255, 255, 255)
SCALE = 4  # drawn this much larger, then reduced: smooth edges without an antialiasing API
# the bubble and its dots as fractions of the icon's side, for the "any" icons
BUBBLE = (0.22, 0.25, 0.78, 0.71)
DOTS_Y, DOTS_X, DOT_R = 0.48, (0.36, 0.50, 0.64), 0.045


def _scaled(box: tuple[float, ...], k: float) -> tuple[float, ...]:
    """A box (fractions) shrunk by k around the centre."""
    return tuple(0.5 + (v - 0.5) * k for v in box)


def draw(size: int, *, full_bleed: bool, content: float = 1.0) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if full_bleed:
        pen.rectangle((0, 0, big, big), fill=ACCENT)
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(0.22 * big), fill=ACCENT)
    x0, y0, x1, y1 = (round(v * big) for v in _scaled(BUBBLE, content))
    pen.rounded_rectangle(
        (x0, y0, x1, y1), radius=round(0.12 * big * content), fill=WHITE,
        corners=(True, True, True, False),
    )  # fmt: skip
    r = DOT_R * big * content
    cy = (0.5 + (DOTS_Y - 0.5) * content) * big
    for x in DOTS_X:
        cx = (0.5 + (x - 0.5) * content) * big
        pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=ACCENT)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def svg() -> str:
    """The same design for the browser tab, in a 64-unit box."""
    x0, y0, x1, y1 = (v * 64 for v in BUBBLE)
    r = 0.12 * 64
    path = (
        f"M{x0 + r:g} {y0:g}H{x1 - r:g}A{r:g} {r:g} 0 0 1 {x1:g} {y0 + r:g}"
        f"V{y1 - r:g}A{r:g} {r:g} 0 0 1 {x1 - r:g} {y1:g}H{x0:g}"
        f"V{y0 + r:g}A{r:g} {r:g} 0 0 1 {x0 + r:g} {y0:g}Z"
    )
    dots = "".join(
        f'<circle cx="{x * 64:g}" cy="{DOTS_Y * 64:g}" r="{DOT_R * 64:g}" fill="#2f6bed"/>'
        for x in DOTS_X
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        '<rect width="64" height="64" rx="14" fill="#2f6bed"/>'
        f'<path d="{path}" fill="#fff"/>{dots}</svg>\n'
    )


def main() -> None:
    draw(192, full_bleed=False).save(HERE / "icon-192.png", optimize=True)
    draw(512, full_bleed=False).save(HERE / "icon-512.png", optimize=True)
    draw(512, full_bleed=True, content=0.8).save(HERE / "icon-maskable-512.png", optimize=True)
    draw(180, full_bleed=True, content=0.9).convert("RGB").save(
        HERE / "apple-touch-icon.png", optimize=True
    )
    (HERE / "icon.svg").write_text(svg())


if __name__ == "__main__":
    main()
