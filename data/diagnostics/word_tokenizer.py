"""Issue 15: does a word-level vocabulary make the package's bicaptioning ground shape words sooner? The pilot grounds
them with its word vocabulary (1.0 / 1.4 nats at 1,250 steps) and much less with the package's SentencePiece BPE
tokenizer (0.31; pilot_results.csv). This trains the recalibration's flips-only bicaptioning run (`virtex_nb.reproduce`
`run_one`, preset `recalibration`, variant `no_aug`, width 16, 1,250 steps of 64) with a word-level SentencePiece model
(one piece per word, punctuation split off as its own word) instead of BPE.
  python data/diagnostics/word_tokenizer.py OUT LISTS [--seeds 0 1]
(LISTS: a `lists`-world data folder, `virtex-nb data shapes --world lists --images 4000 --out LISTS`)
-> OUT/data (LISTS with ' .' and ' ,' in its captions; images linked), OUT/word.model, OUT/runs/*/result.json,
   and the rows printed as CSV (data/diagnostics/word_tokenizer_results.csv).
The committed rows were trained (2026-12-01) by the same `run_one` call from an inline script, before this file
existed; this script, run on those finished runs, rebuilds byte-identical caption files and tokenizer (.vocab) and
gives the same rows."""
import argparse, json, os, re, sys
from pathlib import Path
import pandas as pd, sentencepiece as spm, torch
from virtex_nb.tokenizer import normalize_caption, SPECIAL_PIECES, UNK_ID
from virtex_nb.reproduce import RunSpec, ReproducePreset, run_one

ap = argparse.ArgumentParser()
ap.add_argument('out'); ap.add_argument('lists'); ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1])
a = ap.parse_args()
torch.set_num_threads(1)
out, src = Path(a.out), Path(a.lists)
data = out/'data'
(data/'captions'/'annotations').mkdir(parents=True, exist_ok=True)
for p in list(src.iterdir()) + list((src/'captions').iterdir()):          # everything but the caption files: links
    dst = data/p.relative_to(src)
    if p.name not in ('captions', 'annotations') and not dst.exists(): os.symlink(p.resolve(), dst)
for p in (src/'captions'/'annotations').iterdir():
    d = json.loads(p.read_text())
    if p.name.startswith('captions_'):
        for ann in d['annotations']: ann['caption'] = re.sub(r'\s*([.,])', r' \1', ann['caption'])   # 'sign.' -> 'sign .'
    (data/'captions'/'annotations'/p.name).write_text(json.dumps(d))
train = json.loads((data/'captions/annotations/captions_train2017.json').read_text())['annotations']
caps = [normalize_caption(ann['caption']) for ann in train]
words = len({w for c in caps for w in c.split()})
spm.SentencePieceTrainer.train(sentence_iterator=iter(caps), model_prefix=str(out/'word'), vocab_size=words + 4,
                               model_type='word', character_coverage=1.0, unk_id=UNK_ID, bos_id=-1, eos_id=-1,
                               pad_id=-1, control_symbols=list(SPECIAL_PIECES), minloglevel=2)
p = ReproducePreset.preset('recalibration')
rows = [run_one(RunSpec('bicaptioning', variant='no_aug', seed=s), p, data, out, out/'word.model') for s in a.seeds]
df = pd.DataFrame(rows).assign(tokenizer=f'word-level SentencePiece, {words + 4} pieces',
                               command=f"python data/diagnostics/word_tokenizer.py OUT LISTS --seeds {' '.join(map(str, a.seeds))}")
df.to_csv(sys.stdout, index=False)
