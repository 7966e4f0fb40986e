#!/usr/bin/env python
"""Run notebooks and save them with their outputs, or check that every figure a notebook draws is in the file.
  python .ci/execute.py nbs/03_data.ipynb ...   # run (cells marked `#| slow` or `#| eval: false` keep the outputs they had), save
  python .ci/execute.py --check                 # every notebook: each cell that draws a figure has an image output
Temporary folders and this machine's paths are replaced in the saved outputs (<tmp>, <repo>, ~), so the committed
notebooks name no machine; run `nbdev_clean` afterwards, which strips only volatile metadata and keeps outputs."""
import os, re, sys, json, argparse, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {'slow'}                                           # the test flags of settings.ini: cells CI does not run
DRAWS = re.compile(r'\bplt\.(show|plot|imshow|subplots?|figure)\b|\.plot\(|\bplot_\w+\(|\bimshow\(|\bshow_\w+\(|\battention_gallery\(')

def directives(source:str) -> dict:
    "`#| key value` lines at the top of a cell."
    out = {}
    for line in source.splitlines():
        if not line.startswith('#|'): break
        key, *val = line[2:].strip().split(maxsplit=1)
        out[key.rstrip(':')] = val[0].strip() if val else ''
    return out

def skipped(source:str) -> bool:
    d = directives(source)
    return bool(SKIP & d.keys()) or d.get('eval', '').lower() == 'false' or 'nbdev_export(' in source

def draws_figure(source:str) -> bool:
    d = directives(source)
    if 'export' in d or 'exports' in d: return False     # definitions
    top = [l for l in source.splitlines() if l.strip() and not l[0].isspace() and not l.startswith(('#', 'def ', '@', 'import ', 'from ', 'class ', '"', "'", ')'))]
    if not top: return False                             # only definitions: the demo cell after them draws
    return bool(DRAWS.search('\n'.join(l for l in source.splitlines() if not l.lstrip().startswith('#'))))

def scrub(text:str) -> str:
    "Replace temporary folders, the repository and the home folder with placeholders."
    tmp = re.escape(tempfile.gettempdir().rstrip('/'))
    text = re.sub(tmp + r'/[\w.-]+', '<tmp>', text)
    text = text.replace(str(ROOT), '<repo>').replace(str(Path.home()), '~')
    return text

def scrub_outputs(cell):
    for o in cell.get('outputs', []):
        if 'text' in o: o['text'] = scrub(''.join(o['text']) if isinstance(o['text'], list) else o['text'])
        for mime, v in (o.get('data') or {}).items():
            if mime.startswith('text/'): o['data'][mime] = scrub(''.join(v) if isinstance(v, list) else v)

def output_texts(cell) -> list[str]:
    texts = []
    for o in cell.get('outputs', []):
        if 'text' in o: texts.append(''.join(o['text']) if isinstance(o['text'], list) else o['text'])
        texts += [''.join(v) if isinstance(v, list) else v for m, v in (o.get('data') or {}).items() if m.startswith('text/')]
    return texts

def execute(path:Path):
    from execnb.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    nb = read_nb(path)
    shell = CaptureShell(path)
    with working_directory(path.parent):
        shell.run_all(nb, exc_stop=True, preproc=lambda c: c.cell_type != 'code' or skipped(c.source))
    for c in nb.cells:
        if c.cell_type == 'code': scrub_outputs(c)
    write_nb(nb, path)

def check(paths) -> list[str]:
    "Every cell that draws a figure without an image output, or whose output names a path of this machine."
    problems = []
    for path in paths:
        for i, c in enumerate(json.loads(path.read_text())['cells']):
            src = ''.join(c['source'])
            if c['cell_type'] != 'code': continue
            if any(scrub(t) != t for t in output_texts(c)):
                problems.append(f"{path.name}: cell {i} prints a path of the machine that ran it (a temporary folder or the checkout)")
            if skipped(src) or not draws_figure(src): continue
            if not any('image/png' in (o.get('data') or {}) for o in c.get('outputs', [])):
                problems.append(f"{path.name}: cell {i} draws a figure but has no image output (run python .ci/execute.py {path.relative_to(ROOT)})")
    return problems

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('notebooks', nargs='*', type=Path)
    ap.add_argument('--check', action='store_true', help='check the given notebooks (default: all of nbs/) instead of running them')
    args = ap.parse_args()
    paths = [p.resolve() for p in args.notebooks] or sorted((ROOT/'nbs').glob('[0-9i]*.ipynb'))
    if args.check:
        problems = check(paths)
        print('\n'.join(problems) or f'{len(paths)} notebooks: every cell that draws a figure has one')
        sys.exit(1 if problems else 0)
    os.environ.setdefault('VIRTEX_QUIET', '1')
    for p in paths: print(f'running {p.name}', flush=True); execute(p)
