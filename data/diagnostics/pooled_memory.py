"""Bicaptioning whose head sees one visual vector, the backbone's grid averaged (B, C, 1, 1), instead of the 4x4 grid:
a test of whether attending over the grid is what keeps shape out of reach (with one vector there is nothing to attend to).
  python data/diagnostics/pooled_memory.py OUT ITERATIONS DATA TOKENIZER"""
import sys, torch
import torch.nn.functional as F
sys.path.insert(0, str(__import__('pathlib').Path(__file__).parent))
from common import bicaptioning_run
import virtex_nb.visual as V
out, iters, data, tok = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
_forward = V.VisualBackbone.forward
V.VisualBackbone.forward = lambda self, image: F.adaptive_avg_pool2d(_forward(self, image), 1)   # (B, C, h, w) -> (B, C, 1, 1)
bicaptioning_run(out, iters, data, tok)
