#!/usr/bin/env python3
"""Stage 3: the model on the validation images.

Writes evaluation/metrics.json (val_acc, val_loss, macro F1) and
evaluation/predictions.csv (path,true,predicted and one probability column
per class; paths relative to the data folder).
"""

import csv
import json
import os

import numpy as np
import torch
from torch import nn


def main():
    with open("data/prepared/classes.json") as f:
        classes = json.load(f)
    data = np.load("data/prepared/validation.npz")
    x, y, paths = torch.from_numpy(data["x"]), torch.from_numpy(data["y"]).long(), data["paths"]
    model = torch.load("model.pt")
    model.eval()
    with torch.no_grad():
        logits = model(x)
    probabilities = torch.softmax(logits, 1)
    predicted = probabilities.argmax(1)
    f1 = []
    for label in range(len(classes)):
        tp = int(((predicted == label) & (y == label)).sum())
        wrong = int(((predicted == label) != (y == label)).sum())
        f1.append(0.0 if tp == 0 else 2 * tp / (2 * tp + wrong))
    os.makedirs("evaluation", exist_ok=True)
    with open("evaluation/metrics.json", "w") as f:
        json.dump({
            "val_acc": (predicted == y).float().mean().item(),
            "val_loss": nn.functional.cross_entropy(logits, y).item(),
            "f1_score": sum(f1) / len(f1),
        }, f, indent=2)
    with open("evaluation/predictions.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["path", "true", "predicted", *classes])
        for path, truth, guess, row in zip(paths, y.tolist(), predicted.tolist(), probabilities.tolist()):
            writer.writerow([path, classes[truth], classes[guess], *(f"{p:.6f}" for p in row)])


if __name__ == "__main__":
    main()
