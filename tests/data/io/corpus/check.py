import shutil, sys, tempfile
from pathlib import Path
sys.path.insert(0, "/work/main")
from nsc_workshop.io.corpus import check_corpus, corpus_table
C = Path("/work/main/tests/data/io/corpus")
prefixes = ("prsm-", "csv-")
with tempfile.TemporaryDirectory() as d:
    for p in C.iterdir():
        if p.name.startswith(prefixes):
            (shutil.copytree if p.is_dir() else shutil.copy)(p, Path(d) / p.name)
    results = check_corpus(d)
    print(corpus_table(results))
    for r in results:
        if r.mismatches or any(r.losses.values()):
            print("==", r.name)
            for m in r.mismatches: print("  MISMATCH", m)
            for w in r.warnings: print("  warn", w)
            for f, l in r.losses.items():
                if l: print("  LOSS", f, l[:4])
