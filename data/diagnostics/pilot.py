"""The pilot of issue 15, rewritten independently of `virtex_nb` (torch, numpy, PIL, sklearn; from `virtex_nb` only the
word classes of our world's captions, and our parts when asked to swap them in), so that our code can be compared with
it one part at a time. It trains bicaptioning from scratch and measures (1) the grounding gap of
shape words (validation loss of shape-word tokens with another image of the batch minus with the caption's own
image, nats) and (2) a shape-presence linear probe (mAP of logistic regressions on the backbone's pooled features).

  python data/diagnostics/pilot.py OUT [--data pilot|DIR] [--captions folder|instances|instances_colour]
      [--backbone pilot|ours] [--head pilot|ours|ours_...] [--augment none|ours]
      [--iterations 1250] [--seed 0] [--random]        (--help says what each choice is)
      [--tokenizer words|PATH.model] [--model parts|package]

--data pilot: the pilot's world (8 shapes x 8 colours, 1-3 solid objects of diameter 18% or 32% of a 64 px image on
a dark noisy background, captions "a red circle and a small blue star"), generated here; --data DIR: a captions folder
of `virtex-nb data shapes` (DIR/captions/annotations/captions_{train,val}2017.json, DIR/captions/{train,val}2017),
its shapes read from the instance files. --random: no training (the probe's random-init reference).
Writes OUT/log.csv (one row per evaluation: iteration, loss, gap per word class, probe mAP).
"""
import argparse, json, math, re, time, csv
from pathlib import Path
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from PIL import Image, ImageDraw

SHAPES = ('circle', 'square', 'triangle', 'star', 'cross', 'heart', 'ring', 'diamond')
COLOURS = {'red': (215, 35, 35), 'orange': (245, 135, 20), 'yellow': (240, 215, 35), 'green': (35, 160, 60),
           'blue': (35, 75, 215), 'purple': (135, 50, 185), 'pink': (245, 135, 190), 'white': (245, 245, 240)}

def polygon(shape, cx, cy, r):
    "Outline points of `shape` centred at (cx, cy) with radius r (PIL polygon), or None for circle / ring."
    if shape == 'square': return [(cx - r*.8, cy - r*.8), (cx + r*.8, cy - r*.8), (cx + r*.8, cy + r*.8), (cx - r*.8, cy + r*.8)]
    if shape == 'triangle': return [(cx, cy - r), (cx + r*.9, cy + r*.7), (cx - r*.9, cy + r*.7)]
    if shape == 'diamond': return [(cx, cy - r), (cx + r*.7, cy), (cx, cy + r), (cx - r*.7, cy)]
    if shape == 'star':
        return [(cx + (r if k % 2 == 0 else r*.45) * math.sin(k*math.pi/5), cy - (r if k % 2 == 0 else r*.45) * math.cos(k*math.pi/5))
                for k in range(10)]
    if shape == 'cross':
        a, b = r*.35, r
        return [(cx-a, cy-b), (cx+a, cy-b), (cx+a, cy-a), (cx+b, cy-a), (cx+b, cy+a), (cx+a, cy+a), (cx+a, cy+b), (cx-a, cy+b),
                (cx-a, cy+a), (cx-b, cy+a), (cx-b, cy-a), (cx-a, cy-a)]
    if shape == 'heart':
        t = np.linspace(0, 2*math.pi, 40)
        x, y = 16*np.sin(t)**3, 13*np.cos(t) - 5*np.cos(2*t) - 2*np.cos(3*t) - np.cos(4*t)
        return list(zip(cx + x*r/17, cy - y*r/17))
    return None

