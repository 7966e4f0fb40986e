"""Bicaptioning with the shape-word tokens weighted W times in each direction's mean loss. Not a recipe: a test of
whether shape words are too small a part of the loss to teach the backbone.
  python data/diagnostics/weighted_shape_words.py OUT ITERATIONS W DATA TOKENIZER"""
import sys, torch, torch.nn.functional as F
sys.path.insert(0, str(__import__('pathlib').Path(__file__).parent))
from common import bicaptioning_run
import virtex_nb.models as M
from virtex_nb.models import next_token_pairs
from virtex_nb.tokenizer import CaptionTokenizer
from virtex_nb.grounding import shapes_lexicon
out, iters, W, data, tok_path = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
tok, lex = CaptionTokenizer(tok_path), shapes_lexicon()
w = torch.ones(tok.vocab_size)
for i in range(tok.vocab_size):   # whole-word pieces of shape words (and 'plus', 'sign' of 'plus sign')
    p = tok.sp.id_to_piece(i)
    if p.startswith('\u2581') and lex.get(p[1:]) == 'shape': w[i] = W
def forward(self, batch):
    features = self.visual(batch['image'])
    tokens, lengths, back = batch['tokens'], batch['lengths'], batch['backward_tokens']
    memory = self.textual.project(features)                                              # (B, h*w, D)
    hf, yf = next_token_pairs(self.textual.hidden_states(memory, tokens, lengths), tokens)
    hb, yb = next_token_pairs(self.backward_textual.hidden_states(memory, back, lengths), back)
    nll = F.cross_entropy(self.textual.output(torch.cat([hf, hb])), torch.cat([yf, yb]), reduction='none')  # (2N,)
    ww = w.to(nll.device)[torch.cat([yf, yb])]; n = len(yf)
    fwd, bwd = (nll[:n] * ww[:n]).sum() / ww[:n].sum(), (nll[n:] * ww[n:]).sum() / ww[n:].sum()
    return dict(loss=fwd + bwd, forward_loss=fwd.detach(), backward_loss=bwd.detach())
M.BiCaptioningModel.forward = forward
bicaptioning_run(out, iters, data, tok_path)
