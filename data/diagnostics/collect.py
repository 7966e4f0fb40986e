"""The grounding gap (13_grounding) at every checkpoint of each diagnostic run in runs.json -> results.csv.
  python data/diagnostics/collect.py RUNS DATA MONO LISTED     (folders as in runs.json's commands)
Each checkpoint is measured on the first 6 validation batches (384 captions) of its world, with the image and with
another image of the batch. Runs that were stopped early have fewer checkpoints (`planned` says what was planned)."""
import sys, json, torch
from pathlib import Path
import pandas as pd
torch.set_num_threads(1)
import torch.nn.functional as F
import virtex_nb.visual as V
from virtex_nb.grounding import grounding_curve
_forward = V.VisualBackbone.forward
here, (runs, data, mono, listed) = Path(__file__).parent, map(Path, sys.argv[1:5])
folders = {None: data, 'MONO': mono, 'LISTED': listed}
rows = []
for r in json.loads((here/'runs.json').read_text()):
    V.VisualBackbone.forward = (lambda self, image: F.adaptive_avg_pool2d(_forward(self, image), 1)) if r.get('pooled') else _forward
    c = grounding_curve(runs/r['run'], data=folders[r.get('data')], max_batches=6)
    g = c.pivot(index='iteration', columns='word_class', values='gap').add_prefix('gap_').reset_index()
    shape = c[c.word_class == 'shape'].set_index('iteration')
    g['loss_shape_image'], g['loss_shape_shuffled'] = shape.loss_image.reindex(g.iteration).values, shape.loss_shuffled.reindex(g.iteration).values
    rows.append(g.assign(run=r['run'], what=r['what'], planned_iterations=r['planned'], command=r['command']))
df = pd.concat(rows, ignore_index=True)
df.columns = [c.replace('/', '_') for c in df.columns]
df.to_csv(here/'results.csv', index=False)
print(df.drop(columns=['what', 'command']).round(3).to_string(index=False))
