#!/usr/bin/env python3
"""Lists the C++ functions longer than LIMIT lines (signature to closing brace), longest first.

usage: scripts/long_functions.py LIMIT DIR_OR_FILE...   e.g. scripts/long_functions.py 100 engine app

A brace-matching scan over the source with comments, strings and preprocessor lines blanked: a
function is a brace at namespace or class scope whose head ends in a parameter list. Lambdas and
local classes count towards the function around them. Exit status 1 when any function is listed.
"""
import re, sys, pathlib

def strip(src):
    out = []; i = 0; n = len(src)
    while i < n:
        c = src[i]
        if src.startswith('//', i):
            j = src.find('\n', i); j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif src.startswith('/*', i):
            j = src.find('*/', i + 2); j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', src[i:j])); i = j
        elif c == 'R' and src.startswith('R"', i) and (i == 0 or not (src[i-1].isalnum() or src[i-1]=='_')):
            m = re.match(r'R"([^(\s]*)\(', src[i:])
            end = src.find(')' + m.group(1) + '"', i) + len(m.group(1)) + 2
            out.append('""' + re.sub(r'[^\n]', ' ', src[i + 2:end - 2]))
            i = end
        elif c == '"' or (c == "'" and not (i > 0 and src[i-1].isalnum())):
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == '\\' else 1
            out.append(c + ' ' * (j - i - 1) + c); i = j + 1
        elif c == '#' and (i == 0 or src[src.rfind('\n', 0, i)+1:i].strip() == ''):
            j = i
            while True:
                k = src.find('\n', j); k = n if k < 0 else k
                if src[k-1:k] == '\\': j = k + 1; continue
                break
            out.append(re.sub(r'[^\n]', ' ', src[i:k])); i = k
        else:
            out.append(c); i += 1
    return ''.join(out)

CTRL = re.compile(r'\b(if|for|while|switch|catch|do|else|return)\b[^;{}]*$')
def scan(path, limit):
    s = strip(path.read_text(errors='replace'))
    stack = []  # (kind, start_line, name)
    last_boundary = 0
    res = []
    for i, c in enumerate(s):
        if c == '{':
            in_func = any(k == 'f' for k, _, _ in stack)
            kind = 'o'
            head = s[last_boundary:i]
            if not in_func:
                h = ' '.join(head.split())
                head_of_call = h[:h.find('(')] if '(' in h else h
                ends_in_params = re.search(r'\)\s*(const|noexcept|override|final|mutable|\s|->\s*[\w:<>,\s*&]+|:[^;]*)*$', h)
                is_type = re.match(r'^(namespace|class|struct|enum|union)\b', h)
                is_initializer = re.search(r'=\s*$', h)
                if ends_in_params and not is_type and not is_initializer and not CTRL.search(head_of_call):
                    kind = 'f'
                    off = last_boundary + (len(head) - len(head.lstrip()))
                    start = s.count('\n', 0, off) + 1
                    m = re.search(r'([~\w:]+(?:operator\s*\S+)?)\s*\(', h)
                    name = m.group(1) if m else h[:60]
                    stack.append((kind, start, name)); last_boundary = i + 1; continue
            stack.append((kind, 0, ''))
            last_boundary = i + 1
        elif c == '}':
            if stack:
                kind, start, name = stack.pop()
                if kind == 'f':
                    end = s.count('\n', 0, i) + 1
                    if end - start + 1 > limit:
                        res.append((end - start + 1, name, str(path), start, end))
            last_boundary = i + 1
        elif c == ';':
            last_boundary = i + 1
    return res

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__.split('\n\n')[1])
    limit = int(sys.argv[1])
    out = []
    for root in map(pathlib.Path, sys.argv[2:]):
        for p in [root] if root.is_file() else sorted(root.rglob('*')):
            if p.suffix in ('.cpp', '.h', '.hpp', '.cc'):
                out += scan(p, limit)
    for n, name, f, a, b in sorted(out, reverse=True):
        print(f'{n:5d}  {name:40s} {f}:{a}-{b}')
    return 1 if out else 0


if __name__ == '__main__':
    sys.exit(main())
