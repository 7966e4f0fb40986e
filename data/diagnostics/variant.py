"""A bicaptioning run with model-preset and TrainConfig changes (JSON).
  python data/diagnostics/variant.py OUT ITERATIONS MODEL_CHANGES TRAIN_CHANGES DATA TOKENIZER
  e.g. MODEL_CHANGES '{"textual": [512, 1, 8, 2048]}' (hidden, layers, heads, ff), TRAIN_CHANGES '{"lr_cnn": 0.008}'"""
import sys, json
sys.path.insert(0, str(__import__('pathlib').Path(__file__).parent))
from common import bicaptioning_run
import virtex_nb.models as M
out, iters, mch, tov, data, tok = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4]), sys.argv[5], sys.argv[6]
if 'textual' in mch: mch['textual'] = M.TextualConfig(*mch['textual'])
M.MODEL_PRESETS['variant'] = {**M.MODEL_PRESETS['cpu'], **mch}
bicaptioning_run(out, iters, data, tok, tov, model='variant')
