#!/usr/bin/env python3
"""Stage 1: the images as arrays, split into training and validation.

The split is a hash of prepare.seed and each image's path (stable: adding
images never moves old ones), so every training seed is scored on the same
validation images. Writes data/prepared/{train,validation}.npz and
classes.json; paths stay relative to the data folder.
"""

import hashlib
import json
import os

import numpy as np
import yaml
from PIL import Image

EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff"}
DATA = os.environ.get("TRAIN_AND_REPORT_DATA", "data/raw")


def main():
    with open("params.yaml") as f:
        prepare = yaml.safe_load(f)["prepare"]
    classes = sorted(e.name for e in os.scandir(DATA) if e.is_dir() and not e.name.startswith("."))
    images = []
    for label, name in enumerate(classes):
        for folder, _, files in sorted(os.walk(os.path.join(DATA, name))):
            for file in sorted(files):
                if os.path.splitext(file)[1].lower() in EXTENSIONS and not file.startswith("."):
                    images.append((os.path.relpath(os.path.join(folder, file), DATA).replace(os.sep, "/"), label))
    height, width = prepare["image_size"]
    os.makedirs("data/prepared", exist_ok=True)
    for part in ("train", "validation"):
        chosen = [(path, label) for path, label in images if (part == "validation") == is_validation(path, prepare)]
        # The notebook's preprocessing: grayscale (PIL 'L'), bilinear resize, [0, 1].
        x = np.stack([np.asarray(Image.open(os.path.join(DATA, p)).convert("L").resize((width, height), Image.BILINEAR), dtype=np.float32) / 255.0 for p, _ in chosen])
        np.savez_compressed(f"data/prepared/{part}.npz", x=x[:, None], y=np.array([label for _, label in chosen]), paths=np.array([p for p, _ in chosen]))
    with open("data/prepared/classes.json", "w") as f:
        json.dump(classes, f)


def is_validation(path, prepare):
    digest = hashlib.sha256(f"{prepare['seed']}:{path}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < prepare["split"]


if __name__ == "__main__":
    main()
