import json, sys
from pathlib import Path
sys.path.insert(0, "/work/main")
from nsc_workshop.io._lzstring import compress_to_utf16
C = Path("/work/main/tests/data/io/corpus")

def expected(name, **spec):
    (C / f"{name}.expected.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", "utf-8")

PRSM_DOC = "PRSM help, Files (native .prsm format) and js/samples.js (factor and link styles)"

# 1 plain prsm with styles and colours
styles = {
    "nodes": {
        "group0": {"groupLabel": "Sample", "color": {"border": "#0000ff", "background": "#ffffff"}, "font": {"color": "#000000"}, "shape": "ellipse"},
        "group2": {"groupLabel": "Municipality", "color": {"border": "#000000", "background": "#99e699"}, "font": {"color": "#000000"}, "shape": "box"},
        "group3": {"groupLabel": "Civil society", "color": {"border": "#000000", "background": "#ffccdd"}, "shape": "ellipse", "shapeProperties": {"borderDashes": True}},
        "group7": {"groupLabel": "Notes", "color": {"border": "#000000", "background": "#ffff99"}, "font": {"color": "#000000", "size": 20}, "shape": "text"},
    },
    "edges": {
        "edge0": {"groupLabel": "", "color": {"color": "#000000"}, "arrows": {"to": {"enabled": True, "type": "arrow"}}, "dashes": False, "width": 1},
        "edge2": {"groupLabel": "warns", "color": {"color": "#ff0000"}, "dashes": False, "width": 1},
        "edge6": {"groupLabel": "informal contact", "color": {"color": "#000000"}, "dashes": [10, 10], "width": 3},
    },
}
doc = {
    "saved": "07/12/2026, 09:14:03", "version": "2.5.0", "mapTitle": "Varnholm night-time safety",
    "attributeTitles": {"att1": "Sector"},
    "styles": styles,
    "nodes": [
        {"id": "f-001", "label": "Varnholm\nmunicipality", "grp": "group2", "x": -120.5, "y": 40, "color": {"border": "#000000", "background": "#99e699"}, "shape": "box", "att1": "Municipality"},
        {"id": "f-002", "label": "Kaia youth house", "grp": "group3", "x": 80, "y": -60.25, "color": {"border": "#000000", "background": "rgb(255, 204, 221)"}, "shape": "ellipse"},
        {"id": "f-003", "label": "Sørhavn tenants", "grp": "group3", "x": 210, "y": 95},
        {"id": "f-004", "label": "Night bus line 7", "grp": "group0", "x": 30, "y": 200, "color": {"background": "#E69F00"}, "shape": "star", "size": 30},
        {"id": "f-005", "label": "Incident register", "grp": "group0", "x": -200, "y": -150, "shape": "database"},
        {"id": "f-006", "label": "Remember the winter", "grp": "group7", "x": 300, "y": -200},
    ],
    "edges": [
        {"id": "l-1", "from": "f-001", "to": "f-002", "grp": "edge0", "label": "funds", "width": 2},
        {"id": "l-2", "from": "f-003", "to": "f-001", "grp": "edge2", "arrows": {"to": {"enabled": True}}},
        {"id": "l-3", "from": "f-002", "to": "f-003", "grp": "edge6"},
        {"id": "l-4", "from": "f-004", "to": "f-005", "grp": "edge0", "color": {"color": "#0072B2", "highlight": "#0072B2"}, "dashes": [2, 4]},
    ],
}
(C / "prsm-styles-plain.prsm").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", "utf-8")
expected("prsm-styles-plain.prsm", source=PRSM_DOC, what="factor colours from the node or its style (hex and rgb()), shapes box/ellipse/star/text, an unknown shape (database) kept as an attribute, size, positions; link colours, widths and dashes from the link or its style", format="prsm", actors=6, ties=4, warnings=1, mentions=["database"],
    actor={"Varnholm municipality": {"color": "#99e699", "shape": "box", "x": -120.5, "y": 40.0, "sector": "Municipality"},
           "Kaia youth house": {"color": "#ffccdd", "shape": "ellipse"},
           "Sørhavn tenants": {"color": "#ffccdd", "shape": "ellipse"},
           "Night bus line 7": {"color": "#e69f00", "shape": "star", "size": 30.0},
           "Incident register": {"shape": None, "attributes.PRSM shape": "database", "color": "#ffffff"},
           "Remember the winter": {"shape": "text", "color": "#ffff99"}},
    tie=[{"from": "Varnholm municipality", "to": "Kaia youth house", "color": "#000000", "width": 2.0, "weight": 2.0, "style": None},
         {"from": "Sørhavn tenants", "to": "Varnholm municipality", "color": "#ff0000", "type": "warns"},
         {"from": "Kaia youth house", "to": "Sørhavn tenants", "style": "dashed", "width": 3.0, "type": "informal contact"},
         {"from": "Night bus line 7", "to": "Incident register", "color": "#0072b2", "style": "dotted"}])

