"""Photo processing time and size on camera-sized JPEGs: 12 MP in, capped JPEG out.

Usage: uv run python benchmarks/photos.py [--count 20] [--max-edge 1600] [--quality 85]

The script makes its own photos: 4000x3000 JPEGs at quality 92 (what a phone writes), each a
different scene of gradients and shapes under detail at every scale (a 1/f spectrum, as in
natural scenes) and sensor grain, so the encoder has real work to do (flat colour would flatter
both time and size); every other one is stored sideways (EXIF orientation 6) so the rotation is
timed too. Targets: p95 <= 0.5 s a photo on this machine, output/input bytes <= 1/8 at the
default cap. Run it on an idle machine: the times are wall-clock.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time

from PIL import Image, ImageDraw
from PIL.ExifTags import Base

from inspect_app.photos.processing import process_photo

SIZE = (4000, 3000)


def camera_jpeg(seed: int) -> bytes:
    """One 12 MP scene: coloured gradients and shapes under a texture of detail at every scale."""
    rng = random.Random(seed)
    small = (SIZE[0] // 8, SIZE[1] // 8)
    channels = [
        Image.linear_gradient("L").rotate(rng.uniform(0, 360)).resize(small) for _ in range(3)
    ]
    scene = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(scene)
    for _ in range(40):
        x, y = rng.randrange(small[0]), rng.randrange(small[1])
        w, h = rng.randrange(10, 120), rng.randrange(10, 120)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.rectangle if rng.random() < 0.5 else draw.ellipse
        shape((x, y, x + w, y + h), fill=colour)  # type: ignore[arg-type]
    scene = Image.blend(scene.resize(SIZE, Image.Resampling.BICUBIC), _texture(rng), 0.3)
    grain = Image.effect_noise(SIZE, 20).convert("RGB")  # sensor noise, about 2 levels
    scene = Image.blend(scene, grain, 0.1)
    exif = Image.Exif()
    exif[Base.Orientation] = 6 if seed % 2 else 1
    out = io.BytesIO()
    scene.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def _texture(rng: random.Random) -> Image.Image:
    """Grey detail at every scale from 1/64 of the frame down to 2 pixels, each octave's
    amplitude proportional to its scale (the 1/f spectrum of natural scenes)."""
    texture: Image.Image | None = None
    total = 0.0
    for octave in (64, 32, 16, 8, 4, 2):
        size = (SIZE[0] // octave, SIZE[1] // octave)
        layer = Image.effect_noise(size, 64).resize(SIZE, Image.Resampling.BICUBIC)
        total += octave
        # blending in weight octave/total keeps every earlier layer in proportion to its octave
        texture = layer if texture is None else Image.blend(texture, layer, octave / total)
    assert texture is not None
    return texture.convert("RGB")


def p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def check(label: str, ok: bool, detail: str) -> bool:
    print(f"  {'PASS' if ok else 'FAIL'}  {label}: {detail}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--max-edge", type=int, default=1600)
    parser.add_argument("--quality", type=int, default=85)
    args = parser.parse_args()
    started = time.perf_counter()
    seconds: list[float] = []
    ratios: list[float] = []
    sizes_in: list[int] = []
    sizes_out: list[int] = []
    for seed in range(args.count):
        data = camera_jpeg(seed)
        t0 = time.perf_counter()
        photo = process_photo(data, max_edge=args.max_edge, quality=args.quality)
        seconds.append(time.perf_counter() - t0)
        sizes_in.append(len(data))
        sizes_out.append(photo.byte_size)
        ratios.append(photo.byte_size / len(data))
    print(
        f"{args.count} photos of {SIZE[0]}x{SIZE[1]}, in p50 {p(sizes_in, 50) / 1e6:.2f} MB; "
        f"out (long edge {args.max_edge}, quality {args.quality}) p50 "
        f"{p(sizes_out, 50) / 1e6:.3f} MB"
    )
    print(
        f"process time per photo: p50 {p(seconds, 50):.3f} s, p95 {p(seconds, 95):.3f} s, "
        f"max {max(seconds):.3f} s"
    )
    print(f"output/input bytes: p50 1/{1 / p(ratios, 50):.1f}, worst 1/{1 / max(ratios):.1f}")
    print("\nTargets:")
    ok = check("p95 <= 0.5 s a photo", p(seconds, 95) <= 0.5, f"{p(seconds, 95):.3f} s")
    ok &= check(
        "output/input <= 1/8 (worst photo)", max(ratios) <= 1 / 8, f"1/{1 / max(ratios):.1f}"
    )
    print(f"\n{'ALL PASS' if ok else 'SOME FAIL'} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
