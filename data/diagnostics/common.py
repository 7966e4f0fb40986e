"""Shared by the diagnostic scripts of this folder: one bicaptioning run of the `calibration` preset's recipe (cpu model
and train presets, batch 64, the simple world), with changes. Run from the repository root, e.g.
  python data/diagnostics/variant.py RUN 600 '{"textual": [512, 1, 8, 2048]}' '{}' DATA TOKENIZER
DATA is a `simple`-world folder (`virtex-nb data shapes --world simple --images 4000 --out DATA`), TOKENIZER the
calibration grid's tokenizer (RUN/tokenizer.model of `virtex-nb reproduce --preset calibration`)."""
import sys, json, torch
from pathlib import Path
torch.set_num_threads(1)

def bicaptioning_run(out, iterations, data, tokenizer, train_overrides=None, model='cpu', task='bicaptioning'):
    "`pretrain` as `virtex-nb reproduce --preset calibration` runs it for bicaptioning, with changes (resumes)."
    from dataclasses import replace
    from virtex_nb.models import ModelConfig
    from virtex_nb.pretrain import pretrain, latest_checkpoint
    from virtex_nb.reproduce import ReproducePreset, RunSpec, pretrain_configs, pretrain_data
    run = RunSpec(task)
    _, tc = pretrain_configs(run, ReproducePreset.preset('calibration'))
    every = max(1, iterations // 4)
    tc = replace(tc, iterations=iterations, checkpoint_every=every, val_every=every, **(train_overrides or {}))
    return pretrain(out, ModelConfig.preset(model, task=task), tc, pretrain_data(run, Path(data)), tokenizer,
                    resume=latest_checkpoint(out) is not None)