def pilot_scene(rng, size=64):
    "One image (H, W, 3 uint8), its caption and the set of shapes in it."
    bg = rng.integers(10, 60, 3)
    img = Image.fromarray(np.clip(bg + rng.normal(0, 8, (size, size, 3)), 0, 255).astype(np.uint8))
    d, objs, boxes = ImageDraw.Draw(img), [], []
    for _ in range(rng.integers(1, 4)):
        big = rng.random() < 0.5
        r = size * (0.32 if big else 0.18) / 2
        for _try in range(20):
            cx, cy = rng.uniform(r, size - r, 2)
            if all(abs(cx - x) > r + q or abs(cy - y) > r + q for x, y, q in boxes): break
        else: continue
        shape, colour = SHAPES[rng.integers(8)], list(COLOURS)[rng.integers(8)]
        pts, c = polygon(shape, cx, cy, r), COLOURS[colour]
        if pts is None:
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=c)
            if shape == 'ring': d.ellipse([cx - r*.5, cy - r*.5, cx + r*.5, cy + r*.5], fill=tuple(int(v) for v in bg))
        else: d.polygon(pts, fill=c)
        boxes.append((cx, cy, r)); objs.append(('' if big else 'small ') + f'{colour} {shape}')
    caption = ' and '.join(f'a {o}' for o in objs)
    return np.asarray(img), caption, {o.split()[-1] for o in objs}

def pilot_data(n, seed):
    rng = np.random.default_rng(seed)
    scenes = [pilot_scene(rng) for _ in range(n)]
    return np.stack([s[0] for s in scenes]), [[s[1]] for s in scenes], [s[2] for s in scenes], list(SHAPES)

def folder_data(root, split, captions='folder'):
    """Images, captions per image and shape sets of a `virtex-nb data shapes` captions split (captions='instances':
    one caption per image listing its objects' shapes, from the instance file, e.g. 'a heart and a cross')."""
    ann = json.loads((root / f'captions/annotations/captions_{split}2017.json').read_text())
    inst = json.loads((root / f'captions/annotations/instances_{split}2017.json').read_text())
    ids = [im['id'] for im in ann['images']]
    files = {im['id']: im['file_name'] for im in ann['images']}
    caps = {i: [] for i in ids}
    for a in ann['annotations']: caps[a['image_id']].append(a['caption'])
    cats = {c['id']: c['name'] for c in inst['categories']}
    shapes = {i: set() for i in ids}
    for a in inst['annotations']: shapes[a['image_id']].add(cats[a['category_id']])
    imgs = np.stack([np.asarray(Image.open(root / f'captions/{split}2017' / files[i]).convert('RGB')) for i in ids])
    if captions in ('instances', 'instances_colour'):
        row, names = {i: k for k, i in enumerate(ids)}, {i: [] for i in ids}
        palette = np.array(list(COLOURS_ALL.values()), np.float32)
        for a in inst['annotations']:
            name = cats[a['category_id']]
            if captions == 'instances_colour':                 # the object's colour: nearest palette colour of its pixels
                mask = rle_mask(a['segmentation'])
                rgb = imgs[row[a['image_id']]][mask].astype(np.float32).mean(0)
                name = list(COLOURS_ALL)[int(((palette - rgb) ** 2).sum(1).argmin())] + ' ' + name
            names[a['image_id']].append(name)
        caps = {i: [' and '.join(f'a {n}' for n in names[i]) or 'nothing'] for i in ids}
    return imgs, [caps[i] for i in ids], [shapes[i] for i in ids], sorted(cats.values())

COLOURS_ALL = {'red': (215, 35, 35), 'orange': (245, 135, 20), 'yellow': (240, 215, 35), 'green': (35, 160, 60),
               'blue': (35, 75, 215), 'purple': (135, 50, 185), 'pink': (245, 135, 190), 'brown': (125, 75, 35),
               'white': (245, 245, 240), 'black': (25, 25, 25)}

def rle_mask(seg):
    "(H, W) bool mask of an uncompressed COCO RLE (runs of 0s and 1s, column-major)."
    h, w = seg['size']; flat = np.zeros(h * w, bool); pos = 0
    for k, n in enumerate(seg['counts']):
        if k % 2: flat[pos:pos + n] = True
        pos += n
    return flat.reshape(w, h).T

WORD = r"[a-z]+"                 # what a word is: letters; with --tokenizer words_punct also '.' and ','
def words(caption): return re.findall(WORD, caption.lower())

