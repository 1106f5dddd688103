"""Render the application's icon (app/bps_commissioner/resources/app.svg) into the Windows
icon the installer, its Start-menu shortcut and the uninstall entry use:
installer/bps-commissioner.ico.

    python installer/make_icon.py            # rewrite installer/bps-commissioner.ico
    python installer/make_icon.py --check    # exit 1 if the committed icon is not what the SVG renders to

Windows wants an .ico; the application draws its icon as SVG. Qt renders the SVG at each size
Windows asks for (16..256 px) and this script writes the ICO container itself, one PNG
image per size (the layout Windows Vista and later read), so no image plugin decides the
format. Needs PySide6 (the project's own dependency); the installer build itself does not:
the .ico is committed and only regenerated when the SVG changes.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "app" / "bps_commissioner" / "resources" / "app.svg"
ICO = Path(__file__).resolve().parent / "bps-commissioner.ico"
#: The sizes Windows picks from (shell, taskbar, Start menu, high-DPI, Explorer's large icons).
SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO container of PNG images: ``images`` are (size in pixels, PNG bytes)."""
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(images)
    entries, blobs = [], []
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def read_ico(data: bytes) -> list[tuple[int, bytes]]:
    """The (size, image bytes) entries of an ICO file; ValueError when it is not one."""
    if len(data) < 6:
        raise ValueError("too short for an icon file")
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if reserved != 0 or kind != 1 or count == 0:
        raise ValueError("not an icon file (bad header)")
    images = []
    for i in range(count):
        width, height, _colours, _res, _planes, _bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i)
        if offset + length > len(data):
            raise ValueError(f"image {i} lies beyond the end of the file")
        side = width or 256
        if (height or 256) != side:
            raise ValueError(f"image {i} is not square")
        images.append((side, data[offset:offset + length]))
    return images


def render(sizes: tuple[int, ...] = SIZES) -> bytes:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"error: {SVG} is not a valid SVG image")
    images = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        images.append((size, bytes(data.data())))
    return ico_bytes(images)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when installer/bps-commissioner.ico differs from a fresh rendering")
    args = parser.parse_args(argv)
    data = render()
    if args.check:
        if not ICO.is_file() or ICO.read_bytes() != data:
            print(f"{ICO} is out of date: run python installer/make_icon.py", file=sys.stderr)
            return 1
        print(f"{ICO.name} is up to date")
        return 0
    ICO.write_bytes(data)
    print(f"wrote {ICO} ({len(data)} bytes, sizes {', '.join(map(str, SIZES))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
