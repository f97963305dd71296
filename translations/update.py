#!/usr/bin/env python3
"""Regenerates flowcnn_en.ts and flowcnn_ko.ts from the sources (app/gui, app/jobs, widgets).

lupdate does not resolve C++17 nested namespaces (`namespace flowcnn::gui {`), so its contexts are
bare class names; at run time tr() uses the qualified class name. This script runs lupdate, renames
each context to the name the program uses, fills the Korean translations from ko.tsv and the
English plural forms, and writes both files. Run it after changing user-visible strings."""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = {"app/gui": "flowcnn::gui", "app/jobs": "flowcnn::jobs", "widgets": "flowcnn::widgets"}
LUPDATE = "/usr/lib/qt6/bin/lupdate" if os.path.exists("/usr/lib/qt6/bin/lupdate") else "lupdate"


def qobject_classes():
    """Maps bare class name -> qualified name for every Q_OBJECT class of our folders."""
    names = {}
    for d, ns in DIRS.items():
        for f in os.listdir(os.path.join(ROOT, d)):
            if not f.endswith(".h"):
                continue
            text = open(os.path.join(ROOT, d, f), encoding="utf-8").read()
            for m in re.finditer(r"class\s+(\w+)\s*(?:final\s*)?:\s*public\s+\w+[^{]*\{\s*Q_OBJECT", text):
                names[m.group(1)] = ns + "::" + m.group(1)
    return names


def runtime_context(name, classes):
    if name in ("flowcnn::widgets", "flowcnn::widgets::Builder"):
        return "FlowFilter"  # flow_filter.cpp translates with QCoreApplication::translate("FlowFilter")
    return classes.get(name, name)


def load_ko():
    table = {}
    for line in open(os.path.join(ROOT, "translations", "ko.tsv"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#") or "\t" not in line:
            continue
        src, dst = line.split("\t", 1)
        table[src.replace("\\n", "\n")] = dst.replace("\\n", "\n")
    return table


def english_plural(src, n):
    if n == 1:
        return re.sub(r"\(s\)", "", src)
    return re.sub(r"\(s\)", "s", src)


def build(raw, lang, classes, ko):
    tree = ET.parse(raw)
    root = tree.getroot()
    root.set("language", "ko_KR" if lang == "ko" else "en_US")
    merged = {}
    for ctx in list(root.findall("context")):
        name = runtime_context(ctx.find("name").text, classes)
        ctx.find("name").text = name
        if name in merged:  # merge contexts that map to the same run-time name
            for m in ctx.findall("message"):
                merged[name].append(m)
            root.remove(ctx)
        else:
            merged[name] = ctx
    missing = 0
    for ctx in root.findall("context"):
        seen = set()
        for m in list(ctx.findall("message")):
            src = m.find("source").text or ""
            if src in seen:
                ctx.remove(m)
                continue
            seen.add(src)
            tr = m.find("translation")
            numerus = m.get("numerus") == "yes"
            for child in list(tr):
                tr.remove(child)
            tr.text = None
            if lang == "ko":
                dst = ko.get(src)
                if dst is None:
                    missing += 1
                    tr.set("type", "unfinished")
                    continue
                tr.attrib.pop("type", None)
                if numerus:
                    ET.SubElement(tr, "numerusform").text = dst
                else:
                    tr.text = dst
            else:
                tr.attrib.pop("type", None)
                if numerus:
                    ET.SubElement(tr, "numerusform").text = english_plural(src, 1)
                    ET.SubElement(tr, "numerusform").text = english_plural(src, 2)
                else:
                    tr.text = src
    ET.indent(tree, space="    ")
    out = os.path.join(ROOT, "translations", f"flowcnn_{lang}.ts")
    with open(out, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    return missing


def main():
    classes = qobject_classes()
    ko = load_ko()
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw_ko.ts")
        subprocess.run([LUPDATE, "-silent", "-no-obsolete", "-locations", "none"] +
                       [os.path.join(ROOT, d) for d in DIRS] + [os.path.join(ROOT, "app/gui/main.cpp"), "-ts", raw],
                       check=True, stderr=subprocess.DEVNULL)
        build(raw, "en", classes, ko)
        missing = build(raw, "ko", classes, ko)
    print(f"flowcnn_ko.ts: {missing} string(s) without a Korean translation", file=sys.stderr)


if __name__ == "__main__":
    main()
