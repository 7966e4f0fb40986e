"""Pilot for a cheaper `full` recipe (issue 15): the `full` grid's bicaptioning run (cpu_w16, lists world, flips
only, 2,500 steps of 64) on 48 px images instead of 64, one seed: does the shape-word gap still reach 0.5 nats, and
what does a step cost? Run from the repository root:
  python data/diagnostics/px48.py OUT [SIZE]
Writes OUT/data (the lists world at SIZE px: 4,000 caption images, small other splits), OUT/run, and appends one row
to data/diagnostics/px48_results.csv (gaps at the last checkpoint, seconds per step, load)."""
import sys, os, csv, json, time, datetime, subprocess, dataclasses
from pathlib import Path
import torch
torch.set_num_threads(1)
from virtex_nb.shapes import make_shapes
from virtex_nb.models import ModelConfig
from virtex_nb.pretrain import pretrain, read_log, latest_checkpoint
from virtex_nb.reproduce import ReproducePreset, RunSpec, pretrain_configs, pretrain_data
from virtex_nb.grounding import grounding_curve

out = Path(sys.argv[1])
size = int(sys.argv[2]) if len(sys.argv) > 2 else 48
data = out/'data'
if not (data/'shapes.json').exists():
    small = {'labels/train': 256, 'labels/val': 128, 'voc/trainval': 100, 'voc/test': 100, 'linear/train': 256,
             'linear/val': 128}   # only the caption set is used here
    make_shapes(data, images=4000, size=size, world='lists', sizes=small, workers=1)
run = RunSpec('bicaptioning')
mc, tc = pretrain_configs(run, ReproducePreset.preset('full_64px'))
mc = dataclasses.replace(mc, image_size=size)
run_dir = out/'run'
t0 = time.time()
pretrain(run_dir, mc, tc, pretrain_data(run, data), None, resume=latest_checkpoint(run_dir) is not None)
log = read_log(run_dir)
first, last = log.iloc[0], log.iloc[-1]
curve = grounding_curve(run_dir)
curve.to_csv(out/'grounding.csv', index=False)
end = curve[curve.iteration == curve.iteration.max()].set_index('word_class')
row = dict(size=size, iterations=int(last.iteration), s_per_step=round((last.wall_time - first.wall_time) /
                                                                        (last.iteration - first.iteration), 4),
           **{f"gap_{c.split('/')[0]}": round(float(end.loc[c, 'gap']), 3) for c in end.index},
           final_val_loss=float(log.val_loss.dropna().iloc[-1]), load_1m=round(os.getloadavg()[0], 2),
           date=datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
           commit=subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip())
path = Path(__file__).with_name('px48_results.csv')
new = not path.exists()
with open(path, 'a', newline='') as f:
    w = csv.DictWriter(f, fieldnames=list(row))
    if new: w.writeheader()
    w.writerow(row)
print(row)
