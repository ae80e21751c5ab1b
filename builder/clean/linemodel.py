"""A two-pass logistic line classifier: is this line of a rendered page article text?

Pass 1 sees each line's own features and its neighbours'; pass 2 adds pass 1's probabilities
over windows of the page and the page's densest run of article lines, so that a short line inside
the article ("NISSAN SENTRA", a subheading) survives and a long teaser far from it does not.
Weights are trained by bench/train_line_model.py on pages labelled by trafilatura (never on the
dev gold) and ship as a small JSON file; inference is a few numpy products, deterministic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np

from builder.clean.features import N_OWN, own_features, shift, window_mean
from builder.clean.render import Block

KINDS = ("h", "p", "li", "pre", "")
_KIND_COLUMN = {kind: i for i, kind in enumerate(KINDS)}


def html_extras(blocks: list[Block]) -> np.ndarray:
    """Link share and one-hot block kind per block (only known when we rendered the DOM)."""
    x = np.zeros((len(blocks), 1 + len(KINDS)))
    x[:, 0] = [b.link_share for b in blocks]
    x[np.arange(len(blocks)), [1 + _KIND_COLUMN[b.kind] for b in blocks]] = 1.0
    return x


def pass1_matrix(own: np.ndarray) -> np.ndarray:
    """Own features, the previous and next line's, and the mean of three lines each side."""
    return np.hstack([own, shift(own, 1), shift(own, -1), window_mean(own, 3)])


def best_run(score: np.ndarray) -> np.ndarray:
    """1 inside the maximum-sum contiguous run of `score` (Kadane), else 0."""
    out = np.zeros(len(score))
    best, best_span, cur, start = 0.0, (0, 0), 0.0, 0
    for i, s in enumerate(score.tolist()):
        if cur <= 0:
            cur, start = 0.0, i
        cur += s
        if cur > best:
            best, best_span = cur, (start, i + 1)
    out[best_span[0] : best_span[1]] = 1.0
    return out


def pass2_columns(p: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Pass-1 probabilities over windows of the page and its main run (pass 2's new inputs)."""
    col = p[:, None]
    run = best_run((p - 0.5) * weight)[:, None]
    near = np.maximum(window_mean(run, 3), run)
    page = np.full_like(col, float(np.mean(p))) if len(p) else col
    wide = window_mean(col, 12)
    return np.hstack(
        [
            col,
            shift(col, 1),
            shift(col, -1),
            shift(col, 2),
            shift(col, -2),
            window_mean(col, 2),
            window_mean(col, 5),
            wide,
            run,
            near,
            page,
            col * run,
            wide * run,
        ]
    )


def pass2_matrix(own: np.ndarray, p: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Own features plus pass-1 probabilities over windows and the page's main run."""
    return np.hstack([own, pass2_columns(p, weight)])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass(frozen=True)
class LogReg:
    mean: np.ndarray
    std: np.ndarray
    w: np.ndarray

    def predict(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid(((x - self.mean) / self.std) @ self.w)

    @cached_property
    def folded(self) -> tuple[np.ndarray, float]:
        """(weights, bias) on the raw inputs: x @ weights + bias is predict's logit."""
        scaled = self.w / self.std
        return scaled, -float(self.mean @ scaled)

    def to_json(self) -> dict:
        return {"mean": self.mean.tolist(), "std": self.std.tolist(), "w": self.w.tolist()}

    @classmethod
    def from_json(cls, d: dict) -> LogReg:
        return cls(np.array(d["mean"]), np.array(d["std"]), np.array(d["w"]))


@dataclass(frozen=True)
class LineModel:
    pass1: LogReg
    pass2: LogReg

    def predict(self, own: np.ndarray, extras: np.ndarray | None = None) -> np.ndarray:
        """Probability per line; `own` from features.own_features, `extras` from html_extras."""
        if len(own) == 0:
            return np.zeros(0)
        base = own if extras is None else np.hstack([own, extras])
        # The models are linear, and shifts and window means are linear too: multiply the
        # page's rows by each block of weights first, then shift and average the products
        # (what pass1_matrix and pass2_matrix spell out, at a fraction of the array work).
        d = base.shape[1]
        w1, b1 = self.pass1.folded
        y = base @ w1.reshape(4, d).T  # own, previous line's, next line's, window's part
        z1 = y[:, 0] + shift(y[:, 1], 1) + shift(y[:, 2], -1) + window_mean(y[:, 3], 3)
        p = _sigmoid(z1 + b1)
        weight = own[:, 1]  # log words: long lines weigh more in the main run
        w2, b2 = self.pass2.folded
        w_own, kernel, w_run = self._pass2_parts
        # pass2_columns' shifts and window means of p are one convolution with `kernel`.
        z = base @ w_own + np.convolve(p, kernel[::-1])[_REACH : _REACH + len(p)]
        run = best_run((p - 0.5) * weight)
        near = np.maximum(window_mean(run, 3), run)
        wide = window_mean(p, _REACH)
        z += w_run[0] * run + w_run[1] * near + w_run[2] * float(np.mean(p))
        z += (w_run[3] * p + w_run[4] * wide) * run
        return _sigmoid(z + b2)

    @cached_property
    def _pass2_parts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Pass 2's folded weights: on the base rows; as a kernel over p[i - 12 : i + 13]
        (the columns col, shifts and window means); on run, near, page, col*run, wide*run."""
        w, _ = self.pass2.folded
        w_own, w = w[:-_N_PASS2], w[-_N_PASS2:]
        kernel = np.zeros(2 * _REACH + 1)  # weight of p[i + k] at kernel[_REACH + k]
        kernel[_REACH] = w[0]
        for k, wk in ((-1, w[1]), (1, w[2]), (-2, w[3]), (2, w[4])):
            kernel[_REACH + k] += wk
        for radius, wk in ((2, w[5]), (5, w[6]), (_REACH, w[7])):
            kernel[_REACH - radius : _REACH] += wk / (2 * radius)
            kernel[_REACH + 1 : _REACH + 1 + radius] += wk / (2 * radius)
        return w_own, kernel, w[8:]


_N_PASS2 = 13  # columns of pass2_columns
_REACH = 12  # the widest window of pass2_columns


@lru_cache(maxsize=4)
def load_model(name: str) -> LineModel:
    """The shipped model `name` ("dump" or "html"); cached per process, read-only."""
    data = json.loads(resources.files("builder.clean.model").joinpath(f"{name}.json").read_text())
    return LineModel(LogReg.from_json(data["pass1"]), LogReg.from_json(data["pass2"]))


__all__ = ["N_OWN", "LineModel", "LogReg", "load_model", "own_features", "html_extras"]