# 2 compressed
doc2 = json.loads(json.dumps(doc))
doc2["mapTitle"] = "Varnholm night-time safety (compressed)"
doc2["nodes"] = [n for n in doc2["nodes"] if n["id"] != "f-005"]
doc2["edges"] = [e for e in doc2["edges"] if e["id"] != "l-4"]
(C / "prsm-styles-compressed.prsm").write_text(compress_to_utf16(json.dumps(doc2, ensure_ascii=False)), "utf-8")
expected("prsm-styles-compressed.prsm", source=PRSM_DOC + "; lz-string compressToUTF16, as PRSM saves", what="the same styled map as PRSM saves it by default: compressed", format="prsm", actors=5, ties=3, warnings=0,
    actor={"Night bus line 7": {"color": "#e69f00", "shape": "star", "size": 30.0, "x": 30.0},
           "Varnholm municipality": {"shape": "box", "color": "#99e699"}},
    tie=[{"from": "Kaia youth house", "to": "Sørhavn tenants", "style": "dashed", "width": 3.0}])

# 3 opposition styles
edges_styles = {
    "edge0": {"groupLabel": "+ve", "color": {"color": "#00cc00"}},
    "edge1": {"groupLabel": "-ve", "color": {"color": "#ff0000"}},
    "edge2": {"groupLabel": "Negative influence", "color": {"color": "#ff0000"}, "dashes": [10, 10]},
    "edge3": {"groupLabel": "Positive influence", "color": {"color": "#0000ff"}},
    "edge4": {"groupLabel": "--", "color": {"color": "#808080"}},
    "edge5": {"groupLabel": "+-", "color": {"color": "#e6b800"}, "width": 2},
}
nodes = [
    {"id": "a", "label": "Varnholm police", "grp": "group0", "x": 0, "y": 0},
    {"id": "b", "label": "Kaia youth house", "grp": "group0", "x": 100, "y": 0},
    {"id": "c", "label": "Sørhavn tenants", "grp": "group0", "x": 0, "y": 100},
    {"id": "d", "label": "Fjellby school", "grp": "group0", "x": 100, "y": 100},
]
edges = [
    {"id": "1", "from": "a", "to": "b", "grp": "edge0"},
    {"id": "2", "from": "b", "to": "c", "grp": "edge1"},
    {"id": "3", "from": "c", "to": "d", "grp": "edge1"},
    {"id": "4", "from": "d", "to": "a", "grp": "edge2"},
    {"id": "5", "from": "a", "to": "c", "grp": "edge3"},
    {"id": "6", "from": "b", "to": "d", "grp": "edge4"},
    {"id": "7", "from": "c", "to": "b", "grp": "edge5"},
]
doc3 = {"version": "2.5.0", "mapTitle": "Sørhavn influence map", "attributeTitles": {}, "styles": {"nodes": {"group0": {"groupLabel": "Sample"}}, "edges": edges_styles}, "nodes": nodes, "edges": edges}
(C / "prsm-opposition-styles.prsm").write_text(json.dumps(doc3, ensure_ascii=False, indent=1) + "\n", "utf-8")
expected("prsm-opposition-styles.prsm", source=PRSM_DOC + "; link styles named as PRSM users name them in causal maps", what="link styles meaning opposition ('-ve', 'Negative influence', '--', '+-') give sign -1, one note per style; '+ve' and 'Positive influence' +1", format="prsm", actors=4, ties=7, warnings=4, mentions=["-ve", "negative influence", "'--'", "+-", "−1"],
    tie=[{"from": "Varnholm police", "to": "Kaia youth house", "sign": 1, "type": "+ve", "color": "#00cc00"},
         {"from": "Kaia youth house", "to": "Sørhavn tenants", "sign": -1, "type": "-ve"},
         {"from": "Fjellby school", "to": "Varnholm police", "sign": -1, "style": "dashed"},
         {"from": "Varnholm police", "to": "Sørhavn tenants", "sign": 1},
         {"from": "Kaia youth house", "to": "Fjellby school", "sign": -1},
         {"from": "Sørhavn tenants", "to": "Kaia youth house", "sign": -1, "width": 2.0}])

