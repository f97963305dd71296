#!/usr/bin/env bash
# The code's shape (issue 15), checked on the sources: no include cycle between engine folders,
# no SQL text outside engine/store (tests aside), no Qt in engine/, no LibTorch in widgets/, and no
# file in the GUI that includes both LibTorch and Qt's slots-using headers.
set -euo pipefail
SRC=$2
python3 - "$SRC" <<'PY'
import collections, os, re, sys
src = sys.argv[1]
fail = []
def sources(top):
    for root, _, files in os.walk(os.path.join(src, top)):
        for f in files:
            if f.endswith((".h", ".cpp")):
                p = os.path.join(root, f)
                yield os.path.relpath(p, src), open(p, encoding="utf-8", errors="replace").read()

deps = collections.defaultdict(set)
for rel, text in sources("engine"):
    folder = rel.split("/")[1]
    for m in re.finditer(r'#include "engine/([a-z_]+)/', text):
        if m.group(1) != folder: deps[folder].add(m.group(1))
    if re.search(r'#include <Q[A-Za-z]+>|#include "q[a-z]+\.h"', text): fail.append(f"{rel}: Qt in engine/")
seen, stack, cycles = {}, [], []
def visit(n):  # depth-first search for back edges
    seen[n] = 1; stack.append(n)
    for m in sorted(deps.get(n, ())):
        if seen.get(m) == 1: cycles.append(stack[stack.index(m):] + [m])
        elif m not in seen: visit(m)
    seen[n] = 2; stack.pop()
for n in sorted(deps):
    if n not in seen: visit(n)
for c in cycles: fail.append("include cycle between engine folders: " + " -> ".join(c))

for top in ("engine", "app", "widgets"):
    for rel, text in sources(top):
        if rel.startswith("engine/store/"): continue
        for line in text.splitlines():
            m = re.search(r'"(SELECT|INSERT INTO|INSERT OR|UPDATE \w+ SET|DELETE FROM|CREATE TABLE|PRAGMA|ATTACH DATABASE|VACUUM)', line)
            if m: fail.append(f"{rel}: SQL outside engine/store: {line.strip()[:80]}")
        if top == "widgets" and re.search(r'#include <torch/', text): fail.append(f"{rel}: LibTorch in widgets/")
for rel, text in sources("app/gui"):
    if re.search(r'#include <torch/', text) and re.search(r'qcustomplot\.h', text):
        fail.append(f"{rel}: includes both LibTorch and qcustomplot.h")
if fail:
    print("\n".join(fail)); sys.exit(1)
print(f"ok: {len(deps)} engine folders, no include cycle; no SQL outside engine/store")
PY
