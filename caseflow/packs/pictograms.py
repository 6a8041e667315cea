"""Simple pictograms for the easy-read pack, drawn as reportlab vector shapes: no image files,
no words inside (they serve every language), black and grey so they print on any printer."""

from reportlab.graphics.shapes import Circle, Drawing, Polygon, Rect
from reportlab.lib.colors import HexColor, black, white

SIZE = 64
INK = black
FILL = HexColor("#DDDDDD")
HEART = HexColor("#666666")


def _person(d: Drawing, x: float, y: float, scale: float = 1.0) -> None:
    d.add(Circle(x, y + 30 * scale, 8 * scale, fillColor=FILL, strokeColor=INK, strokeWidth=2))
    d.add(
        Rect(
            x - 10 * scale,
            y,
            20 * scale,
            20 * scale,
            rx=6 * scale,
            ry=6 * scale,
            fillColor=FILL,
            strokeColor=INK,
            strokeWidth=2,
        )
    )


def heart(d: Drawing) -> None:
    """A filled silhouette: outlines of overlapping shapes would show their seams."""
    solid = {"fillColor": HEART, "strokeColor": HEART, "strokeWidth": 0}
    d.add(Circle(22, 40, 13, **solid))
    d.add(Circle(42, 40, 13, **solid))
    d.add(Polygon([9.5, 36, 32, 6, 54.5, 36], **solid))


def people(d: Drawing) -> None:
    _person(d, 20, 12)
    _person(d, 44, 12)


def doctor(d: Drawing) -> None:
    _person(d, 24, 10)
    d.add(Rect(40, 30, 20, 20, fillColor=white, strokeColor=INK, strokeWidth=2))
    d.add(Rect(47, 33, 6, 14, fillColor=INK, strokeColor=INK))  # a cross: health care
    d.add(Rect(43, 37, 14, 6, fillColor=INK, strokeColor=INK))


def talk(d: Drawing) -> None:
    d.add(Rect(6, 24, 52, 32, rx=10, ry=10, fillColor=FILL, strokeColor=INK, strokeWidth=2))
    d.add(Polygon([16, 26, 14, 10, 30, 26], fillColor=FILL, strokeColor=INK, strokeWidth=2))
    d.add(Rect(14, 25, 18, 4, fillColor=FILL, strokeColor=FILL))
    for x in (20, 32, 44):
        d.add(Circle(x, 40, 3, fillColor=INK, strokeColor=INK))


def court(d: Drawing) -> None:
    d.add(Polygon([4, 44, 32, 60, 60, 44], fillColor=FILL, strokeColor=INK, strokeWidth=2))
    for x in (12, 26, 40, 52):
        d.add(Rect(x - 2, 12, 6, 30, fillColor=white, strokeColor=INK, strokeWidth=1.5))
    d.add(Rect(4, 6, 56, 6, fillColor=FILL, strokeColor=INK, strokeWidth=2))


def stop(d: Drawing) -> None:
    """A raised open hand: "stop, please"."""
    d.add(Rect(18, 8, 28, 30, rx=8, ry=8, fillColor=FILL, strokeColor=INK, strokeWidth=2))
    for x, top in ((20, 54), (28, 58), (36, 56), (44, 50)):
        d.add(
            Rect(x - 3, 34, 7, top - 34, rx=3, ry=3, fillColor=FILL, strokeColor=INK, strokeWidth=2)
        )
    d.add(Rect(6, 22, 14, 7, rx=3, ry=3, fillColor=FILL, strokeColor=INK, strokeWidth=2))


def phone(d: Drawing) -> None:
    d.add(Rect(18, 4, 28, 56, rx=6, ry=6, fillColor=FILL, strokeColor=INK, strokeWidth=2))
    d.add(Rect(23, 14, 18, 36, fillColor=white, strokeColor=INK, strokeWidth=1.5))
    d.add(Circle(32, 9, 2.5, fillColor=INK, strokeColor=INK))


DRAW = {
    "heart": heart,
    "people": people,
    "doctor": doctor,
    "talk": talk,
    "court": court,
    "stop": stop,
    "phone": phone,
}


def pictogram(name: str) -> Drawing:
    drawing = Drawing(SIZE, SIZE)
    DRAW[name](drawing)
    return drawing