# 4 opposition labels
doc4 = {"version": "2.4.1", "mapTitle": "Fjellby school network", "attributeTitles": {}, "styles": {"nodes": {"group0": {"groupLabel": "Sample"}}, "edges": {"edge0": {"groupLabel": ""}}},
        "nodes": nodes,
        "edges": [
            {"id": "1", "from": "a", "to": "b", "grp": "edge0", "label": "opposes"},
            {"id": "2", "from": "b", "to": "c", "grp": "edge0", "label": "\u2212"},
            {"id": "3", "from": "c", "to": "d", "grp": "edge0", "label": "supports"},
            {"id": "4", "from": "d", "to": "a", "grp": "edge0", "label": "minus"},
            {"id": "5", "from": "a", "to": "d", "grp": "edge0", "label": "opposes"},
            {"id": "6", "from": "b", "to": "d", "grp": "edge0", "label": "meets"},
        ]}
(C / "prsm-opposition-labels.prsm").write_text(json.dumps(doc4, ensure_ascii=False, indent=1) + "\n", "utf-8")
expected("prsm-opposition-labels.prsm", source=PRSM_DOC + "; link labels (PRSM's link Label field)", what="unstyled links whose label means opposition ('opposes', the minus sign '−', 'minus') give sign -1, one note per label", format="prsm", actors=4, ties=6, warnings=3, mentions=["opposes", "minus", "2 links"],
    tie=[{"from": "Varnholm police", "to": "Kaia youth house", "sign": -1, "label": "opposes"},
         {"from": "Kaia youth house", "to": "Sørhavn tenants", "sign": -1},
         {"from": "Sørhavn tenants", "to": "Fjellby school", "sign": 1},
         {"from": "Kaia youth house", "to": "Fjellby school", "sign": 1}])

# 5 prsm xlsx repeated labels
import openpyxl
wb = openpyxl.Workbook(); wb.remove(wb.active)
f = wb.create_sheet("Factors")
for row in [["Label", "Description", "Style", "x", "y", "Budget"],
            ["Varnholm police", "District station", 2, 10, 20, 100],
            ["Kaia youth house", None, 3, -40, 60, None],
            ["Varnholm police", None, None, None, None, 250],
            ["Sørhavn library", "Open late", 3, 120, -30, None]]:
    f.append(row)
l = wb.create_sheet("Links")
for row in [["From", "To", "Label", "Description", "Style"],
            ["Varnholm police", "Kaia youth house", "patrols near", None, 1],
            ["Kaia youth house", "Sørhavn library", "-ve", "Competes for the same evenings", 3],
            ["Sørhavn library", "Varnholm police", None, None, None]]:
    l.append(row)
wb.save(C / "prsm-xlsx-repeated-labels.xlsx")
expected("prsm-xlsx-repeated-labels.xlsx", source="PRSM help, Files: Excel import (Factors: Label, Description, Style, x, y, attributes; Links: From, To by label, Label, Description, Style)", what="a factor listed twice under one label is one factor (merged, its second row's differing Budget said); a link labelled '-ve' is opposition", format="prsm-xlsx", actors=3, ties=3, warnings=2, mentions=["one actor", "Budget", "-ve"],
    actor={"Varnholm police": {"notes": "District station", "sector": "group1", "x": 10.0, "y": 20.0, "attributes.Budget": 100},
           "Sørhavn library": {"notes": "Open late", "sector": "group2"}},
    tie=[{"from": "Kaia youth house", "to": "Sørhavn library", "sign": -1, "label": "-ve", "notes": "Competes for the same evenings"},
         {"from": "Sørhavn library", "to": "Varnholm police", "sign": 1}])

# 6 prsm xlsx as our export with repeated names (unique labels + Original label + Id)
wb = openpyxl.Workbook(); wb.remove(wb.active)
f = wb.create_sheet("Factors")
for row in [["Id", "Label", "Description", "Original label"],
            ["act_police_n", "Police", "North district", None],
            ["act_police_s", "Police (2)", "South district", "Police"],
            ["act_school", "Fjellby school", None, None]]:
    f.append(row)
l = wb.create_sheet("Links")
for row in [["Id", "From", "To", "Label"],
            ["tie_1", "Police", "Fjellby school", "visits"],
            ["tie_2", "Police (2)", "Fjellby school", "visits"],
            ["tie_3", "Police (2)", "Police", "hands over"]]:
    l.append(row)
wb.save(C / "prsm-xlsx-unique-labels.xlsx")
expected("prsm-xlsx-unique-labels.xlsx", source="PRSM help, Files: Excel import (From/To must be text identical to a Label); this kit's PRSM export", what="two factors with one name, labelled 'Police' and 'Police (2)' so PRSM can load the links, their ids in Id and the name in 'Original label': both actors named Police, each link at its own", format="prsm-xlsx", actors=3, ties=3, warnings=0,
    actor={"Fjellby school": {"name": "Fjellby school"}},
    tie=[{"from": "Police", "to": "Fjellby school", "label": "visits"}])
