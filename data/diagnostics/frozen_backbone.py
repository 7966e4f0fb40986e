"""A fresh bicaptioning head trained on a frozen backbone taken from another run's checkpoint (backbone LR 0):
can a head read shape out of those features? (BN statistics still update, as in any training step.)
  python data/diagnostics/frozen_backbone.py SOURCE_CKPT OUT ITERATIONS DATA TOKENIZER"""
import sys, torch
sys.path.insert(0, str(__import__('pathlib').Path(__file__).parent))
from common import bicaptioning_run
import virtex_nb.models as M
from virtex_nb.core import load_checkpoint
src, out, iters, data, tok = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
_make = M.make_model
def make_model(cfg):
    m = _make(cfg)
    sd = load_checkpoint(src)['model']
    print('loaded', m.visual.load_state_dict({k[len('visual.'):]: v for k, v in sd.items() if k.startswith('visual.')}, strict=True))
    return m
M.make_model = make_model
bicaptioning_run(out, iters, data, tok, {'lr_cnn': 0.0})