class Vocab:
    "Word-level vocabulary: 0 pad, 1 sos, 2 eos, 3 unk; `unused` more entries that no caption has (V larger)."
    def __init__(self, captions, unused=0):
        counts = {}
        for cs in captions:
            for c in cs:
                for w in words(c): counts[w] = counts.get(w, 0) + 1
        self.itos = ['<pad>', '<sos>', '<eos>', '<unk>'] + sorted(counts) + [f'<unused{k}>' for k in range(unused)]
        self.stoi = {w: i for i, w in enumerate(self.itos)}
    def encode(self, caption, max_len=30):
        ids = [self.stoi.get(w, 3) for w in words(caption)][:max_len - 2]
        return [1] + ids + [2]

class PieceVocab:
    "The package's SentencePiece tokenizer behind `Vocab`'s interface (its ids: 0 pad, 1 sos, 2 eos; punctuation kept)."
    def __init__(self, path):
        from virtex_nb.tokenizer import CaptionTokenizer
        self.tok = CaptionTokenizer(path)
        self.itos = [self.tok.sp.id_to_piece(i) for i in range(self.tok.vocab_size)]
        self.stoi = {p[1:]: i for i, p in enumerate(self.itos) if p.startswith('\u2581')}   # whole words only
    def encode(self, caption, max_len=30): return self.tok.encode(caption, max_len)
def package_backward(tokens):
    "The package's backward captions: [sos] w1..wn [eos] -> [eos] wn..w1 [sos], padding kept at the right."
    out = tokens.clone()
    for b, row in enumerate(tokens.tolist()):
        n = row.index(2)
        out[b, :n + 1] = torch.tensor(row[:n + 1][::-1])
    return out
BACKWARD = None     # set in main: backward_tokens (the pilot's heads) or package_backward (--model package)
def pad(seqs):
    T = max(len(s) for s in seqs)
    return torch.tensor([s + [0] * (T - len(s)) for s in seqs])                     # (B, T)

def stage(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, 2, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))

class CNN(nn.Module):
    "4 stages of width 32, 64, 128, 256, each halving: 64 px -> a 4x4 grid."
    def __init__(self, w=32):
        super().__init__()
        self.body = nn.Sequential(stage(3, w), stage(w, 2*w), stage(2*w, 4*w), stage(4*w, 8*w))
        self.dim = 8 * w
    def forward(self, x): return self.body(x)                                         # (B, 8w, 4, 4)

class Head(nn.Module):
    "One transformer decoder layer over word embeddings, attending to the projected grid."
    def __init__(self, V, vis_dim, D=128, layers=1, heads=2, ff=512, max_len=32):
        super().__init__()
        self.proj, self.emb, self.pos = nn.Linear(vis_dim, D), nn.Embedding(V, D, padding_idx=0), nn.Embedding(max_len, D)
        self.dec = nn.TransformerDecoder(nn.TransformerDecoderLayer(D, heads, ff, 0.1, batch_first=True, norm_first=True), layers)
        self.norm, self.out = nn.LayerNorm(D), nn.Linear(D, V)
    def forward(self, grid, tokens):                                                  # grid (B, C, h, w), tokens (B, T)
        mem = self.proj(grid.flatten(2).transpose(1, 2))                              # (B, h*w, D)
        T = tokens.shape[1]
        x = self.emb(tokens) + self.pos(torch.arange(T))                              # (B, T, D)
        causal = torch.triu(torch.ones(T, T, dtype=torch.bool), 1)                 # True: may not attend
        return self.out(self.norm(self.dec(x, mem, tgt_mask=causal, tgt_key_padding_mask=tokens == 0)))  # (B, T, V)

def backward_tokens(tokens):
    "[sos] w1..wn [eos] -> [sos] wn..w1 [eos], per row, padding kept at the right."
    out = tokens.clone()
    for b, row in enumerate(tokens.tolist()):
        n = row.index(2)
        out[b, 1:n] = torch.tensor(row[1:n][::-1])
    return out

