#!/usr/bin/env python
"""README.md is rendered from nbs/index.ipynb (nbdev_readme needs Quarto, which cannot be installed here).
Markdown cells are copied as they are; code cells that are not hidden become ```python blocks.
  python .ci/readme.py          # write README.md
  python .ci/readme.py --check  # exit 1 if README.md differs from what index.ipynb renders to"""
import sys, json, re
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def render(nb_path=root/'nbs'/'index.ipynb') -> str:
    nb = json.loads(Path(nb_path).read_text())
    parts = []
    for c in nb['cells']:
        src = ''.join(c['source']).strip('\n')
        if c['cell_type'] == 'markdown': parts.append(src)
        elif c['cell_type'] == 'code':
            if re.search(r'^#\s*\|\s*(hide|export)', src, re.M) or not src.strip(): continue
            parts.append('```python\n' + src + '\n```')
    return '<!-- Rendered from nbs/index.ipynb by `python .ci/readme.py`: edit the notebook, not this file. -->\n\n' + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text = render()
    readme = root/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text() != text:
            print('README.md is out of date with nbs/index.ipynb: run `python .ci/readme.py`'); sys.exit(1)
        print('README.md matches nbs/index.ipynb')
    else:
        readme.write_text(text); print('wrote', readme)
