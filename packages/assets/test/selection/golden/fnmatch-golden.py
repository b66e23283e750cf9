"""Writes fnmatch-golden.json: Python's fnmatch.fnmatchcase on random and edge-case patterns.

Each case is [pattern, extra names, answers]: one "1"/"0" per name of `names` followed by the extra ones
(or "error" when Python rejects the pattern).

Run from this folder with `python3 fnmatch-golden.py` (deterministic: fixed seed). The test compares the
TypeScript matcher with these answers, so no Python is needed when the tests run.
"""
import fnmatch
import json
import random
import re

random.seed(20240611)
ALPHABET = "ab-]![^\\*?z.\u00e9\U0001F600"
EDGE = [
    "[]", "[!]", "[]]", "[!]]", "[]a]", "[!]a]", "[a-]", "[-a]", "[!-a]", "[a-c-e]", "[z-a]", "[!z-a]",
    "[z-a-c]", "[a-zb-a]", "[\\]", "[\\-]", "[a\\-z]", "[^a]", "[[]", "[!^]", "[&&]", "[a&&b]", "[~~]",
    "[||]", "*[a-c]*", "?*?", "**a**", "[", "a[", "[a", "*[!a]", "[\U0001F600]", "?", "*\U0001F600*",
]
NAMES = ["", "a", "b", "-", "]", "!", "[", "^", "\\", "z", "ab", "a-b", "a]", "]a", "&", "~", "|", ".",
         "\u00e9", "\U0001F600", "a\U0001F600b", "abc-]!", "zzz", "a\nb"]


def random_text(length):
    return "".join(random.choice(ALPHABET) for _ in range(length))


cases = []
patterns = EDGE + [random_text(random.randint(1, 8)) for _ in range(400)]
for pattern in patterns:
    try:
        matcher = re.compile(fnmatch.translate(pattern))
    except re.error:
        cases.append([pattern, [], "error"])
        continue
    extra = [random_text(random.randint(0, 8)) for _ in range(8)]
    bits = "".join("1" if matcher.match(name) else "0" for name in NAMES + extra)
    cases.append([pattern, extra, bits])

with open("fnmatch-golden.json", "w", encoding="utf-8") as out:
    json.dump({"python": "fnmatch.fnmatchcase (CPython 3.11)", "names": NAMES, "cases": cases}, out, ensure_ascii=True, separators=(",", ":"))
