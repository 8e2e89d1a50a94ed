"""Build widget/res/icons.woff2 and icons.woff: Bootstrap Icons (MIT) subset to our glyphs.

Run once after changing ICONS (needs fonttools and brotli, `pip install fonttools brotli`):

    npm pack bootstrap-icons@1.13.2 && tar xzf bootstrap-icons-1.13.2.tgz
    python widget/tools/build_icons.py package/

The glyphs keep their Bootstrap Icons code points; the panel names them in its ICON table
(widget/src/panel/dom.js).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from fontTools import subset

ICONS = [
    "x-lg", "send-fill", "plus-lg", "emoji-smile", "check", "check-all", "arrow-clockwise",
    "envelope", "image", "chevron-down", "exclamation-circle", "clock",
]  # fmt: skip
RES = Path(__file__).resolve().parent.parent / "res"


def main(package: Path) -> None:
    codes = json.loads((package / "font" / "bootstrap-icons.json").read_text())
    unicodes = [codes[name] for name in ICONS]
    source = package / "font" / "fonts" / "bootstrap-icons.woff2"
    for flavor in ("woff2", "woff"):
        options = subset.Options()
        options.flavor = flavor
        options.layout_features = []
        options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
        options.notdef_outline = False
        options.desubroutinize = True
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        subset.save_font(font, str(RES / f"icons.{flavor}"), options)
    shutil.copy(package / "LICENSE", RES / "LICENSE-bootstrap-icons.txt")
    print(json.dumps({name: hex(codes[name]) for name in ICONS}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
