"""Every run of NAME_runs.json (RUNS/RUN/log.csv, written by pilot.py or hybrid.py) -> NAME_results.csv, none left out.
  python data/diagnostics/collect_pilot.py RUNS [NAME]      (NAME: pilot, the default, or hybrid)
DATA is a `simple`-world folder (`virtex-nb data shapes --world simple --images 4000 --out DATA`), LISTS the same with
`--world lists`."""
import sys, json
from pathlib import Path
import pandas as pd
here, runs = Path(__file__).parent, Path(sys.argv[1])
name = sys.argv[2] if len(sys.argv) > 2 else 'pilot'
rows = []
for r in json.loads((here/f'{name}_runs.json').read_text()):
    log = runs/r['run']/'log.csv'
    if not log.exists(): sys.exit(f"{log} is missing: run {r['command']}")
    rows.append(pd.read_csv(log).assign(run=r['run'], what=r['what'], command=r['command']))
df = pd.concat(rows, ignore_index=True)
df.to_csv(here/f'{name}_results.csv', index=False)
print(df.drop(columns=['what', 'command']).round(3).to_string(index=False))
