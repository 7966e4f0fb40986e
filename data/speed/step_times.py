"""Seconds per training step of each objective of the `full` grid, with the decoded-image cache off and on, the two
side by side (two single-thread processes at once, as the grid runs them). Run from the repository root:
  python data/speed/step_times.py DATA TOKENIZER OUT [ITERATIONS]
DATA is the `full` grid's data folder (`virtex-nb data shapes --world lists --images 4000 --out DATA`), TOKENIZER its
tokenizer (RUN/tokenizer.model of `virtex-nb reproduce --preset full`). Appends to data/speed/step_times.csv, or for
data drawn at another size than the grid's 64 px (`--size` of `virtex-nb data shapes`) to step_times_<SIZE>px.csv,
with the model's image size set to it."""
import sys, os, json, time, csv, subprocess, dataclasses, shutil, datetime
from pathlib import Path

TASKS = ('bicaptioning', 'captioning', 'masked_lm', 'token_classification', 'multilabel', 'classification')

def one(task, cache, iterations, data, tokenizer, out):
    "Child process: `pretrain` as the `full` grid runs `task`, for `iterations` steps; prints its seconds per step."
    import torch
    torch.set_num_threads(1)
    from virtex_nb.pretrain import pretrain, read_log
    from virtex_nb.reproduce import ReproducePreset, RunSpec, pretrain_configs, pretrain_data
    run = RunSpec(task)
    mc, tc = pretrain_configs(run, ReproducePreset.preset('full_64px'))
    mc = dataclasses.replace(mc, image_size=_data_size(data))
    tc = dataclasses.replace(tc, iterations=iterations, checkpoint_every=iterations, val_every=iterations,
                             cache_images=cache)
    shutil.rmtree(out, ignore_errors=True)
    pretrain(out, mc, tc, pretrain_data(run, Path(data)), None if task == 'classification' else tokenizer)
    log = read_log(out)
    first, last = log.iloc[0], log.iloc[-1]   # from the first logged step: the cache fills in the first epoch
    print(json.dumps(dict(s_per_step=(last.wall_time - first.wall_time) / (last.iteration - first.iteration))))

def _data_size(data) -> int: return json.loads((Path(data)/'shapes.json').read_text())['args']['size']

if __name__ == '__main__':
    if sys.argv[1] == '--one':
        one(sys.argv[2], sys.argv[3] == '1', int(sys.argv[4]), *sys.argv[5:8])
        sys.exit()
    data, tokenizer, out = sys.argv[1:4]
    iterations = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    env = {**os.environ, 'OMP_NUM_THREADS': '1', 'VIRTEX_QUIET': '1'}
    size = _data_size(data)
    path = Path(__file__).with_name('step_times.csv' if size == 64 else f'step_times_{size}px.csv')
    new = not path.exists()
    with open(path, 'a', newline='') as f:
        w = csv.writer(f)
        if new: w.writerow(['task', 'cache_images', 'iterations', 's_per_step', 'load_1m_before', 'date', 'commit'])
        commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
        for task in TASKS:
            load = os.getloadavg()[0]
            procs = {c: subprocess.Popen([sys.executable, __file__, '--one', task, str(c), str(iterations), data,
                                          tokenizer, f'{out}/{task}-cache{c}'], env=env, stdout=subprocess.PIPE,
                                         text=True) for c in (0, 1)}
            for c, p in procs.items():
                s = json.loads(p.communicate()[0].strip().splitlines()[-1])['s_per_step']
                w.writerow([task, bool(c), iterations, round(s, 4), round(load, 2),
                            datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'), commit])
                f.flush()
                print(task, 'cache' if c else 'files', f'{s:.3f} s/step', f'load {load:.2f}', flush=True)
