"""Issue 15: this package's data, tokenizer, model and grounding measurement, trained by the pilot's loop (AdamW 2e-3 on
every parameter with weight decay 0.01, a one-cycle schedule, the mean of the two directions' losses, no gradient
clipping) instead of `virtex_nb.pretrain.train`. If it grounds shape words where `virtex-nb pretrain` with the same
model and data does not, the difference is in the training loop; if not, in the data, tokenizer or model.
  python data/diagnostics/hybrid.py OUT LISTS TOK [--preset cpu] [--iterations 1250] [--seed 0] [--no-flip]
(LISTS: a `lists`-world data folder; TOK: the recalibration grid's tokenizer.model) -> OUT/log.csv"""
import argparse, csv, time
from pathlib import Path
import torch
from virtex_nb.core import set_seed
from virtex_nb.models import ModelConfig, make_model
from virtex_nb.pretrain import TrainConfig, pretraining_data, find_data
from virtex_nb.tokenizer import CaptionTokenizer
from virtex_nb.grounding import grounding

ap = argparse.ArgumentParser()
ap.add_argument('out'); ap.add_argument('data'); ap.add_argument('tokenizer')
ap.add_argument('--preset', default='cpu'); ap.add_argument('--iterations', type=int, default=1250)
ap.add_argument('--seed', type=int, default=0); ap.add_argument('--evals', type=int, default=5)
ap.add_argument('--no-flip', action='store_true', help="train on the images as they are (the pilot's data: no flip)")
a = ap.parse_args()
torch.set_num_threads(1)
out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
tc = TrainConfig.preset('cpu', crop_scale=(1.0, 1.0), jitter_p=0.0, seed=a.seed)      # the recalibration's no_aug data
tok = CaptionTokenizer(a.tokenizer)
root = find_data(a.data, 'bicaptioning')
train_set, val_set, collate = pretraining_data('bicaptioning', root, tok, 64, 1.0, 5, a.seed, tc, workers=1)
if a.no_flip:
    from virtex_nb.data import eval_transform
    whole = eval_transform(64, resize=64)                                                   # (3, 64, 64), normalised
    train_set.transform = lambda image, caption: (whole(image), caption)
set_seed(a.seed)
model = make_model(ModelConfig.preset(a.preset, vocab_size=tok.vocab_size)).train()
opt = torch.optim.AdamW(model.parameters(), 2e-3, weight_decay=0.01)
sched = torch.optim.lr_scheduler.OneCycleLR(opt, 2e-3, total_steps=a.iterations, pct_start=0.1)
loader = torch.utils.data.DataLoader(train_set, batch_size=64, shuffle=True, collate_fn=collate, drop_last=True)
val = torch.utils.data.DataLoader(val_set, batch_size=64, shuffle=False, collate_fn=collate)
marks = {round(a.iterations * k / a.evals) for k in range(1, a.evals + 1)}
rows, it, t0, running = [], 0, time.time(), None
while it < a.iterations:
    for batch in loader:
        it += 1
        loss = model(batch)['loss'] / 2                                  # the mean of the two directions
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if it in marks:
            g = grounding(model, val, tok, max_batches=6).set_index('word_class')
            rows.append({'iteration': it, 'train_loss': running, 'seconds': round(time.time() - t0, 1),
                         **{f"gap_{c.split('/')[0]}": g.loc[c, 'gap'] for c in g.index}})
            print(rows[-1], flush=True)
            with open(out/'log.csv', 'w', newline='') as f:
                w = csv.DictWriter(f, list(rows[0])); w.writeheader(); w.writerows(rows)
        if it >= a.iterations: break
