#!/usr/bin/env python3
"""Stage 2: the notebook's CNN, trained with train.* params and seed.

The seed is train.seed (what `dvc exp run -S train.seed=N` sets), or SEED
when the scripts run without DVC. Writes model.pt and training/history.csv
(epoch, loss, accuracy, val_loss, val_accuracy: the columns Keras's
CSVLogger writes).
"""

import csv
import json
import os
import random

import numpy as np
import torch
import yaml
from torch import nn


def load(part):
    data = np.load(f"data/prepared/{part}.npz")
    return torch.from_numpy(data["x"]), torch.from_numpy(data["y"]).long()


def model_for(params, size, classes):
    pooled = ((size[0] - 2) // 3) * ((size[1] - 2) // 3)
    return nn.Sequential(
        nn.Conv2d(1, params["conv_size"], 3), nn.ReLU(), nn.MaxPool2d(3), nn.Flatten(),
        nn.Linear(params["conv_size"] * pooled, params["dense_size"]), nn.ReLU(), nn.Linear(params["dense_size"], classes),
    )


def main():
    with open("params.yaml") as f:
        params = yaml.safe_load(f)
    train = params["train"]
    seed = int(os.environ.get("SEED", train["seed"]))
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    with open("data/prepared/classes.json") as f:
        classes = json.load(f)
    x, y = load("train")
    x_val, y_val = load("validation")
    model = model_for(train, params["prepare"]["image_size"], len(classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=train["lr"])
    order = torch.Generator().manual_seed(seed)
    os.makedirs("training", exist_ok=True)
    with open("training/history.csv", "w", newline="") as f:
        history = csv.writer(f)
        history.writerow(["epoch", "loss", "accuracy", "val_loss", "val_accuracy"])
        for epoch in range(1, train["epochs"] + 1):
            model.train()
            total, right = 0.0, 0
            for batch in torch.randperm(len(y), generator=order).split(train["batch_size"]):
                optimizer.zero_grad()
                logits = model(x[batch])
                loss = nn.functional.cross_entropy(logits, y[batch])
                loss.backward()
                optimizer.step()
                total += loss.item() * len(batch)
                right += int((logits.argmax(1) == y[batch]).sum())
            model.eval()
            with torch.no_grad():
                logits = model(x_val)
                val_loss = nn.functional.cross_entropy(logits, y_val).item()
                val_accuracy = (logits.argmax(1) == y_val).float().mean().item()
            history.writerow([epoch, total / len(y), right / len(y), val_loss, val_accuracy])
            print(f"epoch {epoch}/{train['epochs']}: val_accuracy {val_accuracy:.4f}", flush=True)
    torch.save(model, "model.pt")


if __name__ == "__main__":
    main()
