#!/usr/bin/python3
"""Label a FlowCNN project's flows from a per-flow labels.csv (as in ../shared/datasets/ndpi/).

usage: scripts/label_from_csv.py PROJECT LABELS.csv [--column label_recommended]
                                 [--confidence DPI] [--source manual]

Joins each CSV row to the project's flows on the capture file's name (column `pcap` = the
basename of captures.path), the transport protocol and the unordered endpoint pair (the CSV's
direction may differ from the project's client/server), and sets flows.label and
flows.label_source. Only rows whose `confidence` starts with the given prefix (default "DPI":
nDPI decided by payload inspection) and whose label is not "Unknown" are used. A 5-tuple that
carries different labels in one capture is left unlabelled. Prints what it did on stdout.
"""
import argparse
import csv
import ipaddress
import os
import sqlite3
import sys
from collections import defaultdict

PROTO = {"TCP": 6, "UDP": 17}


def norm_ip(s):
    try:
        return str(ipaddress.ip_address(s.strip()))
    except ValueError:
        return s.strip().lower()


def key(l4, a_ip, a_port, b_ip, b_port):
    a = (norm_ip(a_ip), int(a_port))
    b = (norm_ip(b_ip), int(b_port))
    return (int(l4),) + (a + b if a <= b else b + a)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("project")
    ap.add_argument("labels_csv")
    ap.add_argument("--column", default="label_recommended")
    ap.add_argument("--confidence", default="DPI")
    ap.add_argument("--source", default="manual")
    a = ap.parse_args()

    labels = defaultdict(set)  # (pcap, key) -> labels
    rows = used = 0
    with open(a.labels_csv, newline="") as f:
        for r in csv.DictReader(f):
            rows += 1
            lab = (r.get(a.column) or "").strip()
            if not lab or lab == "Unknown" or not (r.get("confidence") or "").startswith(a.confidence):
                continue
            if r["l4proto"] not in PROTO:
                continue
            used += 1
            k = key(PROTO[r["l4proto"]], r["src_ip"], r["src_port"], r["dst_ip"], r["dst_port"])
            labels[(r["pcap"], k)].add(lab)
    conflicts = sum(1 for v in labels.values() if len(v) > 1)

    db = sqlite3.connect(a.project)
    caps = {cid: os.path.basename(path) for cid, path in db.execute("SELECT id, path FROM captures")}
    updates = []
    flows = 0
    for fid, cid, l4, cip, cport, sip, sport in db.execute(
            "SELECT id, capture_id, l4proto, client_ip, client_port, server_ip, server_port FROM flows"):
        flows += 1
        v = labels.get((caps.get(cid), key(l4, cip, cport, sip, sport)))
        if v and len(v) == 1:
            updates.append((next(iter(v)), a.source, fid))
    with db:
        db.executemany("UPDATE flows SET label = ?, label_source = ? WHERE id = ?", updates)
    db.close()
    print(f"csv rows {rows}, usable {used}, 5-tuples {len(labels)} ({conflicts} with conflicting labels)")
    print(f"project flows {flows}, labelled {len(updates)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
