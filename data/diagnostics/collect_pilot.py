"""Every run of pilot_runs.json (RUNS/NAME/log.csv, written by pilot.py) -> pilot_results.csv, none left out.
  python data/diagnostics/collect_pilot.py RUNS
DATA is a `simple`-world folder (`virtex-nb data shapes --world simple --images 4000 --out DATA`), LISTS the same with
`--world lists`."""
import sys, json
from pathlib import Path
import pandas as pd
here, runs = Path(__file__).parent, Path(sys.argv[1])
rows = []
for r in json.loads((here/'pilot_runs.json').read_text()):
    log = runs/r['run']/'log.csv'
    if not log.exists(): sys.exit(f"{log} is missing: run {r['command']}")
    rows.append(pd.read_csv(log).assign(run=r['run'], what=r['what'], command=r['command']))
df = pd.concat(rows, ignore_index=True)
df.to_csv(here/'pilot_results.csv', index=False)
print(df.drop(columns=['what', 'command']).round(3).to_string(index=False))
