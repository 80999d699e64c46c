import json
from pathlib import Path
C = Path("/work/main/tests/data/io/corpus")
GEPHI = "Gephi documentation, Import CSV Data / spreadsheet import (nodes table: Id, Label, attributes; edges table: Source, Target, Type, Id, Label, Weight)"

def expected(name, **spec):
    (C / f"{name}.expected.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", "utf-8")

def folder(name, files, encoding="utf-8"):
    d = C / name
    d.mkdir(exist_ok=True)
    for fname, text in files.items():
        (d / fname).write_bytes(text.encode(encoding))

# 1 semicolons and decimal commas (Excel in Nordic languages)
folder("csv-semicolon-decimal-comma", {
    "nodes.csv": "Id;Label;Sector;Score\r\nn1;Varnholm police;Police;2,5\r\nn2;Kaia youth house;Youth work;4\r\nn3;Sørhavn tenants;Housing;0,75\r\n",
    "edges.csv": "Source;Target;Type;Weight\r\nn1;n2;Directed;2,5\r\nn2;n3;Undirected;1,25\r\nn3;n1;Directed;3\r\n",
})
expected("csv-semicolon-decimal-comma", source=GEPHI + "; Excel's CSV in Nordic languages (semicolons, decimal commas)", what="a node/edge pair separated by semicolons, weights and a custom column written with decimal commas", format="csv", actors=3, ties=3, warnings=0,
    actor={"Varnholm police": {"sector": "Police", "attributes.Score": 2.5}, "Kaia youth house": {"attributes.Score": 4}},
    tie=[{"from": "Varnholm police", "to": "Kaia youth house", "weight": 2.5, "directed": True},
         {"from": "Kaia youth house", "to": "Sørhavn tenants", "weight": 1.25, "directed": False}])

# 2 tab separated edge list (.tsv)
(C / "csv-tab-edge-list.tsv").write_text("Source\tTarget\tWeight\tLabel\nVarnholm police\tKaia youth house\t2\tpatrols\nKaia youth house\tFjellby school\t1.5\tvisits\nFjellby school\tVarnholm police\t1\t\n", "utf-8")
expected("csv-tab-edge-list.tsv", source=GEPHI + " (separator: tab; a single edges table, 'Create missing nodes')", what="a single tab-separated edge list: the actors are the ends it names", format="csv", actors=3, ties=3, warnings=0,
    actor={"Fjellby school": {"name": "Fjellby school"}},
    tie=[{"from": "Varnholm police", "to": "Kaia youth house", "weight": 2.0, "label": "patrols"},
         {"from": "Kaia youth house", "to": "Fjellby school", "weight": 1.5}])

# 3 space separated edge list (.txt)
(C / "csv-space-edge-list.txt").write_text("Source Target Weight\nvarnholm_police kaia_youth_house 3\nkaia_youth_house sorhavn_library 1\nsorhavn_library  varnholm_police 2 \n", "utf-8")
expected("csv-space-edge-list.txt", source=GEPHI + " (separator: space); the Gephi tutorial's plain text edge list saved as .txt", what="a space-separated edge list 'Source Target Weight' (one row with two spaces and a trailing space)", format="csv", actors=3, ties=3, warnings=0,
    tie=[{"from": "varnholm_police", "to": "kaia_youth_house", "weight": 3.0},
         {"from": "sorhavn_library", "to": "varnholm_police", "weight": 2.0}])

# 4 blank first lines + BOM
(C / "csv-blank-first-line.csv").write_bytes("\ufeff\r\n\r\nSource,Target,Type\r\nVarnholm police,Kaia youth house,Undirected\r\nKaia youth house,Sørhavn tenants,Directed\r\n".encode("utf-8"))
expected("csv-blank-first-line.csv", source=GEPHI + "; a UTF-8 file with a byte order mark as Excel saves it", what="a byte order mark and two blank lines before the header", format="csv", actors=3, ties=2, warnings=0,
    tie=[{"from": "Varnholm police", "to": "Kaia youth house", "directed": False}])

# 5 comment lines
(C / "csv-comment-lines.csv").write_text("# Varnholm night-time safety, exported 2026-11-30\n# columns: Source, Target, Weight\nSource,Target,Weight\nn1,n2,1\nn2,n3,2\n", "utf-8")
expected("csv-comment-lines.csv", source=GEPHI + "; edge lists written by scripts (networkx write_edgelist's '#' comments)", what="two '#' comment lines before the header, skipped and said", format="csv", actors=3, ties=2, warnings=1, mentions=["2 comment lines"])

# 6 repeated ids
folder("csv-repeated-ids", {
    "nodes.csv": "Id,Label,Sector,Budget\nn1,Varnholm police,Police,100\nn2,Kaia youth house,Youth work,\nn1,Varnholm police,,250\nn3,Sørhavn tenants,Housing,\nn2,,Youth work,40\n",
    "edges.csv": "Source,Target,Type,Weight\nn1,n2,Directed,2\nn2,n3,Undirected,1\n",
})
expected("csv-repeated-ids", source=GEPHI + " (Gephi merges rows with one Id into one node)", what="node rows repeating an Id are one actor; a differing value is said and the first kept", format="csv", actors=3, ties=2, warnings=2, mentions=["'n1'", "'n2'", "Budget"],
    actor={"Varnholm police": {"sector": "Police", "attributes.Budget": 100}, "Kaia youth house": {"attributes.Budget": 40}})

