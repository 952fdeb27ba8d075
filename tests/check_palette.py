#!/usr/bin/env python3
# check_palette.py: the seven label colours stay apart as the report draws them, for normal
# vision, deuteranopia and protanopia, in the light and the dark style
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads the colours of data/labels.json, the alphas and the mark shade of
app/gui/bz-report-view.c, the report's text colours of ui/style.css and
ui/style-dark.css and the backgrounds of GtkSourceView's Adwaita schemes, and
checks, with every colour as it is drawn (a tint over the background, a mark in
the label's colour shaded towards the text):

- every two labels differ by a minimum CIEDE2000 for each status (suggested
  tint, accepted tint, mark), simulated for deuteranopia and protanopia
  (Machado, Oliveira and Fernandes 2009, severity 1, in linear RGB) too;
- each label's suggested and accepted tints differ as much;
- the text keeps a contrast of 4.5:1 over every tint, and marks 3:1 over the
  background (WCAG 2.1).

Usage: check_palette.py SOURCE_ROOT STYLES_DIR
"""

import itertools
import json
import math
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

# The least CIEDE2000 between two labels, by what is drawn and by vision.
MIN_DELTA_E = {
    ('suggested', 'normal'): 10.0, ('suggested', 'deficient'): 4.0,
    ('accepted', 'normal'): 12.0, ('accepted', 'deficient'): 6.0,
    ('mark', 'normal'): 12.0, ('mark', 'deficient'): 6.0,
}
MIN_STATUS_DELTA_E = 9.0
MIN_TEXT_CONTRAST = 4.5
MIN_MARK_CONTRAST = 3.0
MIN_MARK_OVER_TINT = 2.0

# Machado et al. 2009, severity 1.0: linear RGB to simulated linear RGB.
VISIONS = {
    'normal': None,
    'deuteranopia': ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    'protanopia': ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
}


def parse_hex(text):
    text = text.strip().lstrip('#')
    if len(text) != 6:
        raise ValueError(f'not a colour like #rrggbb: {text}')
    return tuple(int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))


def to_linear(c):
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def from_linear(c):
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def over(top, bottom, alpha):
    """@top at @alpha over @bottom, as GTK blends: in sRGB values."""
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top, bottom))


def towards(colour, target, amount):
    return tuple(c + (t - c) * amount for c, t in zip(colour, target))


def simulate(rgb, matrix):
    if matrix is None:
        return rgb
    linear = [to_linear(c) for c in rgb]
    return tuple(from_linear(sum(matrix[i][j] * linear[j] for j in range(3))) for i in range(3))


def to_lab(rgb):
    r, g, b = (to_linear(c) for c in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def ciede2000(lab1, lab2):
    """CIEDE2000 as Sharma, Wu and Dalal (2005) give it."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    else:
        dh = h2p - h1p
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    d_big_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        h_mean = (h1p + h2p + 360) / 2
    else:
        h_mean = (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    d_theta = 30 * math.exp(-((h_mean - 275) / 25) ** 2)
    r_c = 2 * math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (d_big_h / s_h) ** 2 + r_t * (dc / s_c) * (d_big_h / s_h))


def delta_e(rgb1, rgb2, vision):
    matrix = VISIONS[vision]
    return ciede2000(to_lab(simulate(rgb1, matrix)), to_lab(simulate(rgb2, matrix)))


def luminance(rgb):
    r, g, b = (to_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(rgb1, rgb2):
    high, low = sorted((luminance(rgb1), luminance(rgb2)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def self_test():
    """The formulas against published values, so that their figures can be trusted."""
    # Pairs 1, 7, 17 and 25 of Sharma, Wu and Dalal's test data.
    for lab1, lab2, expected in (((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
                                 ((50, 0, 0), (50, -1, 2), 2.3669),
                                 ((50, 2.5, 0), (73, 25, -18), 27.1492),
                                 ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644)):
        got = ciede2000(lab1, lab2)
        assert abs(got - expected) < 1e-4, f'CIEDE2000 {lab1} {lab2}: {got}, not {expected}'
    # White stays white; each simulation folds a red onto a green that it
    # confuses: far apart in normal vision, close for the deficient one.
    white = (1.0, 1.0, 1.0)
    for vision in VISIONS:
        assert max(abs(a - b) for a, b in zip(simulate(white, VISIONS[vision]), white)) < 0.01
    for vision, red, green in (('deuteranopia', (0.8, 0.2, 0.2), (0.3, 0.6, 0.2)),
                               ('protanopia', (0.9, 0.2, 0.2), (0.3, 0.4, 0.2))):
        assert delta_e(red, green, 'normal') > 40, vision
        assert delta_e(red, green, vision) < 5, vision


def read_defines(path, names):
    text = open(path, encoding='utf-8').read()
    values = {}
    for name in names:
        match = re.search(r'^#define\s+' + name + r'\s+([0-9.]+)', text, re.M)
        if match is None:
            sys.exit(f'{path}: no #define {name}')
        values[name] = float(match.group(1))
    return values


def read_text_colour(path):
    match = re.search(r'textview\.bz-report text\s*\{[^}]*?color:\s*(#[0-9a-fA-F]{6})', open(path, encoding='utf-8').read())
    if match is None:
        sys.exit(f'{path}: no colour for the report\'s text')
    return parse_hex(match.group(1))


def read_background(path):
    root = ElementTree.parse(path).getroot()
    colours = {c.get('name'): c.get('value') for c in root.iter('color')}
    for style in root.iter('style'):
        if style.get('name') == 'text':
            value = style.get('background')
            return parse_hex(colours.get(value, value))
    sys.exit(f'{path}: no text style')


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    root, styles = sys.argv[1], sys.argv[2]
    self_test()

    schema = json.load(open(os.path.join(root, 'data', 'labels.json'), encoding='utf-8'))
    labels = [(label['name'], parse_hex(label['color'])) for label in schema['labels']]
    defines = read_defines(os.path.join(root, 'app', 'gui', 'bz-report-view.c'),
                           ['TINT_SUGGESTED_LIGHT', 'TINT_ACCEPTED_LIGHT', 'TINT_SUGGESTED_DARK',
                            'TINT_ACCEPTED_DARK', 'MARK_SHADE'])
    styles_of = {
        'light': (read_background(os.path.join(styles, 'Adwaita.xml')),
                  read_text_colour(os.path.join(root, 'ui', 'style.css')),
                  {'suggested': defines['TINT_SUGGESTED_LIGHT'], 'accepted': defines['TINT_ACCEPTED_LIGHT']}),
        'dark': (read_background(os.path.join(styles, 'Adwaita-dark.xml')),
                 read_text_colour(os.path.join(root, 'ui', 'style-dark.css')),
                 {'suggested': defines['TINT_SUGGESTED_DARK'], 'accepted': defines['TINT_ACCEPTED_DARK']}),
    }

    failures = []
    print(f'{"style":6} {"drawn":10}' + ''.join(f'{v:>14}' for v in VISIONS) + '   least CIEDE2000 between labels')
    for style, (background, text, alphas) in styles_of.items():
        drawn = {
            'suggested': {name: over(colour, background, alphas['suggested']) for name, colour in labels},
            'accepted': {name: over(colour, background, alphas['accepted']) for name, colour in labels},
            'mark': {name: towards(colour, text, defines['MARK_SHADE']) for name, colour in labels},
        }
        for what, colours in drawn.items():
            cells = []
            for vision in VISIONS:
                closest = min((delta_e(colours[a], colours[b], vision), a, b)
                              for a, b in itertools.combinations(colours, 2))
                cells.append(f'{closest[0]:6.2f} {closest[1][:3]}/{closest[2][:3]}')
                least = MIN_DELTA_E[(what, 'normal' if vision == 'normal' else 'deficient')]
                if closest[0] < least:
                    failures.append(f'{style} {what} {vision}: {closest[1]} and {closest[2]} differ by '
                                    f'{closest[0]:.2f} < {least}')
            print(f'{style:6} {what:10}' + ''.join(f'{c:>14}' for c in cells))

        for vision in VISIONS:
            gap = min((delta_e(drawn['suggested'][name], drawn['accepted'][name], vision), name) for name, _ in labels)
            if gap[0] < MIN_STATUS_DELTA_E:
                failures.append(f'{style} {vision}: {gap[1]} suggested and accepted differ by {gap[0]:.2f}')
            print(f'{style:6} {"status":10} {vision}: suggested and accepted of one label differ by {gap[0]:.2f} at least')
        for name, _ in labels:
            for what in ('suggested', 'accepted'):
                ratio = contrast(text, drawn[what][name])
                if ratio < MIN_TEXT_CONTRAST:
                    failures.append(f'{style}: text over {name} {what} has a contrast of {ratio:.2f}')
            ratio = contrast(drawn['mark'][name], background)
            if ratio < MIN_MARK_CONTRAST:
                failures.append(f'{style}: {name} marks over the background have a contrast of {ratio:.2f}')
            ratio = contrast(drawn['mark'][name], drawn['accepted'][name])
            if ratio < MIN_MARK_OVER_TINT:
                failures.append(f'{style}: {name} marks over its accepted tint have a contrast of {ratio:.2f}')
        print(f'{style:6} contrast: text over tints {min(contrast(text, c) for d in ("suggested", "accepted") for c in drawn[d].values()):.2f}, '
              f'marks over the background {min(contrast(c, background) for c in drawn["mark"].values()):.2f}, '
              f'over their accepted tint {min(contrast(drawn["mark"][n], drawn["accepted"][n]) for n, _ in labels):.2f}')

    for failure in failures:
        print('FAIL: ' + failure)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
