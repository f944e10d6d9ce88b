#!/usr/bin/env python3
"""Train the team notebook's CNN in plain PyTorch, one seed per run.

train-and-report runs this once per seed (`--command 'python3 train.py'`)
and reads what it writes into $TRAIN_AND_REPORT_OUT:

  metrics.json      val_acc, val_loss and the macro F1 of the final model
  history.csv       epoch, loss, accuracy, val_loss, val_accuracy, seconds
  predictions.csv   path,true,predicted and one probability column per class

The seed changes the initial weights and the batch order only: the
validation split depends on prepare.seed, so every seed (and the base
branch's run) is scored on the same images.

Environment: TRAIN_AND_REPORT_SEED, TRAIN_AND_REPORT_OUT,
TRAIN_AND_REPORT_DATA (default data/raw), TRAIN_AND_REPORT_PARAMS
(default params.yaml). Needs torch, numpy, Pillow and PyYAML.
"""

import csv
import hashlib
import json
import os
import random
import time

import numpy as np
import torch
import yaml
from PIL import Image
from torch import nn

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff"}


def read_params(path):
    """params.yaml's prepare and train sections, with the notebook's values as defaults."""
    params = {}
    if os.path.exists(path):
        with open(path) as f:
            params = yaml.safe_load(f) or {}
    prepare = {"seed": 77, "split": 0.2, "image_size": [32, 32], **(params.get("prepare") or {})}
    train = {"lr": 0.0001, "epochs": 5, "batch_size": 32, "conv_size": 32, "dense_size": 64, **(params.get("train") or {})}
    return prepare, train


def list_images(root):
    """(relative path, class index) for every image, classes sorted as torchvision's ImageFolder sorts them."""
    classes = sorted(entry.name for entry in os.scandir(root) if entry.is_dir() and not entry.name.startswith("."))
    images = []
    for label, name in enumerate(classes):
        for folder, _, files in sorted(os.walk(os.path.join(root, name))):
            for file in sorted(files):
                if os.path.splitext(file)[1].lower() in IMAGE_EXTENSIONS and not file.startswith("."):
                    images.append((os.path.relpath(os.path.join(folder, file), root).replace(os.sep, "/"), label))
    return classes, images


def is_validation(path, seed, fraction):
    """A stable split: a hash of the split seed and the path, so adding images never moves old ones."""
    digest = hashlib.sha256(f"{seed}:{path}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < fraction


def load(root, images, size):
    """The notebook's preprocessing: grayscale (PIL 'L'), bilinear resize, [0, 1]."""
    height, width = size
    pixels = np.stack([
        np.asarray(Image.open(os.path.join(root, path)).convert("L").resize((width, height), Image.BILINEAR), dtype=np.float32) / 255.0
        for path, _ in images
    ])
    return torch.from_numpy(pixels).unsqueeze(1), torch.tensor([label for _, label in images])


def notebook_model(size, conv_size, dense_size, classes):
    """Conv2D(3x3, relu) -> MaxPool(3) -> Flatten -> Dense(relu) -> Dense(logits)."""
    pooled = ((size[0] - 2) // 3) * ((size[1] - 2) // 3)
    return nn.Sequential(
        nn.Conv2d(1, conv_size, 3), nn.ReLU(), nn.MaxPool2d(3), nn.Flatten(),
        nn.Linear(conv_size * pooled, dense_size), nn.ReLU(), nn.Linear(dense_size, classes),
    )


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        logits = model(x)
        loss = nn.functional.cross_entropy(logits, y).item()
        probabilities = torch.softmax(logits, dim=1)
    predicted = probabilities.argmax(dim=1)
    return loss, (predicted == y).float().mean().item(), predicted, probabilities


def macro_f1(y, predicted, classes):
    scores = []
    for label in range(classes):
        tp = int(((predicted == label) & (y == label)).sum())
        fp = int(((predicted == label) & (y != label)).sum())
        fn = int(((predicted != label) & (y == label)).sum())
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / classes


def main():
    seed = int(os.environ.get("TRAIN_AND_REPORT_SEED", "77"))
    out = os.environ.get("TRAIN_AND_REPORT_OUT", "out")
    root = os.environ.get("TRAIN_AND_REPORT_DATA", "data/raw")
    prepare, train = read_params(os.environ.get("TRAIN_AND_REPORT_PARAMS", "params.yaml"))
    os.makedirs(out, exist_ok=True)

    classes, images = list_images(root)
    validation = [image for image in images if is_validation(image[0], prepare["seed"], prepare["split"])]
    training = [image for image in images if not is_validation(image[0], prepare["seed"], prepare["split"])]
    x_train, y_train = load(root, training, prepare["image_size"])
    x_val, y_val = load(root, validation, prepare["image_size"])

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    model = notebook_model(prepare["image_size"], train["conv_size"], train["dense_size"], len(classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=train["lr"])
    order = torch.Generator().manual_seed(seed)

    history = []
    for epoch in range(1, train["epochs"] + 1):
        started = time.perf_counter()
        model.train()
        total_loss, right = 0.0, 0
        for batch in torch.randperm(len(y_train), generator=order).split(train["batch_size"]):
            optimizer.zero_grad()
            logits = model(x_train[batch])
            loss = nn.functional.cross_entropy(logits, y_train[batch])
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(batch)
            right += int((logits.argmax(dim=1) == y_train[batch]).sum())
        val_loss, val_acc, _, _ = evaluate(model, x_val, y_val)
        history.append({"epoch": epoch, "loss": total_loss / len(y_train), "accuracy": right / len(y_train),
                        "val_loss": val_loss, "val_accuracy": val_acc, "seconds": time.perf_counter() - started})
        print(f"seed {seed} epoch {epoch}/{train['epochs']}: val_acc {val_acc:.4f} val_loss {val_loss:.4f}", flush=True)

    val_loss, val_acc, predicted, probabilities = evaluate(model, x_val, y_val)
    with open(os.path.join(out, "metrics.json"), "w") as f:
        json.dump({"val_acc": val_acc, "val_loss": val_loss, "f1_score": macro_f1(y_val, predicted, len(classes))}, f, indent=2)
    with open(os.path.join(out, "history.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(history[0]))
        writer.writeheader()
        writer.writerows(history)
    with open(os.path.join(out, "predictions.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["path", "true", "predicted", *classes])
        for (path, label), guess, row in zip(validation, predicted.tolist(), probabilities.tolist()):
            writer.writerow([path, classes[label], classes[guess], *(f"{p:.6f}" for p in row)])


if __name__ == "__main__":
    main()
