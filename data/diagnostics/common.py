"""Shared by the diagnostic scripts of this folder: one bicaptioning run of the `calibration` preset's recipe (cpu model
and train presets, batch 64, the simple world), with changes. Run from the repository root, e.g.
  python data/diagnostics/variant.py RUN 600 '{"textual": [512, 1, 8, 2048]}' '{}' DATA TOKENIZER
DATA is a `simple`-world folder (`virtex-nb data shapes --world simple --images 4000 --out DATA`), TOKENIZER the
calibration grid's tokenizer (RUN/tokenizer.model of `virtex-nb reproduce --preset calibration`)."""
import sys, json, torch
from pathlib import Path
torch.set_num_threads(1)

def bicaptioning_args(out, iterations, data, tokenizer, train_overrides=None, model='cpu', task='bicaptioning'):
    "The arguments `virtex-nb reproduce --preset calibration` gives `pretrain` for a bicaptioning run, with changes."
    from virtex_nb.reproduce import ReproducePreset, RunSpec, _pretrain_args
    a = _pretrain_args(RunSpec(task), ReproducePreset.preset('calibration'), Path(data), Path(out), Path(tokenizer))
    a.model, a.iterations = model, iterations
    a.checkpoint_every = a.val_every = max(1, iterations // 4)
    a.train_overrides = dict(train_overrides or {})
    return a
