"""The `simple` world with one colour (white) for every object: captions whose only image-dependent words are shapes,
sizes, positions and counts (a test of whether colour words crowd out shape words).
  python data/diagnostics/make_mono.py OUT"""
import sys
from dataclasses import replace
from virtex_nb.shapes import WORLDS, make_shapes
make_shapes(sys.argv[1], images=4000, size=64, seed=0, workers=1, world=replace(WORLDS['simple'], name='mono', colors=('white',)))