# 7 ragged rows
(C / "csv-ragged-rows.csv").write_text("Source,Target,Weight\nVarnholm police,Kaia youth house,2\nKaia youth house,Sørhavn tenants\nSørhavn tenants,Varnholm police,1,late,evening\nFjellby school,Kaia youth house,3,,\n", "utf-8")
expected("csv-ragged-rows.csv", source=GEPHI + "; hand-edited files", what="a row with a cell missing (read as empty) and a row with two cells too many (left out), each said with its row; trailing empty cells pass silently", format="csv", actors=4, ties=4, warnings=2, mentions=["row 3", "row 4", "left out"],
    tie=[{"from": "Kaia youth house", "to": "Sørhavn tenants", "weight": 1.0}, {"from": "Sørhavn tenants", "to": "Varnholm police", "weight": 1.0}])

# 8 cp1252 pair
folder("csv-windows-1252", {
    "nodes.csv": "Id;Label;Sector\r\nn1;Sørhavn kommune;Municipality\r\nn2;Åland fredsinstitut;Research\r\nn3;Kaia ungdomshus – café;Youth work\r\n",
    "edges.csv": "Source;Target;Label\r\nn1;n2;«samarbeid»\r\nn2;n3;møter\r\n",
}, encoding="cp1252")
expected("csv-windows-1252", source=GEPHI + "; Excel's 'CSV (semicolon)' on Windows, saved in Windows-1252", what="a pair saved in Windows-1252: ø, Å, – and «» read right", format="csv", actors=3, ties=2, warnings=0,
    actor={"Sørhavn kommune": {"sector": "Municipality"}, "Kaia ungdomshus – café": {"sector": "Youth work"}},
    tie=[{"from": "Sørhavn kommune", "to": "Åland fredsinstitut", "label": "«samarbeid»"}])

# 9 Gephi Type values, no Label column, a self loop, no nodes ids as labels
folder("csv-gephi-types-and-loop", {
    "nodes.csv": "Id,Sector\nVarnholm police,Police\nKaia youth house,Youth work\nSørhavn tenants,Housing\n",
    "edges.csv": "Source,Target,Type,Id,Label,Weight\nVarnholm police,Kaia youth house,Directed,e1,patrols,2\nKaia youth house,Sørhavn tenants,Mutual,e2,,1\nSørhavn tenants,Varnholm police,Undirected,e3,,1\nKaia youth house,Kaia youth house,Directed,e4,self-review,1\n",
})
expected("csv-gephi-types-and-loop", source=GEPHI + " (Type: Directed, Undirected, Mutual; Label optional)", what="edge Type Directed/Mutual/Undirected, no Label column (the Id is the name), a self-loop skipped and said", format="csv", actors=3, ties=3, warnings=1, mentions=["itself"],
    actor={"Varnholm police": {"sector": "Police"}},
    tie=[{"from": "Varnholm police", "to": "Kaia youth house", "directed": True, "label": "patrols"},
         {"from": "Kaia youth house", "to": "Sørhavn tenants", "directed": False}])

# 10 adjacency matrix
(C / "csv-matrix.csv").write_text(";Varnholm police;Kaia youth house;Sørhavn tenants;Fjellby school\nVarnholm police;0;2;0;1\nKaia youth house;2;0;1,5;0\nSørhavn tenants;0;1,5;0;0\nFjellby school;1;0;0;0\n", "utf-8")
expected("csv-matrix.csv", source="Gephi documentation, CSV format: adjacency matrix (first cell empty, node ids on the first row and column, semicolon separated)", what="a symmetric adjacency matrix: one undirected tie per pair, the cell as its weight (decimal comma)", format="csv", actors=4, ties=3, warnings=0,
    tie=[{"from": "Varnholm police", "to": "Kaia youth house", "weight": 2.0, "directed": False},
         {"from": "Kaia youth house", "to": "Sørhavn tenants", "weight": 1.5}])

# 11 edges-only folder named like Gephi's export
folder("csv-gephi-export-edges-only", {
    "Varnholm map [Edges].csv": "Source,Target,Type,Id,Label,timeset,Weight\nn1,n2,Directed,0,,,1.0\nn2,n3,Directed,1,,,2.0\nn3,n4,Directed,2,,,1.0\n",
})
expected("csv-gephi-export-edges-only", source="Gephi Data Laboratory, Export table (edges): file named '<workspace> [Edges].csv', with its empty timeset column", what="a folder holding only Gephi's exported edges table: the actors are the ids it names", format="csv", actors=4, ties=3, warnings=0,
    tie=[{"from": "n2", "to": "n3", "weight": 2.0}])
