"""A copy of a `simple`-world data folder whose captions are replaced by one exhaustive list per image, read from the
instance annotations and the pixels: "a green triangle and a yellow cross" (the pilot's caption style, see pilot.py).
Images and every other split are symlinked, not copied.
  python data/diagnostics/listed_captions.py SRC DST"""
import sys, json, os
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from pilot import folder_data

src, dst = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
(dst/'captions'/'annotations').mkdir(parents=True, exist_ok=True)
for p in src.iterdir():
    if p.name != 'captions' and not (dst/p.name).exists(): os.symlink(p, dst/p.name)
for p in (src/'captions').iterdir():
    if p.name != 'annotations' and not (dst/'captions'/p.name).exists(): os.symlink(p, dst/'captions'/p.name)
for split in ('train', 'val'):
    ann = json.loads((src/f'captions/annotations/captions_{split}2017.json').read_text())
    _, caps, _, _ = folder_data(src, split, 'instances_colour')
    ann['annotations'] = [{'id': k + 1, 'image_id': im['id'], 'caption': c[0]} for k, (im, c) in enumerate(zip(ann['images'], caps))]
    (dst/f'captions/annotations/captions_{split}2017.json').write_text(json.dumps(ann))
    os.symlink(src/f'captions/annotations/instances_{split}2017.json', dst/f'captions/annotations/instances_{split}2017.json')
    print(split, len(ann['annotations']), 'captions, e.g.', ann['annotations'][0]['caption'])