def token_losses(cnn, fwd, bwd, images, tokens, shuffle=False):
    "Per-token loss (B, T-1) of each direction; 0 at padding."
    grid = cnn(images)
    if shuffle: grid = grid.roll(1, 0)
    out = []
    for head, toks in ((fwd, tokens), (bwd, BACKWARD(tokens))):
        logits = head(grid, toks[:, :-1])                                             # (B, T-1, V)
        out.append((F.cross_entropy(logits.transpose(1, 2), toks[:, 1:], ignore_index=0, reduction='none'), toks[:, 1:]))
    return out

def to_tensor(imgs): return (torch.from_numpy(imgs).permute(0, 3, 1, 2).float() / 255 - 0.45) / 0.25   # (B, 3, H, W)

@torch.no_grad()
def gaps(cnn, fwd, bwd, imgs, caps, vocab, shape_words, colour_words):
    "Mean validation loss of shape / colour / other tokens with own and shuffled images, and the gaps."
    for m in (cnn, fwd, bwd): m.eval()
    sid = torch.tensor([vocab.stoi.get(w, -1) for w in shape_words])
    cid = torch.tensor([vocab.stoi.get(w, -1) for w in colour_words])
    sums = np.zeros((2, 3)); n = np.zeros(3)
    for i in range(0, len(imgs), 128):
        x = to_tensor(imgs[i:i+128]); toks = pad([vocab.encode(c[0]) for c in caps[i:i+128]])
        for s, shuffle in enumerate((False, True)):
            for nll, tgt in token_losses(cnn, fwd, bwd, x, toks, shuffle):
                cls = torch.where(torch.isin(tgt, sid), 0, torch.where(torch.isin(tgt, cid), 1, 2))
                valid = tgt != 0
                for k in range(3):
                    m = valid & (cls == k)
                    sums[s, k] += nll[m].sum().item()
                    if s == 0: n[k] += m.sum().item()
    for m in (cnn, fwd, bwd): m.train()
    loss = sums / np.maximum(n, 1)
    return {f'gap_{k}': loss[1, j] - loss[0, j] for j, k in enumerate(('shape', 'colour', 'other'))} | \
           {'loss_shape': loss[0, 0], 'loss_colour': loss[0, 1]}

