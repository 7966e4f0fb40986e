#!/usr/bin/env python
"""Run every notebook as a test (nbdev's own test_nb), two at a time with one thread each, and print one line per
notebook and a closing 'N passed, M failed'. Exit status 1 if any failed.
  python .ci/test.py                         # every notebook, slow cells skipped
  python .ci/test.py --flags slow            # also the cells marked #| slow
  python .ci/test.py --path nbs/03_data.ipynb"""
import os, sys, time, argparse
os.environ.setdefault('VIRTEX_QUIET', '1')     # no progress bars in test logs
os.environ.setdefault('OMP_NUM_THREADS', '1')  # one thread per notebook: two notebooks at a time on two cores
from pathlib import Path
from fastcore.parallel import parallel
from fastcore.xtras import working_directory
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.test import test_nb

ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
ap.add_argument('--path', default=None, help='a notebook or folder (default: nbs/)')
ap.add_argument('--flags', default='', help='space-separated test flags to run (e.g. slow)')
ap.add_argument('--n_workers', type=int, default=2)
args = ap.parse_args()
cfg = get_config()
files = sorted(Path(f).absolute() for f in nbglob(args.path or cfg.nbs_path, as_path=True))
files = [f for f in files if not f.name.startswith('_')]
if not files: print('no notebooks found to test'); print('0 passed, 1 failed'); sys.exit(1)
t0 = time.time()
with working_directory(cfg.nbs_path):
    results = parallel(test_nb, files, skip_flags=cfg.tst_flags.split(), force_flags=args.flags.split(),
                       n_workers=args.n_workers, basepath=cfg.config_path, pause=0.01)
for (ok, secs), f in zip(results, files): print(f"{'PASS' if ok else 'FAIL'}  {f.name}  ({secs:.0f} s)")
failed = sum(not ok for ok, _ in results)
print(f"wall time {time.time() - t0:.0f} s")
print(f"{len(files) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
