"""The grounding gap per word (the unit since 2026-12-01) at the end of every caption run of the three calibration
grids, whose committed `gap_*` columns are per token (the unit when they ran).
  python data/calibration/per_word.py CALIB CALIB_LISTS CALIB_LARGE DATA LISTS LARGE
(the grids' --out folders and their data folders, as in 11_reproduce) -> data/calibration/per_word.csv"""
import sys
from pathlib import Path
import pandas as pd
import torch
from virtex_nb.grounding import grounding_curve
torch.set_num_threads(1)
here = Path(__file__).parent
grids, data = [Path(p) for p in sys.argv[1:4]], [Path(p) for p in sys.argv[4:7]]
rows = []
for world, grid, d in zip(('simple', 'lists', 'large'), grids, data):
    for run in sorted(r.name for r in (grid/'runs').iterdir() if r.name.startswith('bicaptioning')):
        c = grounding_curve(grid/'runs'/run, data=d, max_batches=6)          # the last checkpoint is the one kept
        rows.append(c[c.iteration == c.iteration.max()].assign(world=world, run=run))
        cols = ['world', 'run', 'iteration', 'word_class', 'words', 'gap', 'gap_per_token']
        print(rows[-1][cols].round(3).to_string(index=False), flush=True)
pd.concat(rows, ignore_index=True).to_csv(here/'per_word.csv', index=False)