@torch.no_grad()
def probe(cnn, tr, va, names):
    "Shape-presence mAP (%) of one-vs-rest logistic regressions on pooled, standardised features."
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score
    from sklearn.preprocessing import StandardScaler
    cnn.eval()
    feats = [torch.cat([cnn(to_tensor(im[i:i+256])).mean((2, 3)) for i in range(0, len(im), 256)]).numpy() for im, _ in (tr, va)]
    cnn.train()
    sc = StandardScaler().fit(feats[0]); Xtr, Xva = sc.transform(feats[0]), sc.transform(feats[1])
    aps = []
    for c in names:
        ytr, yva = np.array([c in s for s in tr[1]]), np.array([c in s for s in va[1]])
        if ytr.all() or not ytr.any() or not yva.any(): continue
        clf = LogisticRegression(C=0.1, max_iter=2000).fit(Xtr, ytr)
        aps.append(average_precision_score(yva, clf.decision_function(Xva)))
    return 100 * float(np.mean(aps))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out'); ap.add_argument('--data', default='pilot'); ap.add_argument('--iterations', type=int, default=1250)
    ap.add_argument('--batch', type=int, default=64); ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--seed', type=int, default=0); ap.add_argument('--random', action='store_true')
    ap.add_argument('--captions', default='folder', choices=('folder', 'instances', 'instances_colour'))
    ap.add_argument('--backbone', default='pilot', choices=('pilot', 'ours'), help="ours: virtex_nb's resnet10_w32, small input")
    ap.add_argument('--head', default='pilot', choices=('pilot', 'ours', 'ours_torch_init', 'ours_pre_norm', 'ours_untied', 'ours_unshared',
                                                           'ours_torch_init_pre_norm', 'ours_pilot_like'),
                    help="ours: virtex_nb's TextualHead pair of BiCaptioningModel (post-norm, GELU, embedding LayerNorm, "
                         "tied output, N(0, 0.02) init; projection, embedding and output shared by the two directions); "
                         "ours_torch_init: with PyTorch's default init of its linear and attention layers (embeddings keep "
                         "N(0, 0.02)); ours_pre_norm: with its decoder layer made pre-norm, plus a final LayerNorm; "
                         "ours_untied: an output layer of its own, not tied to the embedding; ours_unshared: the backward "
                         "head with its own projection, embedding and output; ours_torch_init_pre_norm: both of "
                         "those; ours_pilot_like: both, plus no embedding LayerNorm, ReLU, N(0, 1) embeddings and an "
                         "untied output of PyTorch's init (the pilot's Head in all but the sharing between directions)")
    ap.add_argument('--augment', default='none', choices=('none', 'ours'), help="ours: the cpu preset's TensorAugment")
    ap.add_argument('--evals', type=int, default=5); ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--tokenizer', default='words', help="words: the pilot's word vocabulary; words_punct: with '.' and ',' as words; "
                    "words_padN: with N unused entries; PATH.model: the package's SentencePiece tokenizer (its ids, "
                    "punctuation kept as pieces)")
    ap.add_argument('--model', default='parts', choices=('parts', 'package'),
                    help="parts: --backbone and --head as chosen; package: virtex_nb's whole model, "
                         "make_model(ModelConfig.preset('cpu')), trained by its own forward (loss = forward + backward), "
                         "with the package's backward captions ([eos] wn..w1 [sos])")
    a = ap.parse_args()
    global BACKWARD, WORD
    BACKWARD = package_backward if a.model == 'package' else backward_tokens
    torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    if a.data == 'pilot':
        tr_imgs, tr_caps, tr_shapes, names = pilot_data(4000, 1000 + a.seed)
        va_imgs, va_caps, va_shapes, _ = pilot_data(1000, 99)
        shape_words, colour_words = list(SHAPES), list(COLOURS)
    else:
        root = Path(a.data)
        tr_imgs, tr_caps, tr_shapes, names = folder_data(root, 'train', a.captions)
        va_imgs, va_caps, va_shapes, _ = folder_data(root, 'val', a.captions)
        from virtex_nb.grounding import shapes_lexicon                               # the word classes only
        lex = shapes_lexicon()
        shape_words = [w for w, c in lex.items() if c == 'shape']; colour_words = [w for w, c in lex.items() if c == 'colour']
    if a.tokenizer == 'words_punct': WORD = r"[a-z]+|[.,]"
    vocab = (Vocab(tr_caps) if a.tokenizer in ('words', 'words_punct') else
             Vocab(tr_caps, unused=int(a.tokenizer.split('_pad')[1])) if a.tokenizer.startswith('words_pad') else
             PieceVocab(a.tokenizer))
    if a.backbone == 'ours':
        from virtex_nb.visual import VisualBackbone
        cnn = VisualBackbone('resnet10_w32', small_input=True); cnn.dim = cnn.out_channels
    else: cnn = CNN()
    if a.head.startswith('ours'):
        from virtex_nb.textual import TextualHead
        from virtex_nb.models import BiCaptioningModel
        head = TextualHead(cnn.dim, len(vocab.itos), 128, 1, 2, 512)
        if a.head in ('ours_torch_init', 'ours_torch_init_pre_norm', 'ours_pilot_like'):
            for m in head.modules():
                if isinstance(m, nn.MultiheadAttention): m._reset_parameters()
                elif isinstance(m, nn.Linear) and m is not head.output: m.reset_parameters()   # the output is the embedding
        if a.head in ('ours_pre_norm', 'ours_torch_init_pre_norm', 'ours_pilot_like'):
            for layer in head.transformer.layers: layer.norm_first = True
            head.transformer.norm = nn.LayerNorm(128)
        if a.head == 'ours_pilot_like':                        # the rest of the pilot's Head: no embedding LayerNorm,
            head.embedding.layer_norm = nn.Identity()           # ReLU, N(0, 1) embeddings (nn.Embedding's default),
            for layer in head.transformer.layers: layer.activation = F.relu   # an untied output of PyTorch's init
            for emb in (head.embedding.words, head.embedding.positions): emb.reset_parameters()
            head.output = nn.Linear(128, len(vocab.itos))
        if a.head == 'ours_untied':
            head.output = nn.Linear(128, len(vocab.itos))
            head.output.weight.data.normal_(0.0, 0.02)          # the original's init, without the tie
        pair = BiCaptioningModel(nn.Identity(), head)          # the backward head: a copy, sharing projection, embedding, output
        if a.head == 'ours_unshared':
            import copy
            pair.backward_textual = copy.deepcopy(pair.textual)  # its own transformer, projection, embedding, output
        fwd, bwd = pair.textual, pair.backward_textual          # head(grid, tokens) -> logits, as the pilot's Head
    else: fwd, bwd = Head(len(vocab.itos), cnn.dim), Head(len(vocab.itos), cnn.dim)
    if a.model == 'package':
        from virtex_nb.models import ModelConfig, make_model
        package = make_model(ModelConfig.preset('cpu', vocab_size=len(vocab.itos))).train()
        cnn, fwd, bwd = package.visual, package.textual, package.backward_textual
    params = list({id(p): p for m in (cnn, fwd, bwd) for p in m.parameters()}.values())   # shared modules once
    opt = torch.optim.AdamW(params, lr=a.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, a.lr, total_steps=max(a.iterations, 1), pct_start=0.1)
    rng = np.random.default_rng(a.seed)
    if a.augment == 'ours':
        from virtex_nb.data import TensorAugment, IMAGENET_MEAN, IMAGENET_STD
        aug = TensorAugment(64, (0.7, 1.0), jitter=(0.2, 0.2, 0.2), jitter_p=0.5)
        IMAGENET_MEAN, IMAGENET_STD = torch.tensor(IMAGENET_MEAN)[:, None, None], torch.tensor(IMAGENET_STD)[:, None, None]
    rows, t0 = [], time.time()
    def evaluate(it, loss):
        r = {'iteration': it, 'train_loss': loss, 'seconds': round(time.time() - t0, 1)}
        r |= gaps(cnn, fwd, bwd, va_imgs[:512], va_caps[:512], vocab, shape_words, colour_words)
        r['probe_map'] = probe(cnn, (tr_imgs[:2000], tr_shapes[:2000]), (va_imgs, va_shapes), names)
        rows.append(r); print({k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()}, flush=True)
        with open(out / 'log.csv', 'w', newline='') as f:
            w = csv.DictWriter(f, list(rows[0])); w.writeheader(); w.writerows(rows)
    if a.random: evaluate(0, float('nan')); return
    marks = {round(a.iterations * k / a.evals) for k in range(1, a.evals + 1)}
    running = None
    for it in range(1, a.iterations + 1):
        idx = rng.integers(0, len(tr_imgs), a.batch)
        caps = [tr_caps[i][rng.integers(len(tr_caps[i]))] for i in idx]
        if a.augment == 'ours':                         # crop 0.7-1, flip (left/right swapped in the caption), jitter
            pairs = [aug(torch.from_numpy(tr_imgs[i]).permute(2, 0, 1), c) for i, c in zip(idx, caps)]
            x = (torch.stack([p[0] for p in pairs]) * IMAGENET_STD + IMAGENET_MEAN - 0.45) / 0.25   # this script's normalisation
            caps = [p[1] for p in pairs]
        else: x = to_tensor(tr_imgs[idx])
        toks = pad([vocab.encode(c) for c in caps])
        if a.model == 'package':
            lengths = (toks != 0).sum(1)
            loss = package(dict(image=x, tokens=toks, backward_tokens=package_backward(toks), lengths=lengths))['loss'] / 2
        else: loss = sum(nll.sum() / (t != 0).sum() for nll, t in token_losses(cnn, fwd, bwd, x, toks)) / 2
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if it in marks: evaluate(it, running)

if __name__ == '__main__': main()
