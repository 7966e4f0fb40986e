"""Bicaptioning with the textual head's linear and attention layers left at PyTorch's default init (Kaiming / Xavier
uniform) instead of the original's N(0, 0.02); embeddings (tied to the output layer) keep N(0, 0.02). A test of
whether the small init leaves the head's image path on a long plateau at this budget.
  python data/diagnostics/head_init.py OUT ITERATIONS DATA TOKENIZER"""
import sys, torch
from torch import nn
sys.path.insert(0, str(__import__('pathlib').Path(__file__).parent))
from common import bicaptioning_run
import virtex_nb.textual as X
out, iters, data, tok = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def embeddings_only(module:nn.Module):
    if isinstance(module, nn.Embedding):
        module.weight.normal_(0.0, 0.02)
        if module.padding_idx is not None: module.weight[module.padding_idx].zero_()
X.bert_init = torch.no_grad()(embeddings_only)   # TextualHead.__init__ looks the name up when it runs
bicaptioning_run(out, iters, data, tok)
