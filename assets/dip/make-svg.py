#!/usr/bin/env python3
"""Draws the BPI-R4 boot switch block SW3 for each boot medium, from the board data
(src/main/resources/r4rescue/boards/bpi-r4/board.json: up = 0, down = 1). The window draws the same
thing with JavaFX shapes (r4rescue.face.fx.wizard.DipSwitchView). Run from the repo root:
    python3 assets/dip/make-svg.py
"""
import json, os

root = os.path.dirname(os.path.abspath(__file__))
data = json.load(open(os.path.join(root, "../../src/main/resources/r4rescue/boards/bpi-r4/board.json")))
dip = data["dip"]
SW, SH, GAP = 34, 64, 22

def setting(pos):
    return ", ".join(f"{n}={v}" for n, v in zip(dip["levers"], pos["levers"]))

def svg(pos):
    n = len(dip["levers"])
    w = n * SW + (n + 1) * GAP
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w + 80}" height="{SH + 70}" viewBox="0 0 {w + 80} {SH + 70}" font-family="sans-serif" font-size="12">',
           f'<title>{dip["block"]} set for {pos["label"]}: {setting(pos)} (up = 0, down = 1). Source: {pos["source"]}</title>',
           f'<rect x="0" y="0" width="{w}" height="{SH + 24}" rx="4" fill="#c0392b"/>',
           f'<text x="6" y="14" fill="#fff" font-weight="bold">{dip["block"]}</text>',
           f'<text x="{w + 6}" y="30">0 up</text>', f'<text x="{w + 6}" y="{SH + 16}">1 down</text>']
    for i, name in enumerate(dip["levers"]):
        x = GAP + i * (SW + GAP)
        v = pos["levers"][i]
        y = 23 + v * (SH - 10) / 2
        out.append(f'<rect x="{x}" y="20" width="{SW}" height="{SH - 4}" fill="#5b1a14"/>')
        out.append(f'<rect x="{x + 3}" y="{y}" width="{SW - 6}" height="{(SH - 10) / 2}" fill="#f4f4f4" stroke="#888"/>')
        out.append(f'<text x="{x + SW / 2 - 4}" y="{SH + 38}">{name}</text>')
    out.append(f'<text x="0" y="{SH + 60}">{pos["label"]}: {setting(pos)}</text>')
    out.append('</svg>')
    return "\n".join(out) + "\n"

names = {"SNAND": "nand", "EMMC": "emmc", "SD": "sd", "NONE": "none"}
for p in dip["positions"]:
    with open(os.path.join(root, f"sw3-{names[p['medium']]}.svg"), "w") as f:
        f.write(svg(p))
