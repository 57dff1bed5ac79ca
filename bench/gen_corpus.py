#!/usr/bin/env python3
"""Deterministic generator of large, realistic news corpora for ties benchmarks.

Writes JSONL articles (id, url, title, text, date, source, language) built from templates: datelines,
officials with roles and countries, direct and reported quotes, cooperation and conflict events, themes.
The same --seed and --articles always give byte-identical output. Python standard library only.

    bench/gen_corpus.py --articles 1000000 --out /tmp/corpus.jsonl        # ~2.5 GB
    bench/gen_corpus.py --articles 1000000 --syndicated 0.2 --out /tmp/c.jsonl  # a fifth are wire copies

--syndicated F makes a fraction F of the articles reprints of an earlier one (the last 1,000), as outlets
reprint a wire story: another outlet's id, URL and source, a date up to two days later, the same text with its
last paragraph cut or a credit line added. Copies are what near-duplicate clustering must find; without the
flag (the default) the output is the same as before the flag existed.
"""
import argparse
import json
import random
import sys

COUNTRIES = [
    ("Kazakhstan", "Kazakh", "Astana"), ("China", "Chinese", "Beijing"), ("Russia", "Russian", "Moscow"),
    ("Uzbekistan", "Uzbek", "Tashkent"), ("Germany", "German", "Berlin"), ("France", "French", "Paris"),
    ("Japan", "Japanese", "Tokyo"), ("South Korea", "South Korean", "Seoul"), ("Brazil", "Brazilian", "Brasilia"),
    ("Argentina", "Argentine", "Buenos Aires"), ("Kenya", "Kenyan", "Nairobi"), ("Ethiopia", "Ethiopian", "Addis Ababa"),
    ("Turkey", "Turkish", "Ankara"), ("Azerbaijan", "Azerbaijani", "Baku"), ("India", "Indian", "New Delhi"),
    ("the United States", "U.S.", "Washington"), ("Britain", "British", "London"), ("Egypt", "Egyptian", "Cairo"),
    ("Kyrgyzstan", "Kyrgyz", "Bishkek"), ("Tajikistan", "Tajik", "Dushanbe"), ("Mexico", "Mexican", "Mexico City"),
    ("Indonesia", "Indonesian", "Jakarta"), ("Nigeria", "Nigerian", "Abuja"), ("Poland", "Polish", "Warsaw"),
]
ROLES = ["Foreign Minister", "Minister of Trade", "Minister of Culture and Information", "Prime Minister",
         "President", "Energy Minister", "Deputy Foreign Minister", "Ambassador", "Defense Minister",
         "Minister of Health", "central bank governor", "Transport Minister"]
GIVEN = ["Aigerim", "Daniyar", "Wei", "Li", "Olga", "Sergei", "Anna", "Markus", "Claire", "Hiroshi", "Min-jun",
         "Lucas", "Sofia", "Wanjiru", "Abebe", "Elif", "Rashad", "Priya", "Arjun", "James", "Fatima", "Jorge"]
FAMILY = ["Nurlanova", "Seitkali", "Zhang", "Chen", "Ivanova", "Petrov", "Weber", "Fischer", "Laurent", "Tanaka",
          "Kim", "Oliveira", "Fernandez", "Kamau", "Tesfaye", "Yilmaz", "Aliyev", "Sharma", "Mehta", "Walker",
          "Haddad", "Garcia"]
AGENCIES = [("Xinhua", "xinhua.example.org"), ("Reuters", "reuters.example.com"), ("AP", "ap.example.com"),
            ("AFP", "afp.example.com"), ("Kazinform", "kazinform.example.kz"), ("TASS", "tass.example.ru")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
TOPICS = ["trade", "energy cooperation", "tourism", "visa-free travel", "cultural exchanges", "border security",
          "climate adaptation", "digital innovation", "public health", "transport corridors", "education",
          "water management", "media cooperation", "agriculture"]
COOP = ["signed an agreement on {t} with", "held talks on {t} with", "praised the progress of {t} with",
        "pledged to expand {t} with", "agreed to deepen {t} with", "hosted a delegation on {t} from"]
CONFLICT = ["criticized the restrictions on {t} imposed by", "warned of countermeasures over {t} against",
            "protested the decision on {t} by", "accused of undermining {t}"]
QUOTES = ["We see great potential in {t}, and we will work to turn it into concrete results.",
          "The talks were frank and constructive, and both sides want to move forward on {t}.",
          "This decision on {t} is unacceptable and we reserve the right to respond.",
          "Our people will feel the benefits of {t} very soon.",
          "There is still a lot of work to do on {t}, but the direction is clear."]
REPORTED = ["{s} said that the two countries would set up a joint working group on {t} next month.",
            "According to {s}, trade between the two sides grew by {n} percent last year.",
            "{s} noted that {t} had become a priority for both governments.",
            "{s} expressed hope that the agreement on {t} would be ratified this year."]


def person(rng):
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def article(rng, idx):
    (c1, d1, cap1), (c2, d2, _) = rng.sample(COUNTRIES, 2)
    agency, host = rng.choice(AGENCIES)
    year = rng.choice([2023, 2024, 2025])
    month = rng.randrange(1, 13)
    day = rng.randrange(1, 29)
    topic = rng.choice(TOPICS)
    role = rng.choice(ROLES)
    speaker = person(rng)
    surname = speaker.split()[1]
    other = person(rng)
    pronoun = rng.choice(["she", "he"])
    conflict = rng.random() < 0.25
    verb = rng.choice(CONFLICT if conflict else COOP).format(t=topic)
    paras = [
        f"{cap1.upper()}, {MONTHS[month - 1]} {day} ({agency}) -- {c1[0].upper() + c1[1:]} {verb} {c2} on "
        f"{rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}, {d1} {role} {speaker} told reporters.",
        f"\"{rng.choice(QUOTES).format(t=topic)}\" {surname} said. \"{rng.choice(QUOTES).format(t=topic)}\"",
        rng.choice(REPORTED).format(s=f"{d2} {rng.choice(ROLES)} {other}", t=topic, n=rng.randrange(3, 40)),
        f"The {rng.choice(['talks', 'meeting', 'visit'])} came as {c1} and {c2} prepare for a summit in "
        f"{cap1} later this year, {pronoun} added, noting that {topic} remained high on the agenda.",
    ]
    for _ in range(rng.randrange(2, 7)):
        paras.append(rng.choice(REPORTED).format(s=rng.choice([surname, f"the {role.split()[-1].lower()}", pronoun.capitalize()]),
                                                  t=rng.choice(TOPICS), n=rng.randrange(3, 40)))
    title = f"{d1} {role.split()[-1].lower()} {verb.split(' {')[0].split(' on ')[0]} {c2}"
    return {
        "id": f"gen-{idx:08d}",
        "url": f"https://{host}/{year}/{month:02d}/{day:02d}/article-{idx}",
        "title": title[0].upper() + title[1:],
        "text": "\n\n".join(paras),
        "date": f"{year}-{month:02d}-{day:02d}T{rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}:00Z",
        "source": agency,
        "language": "en",
    }


def reprint(rng, original, idx):
    """Another outlet's copy of `original`: new id, URL, source and time, nearly the same text."""
    agency, host = rng.choice(AGENCIES)
    paras = original["text"].split("\n\n")
    if len(paras) > 4 and rng.random() < 0.5:
        paras = paras[:-1]
    else:
        paras.append(f"(Reporting by {person(rng)}; editing by {person(rng)})")
    day = original["date"][:10]
    later = rng.randrange(0, 3)
    y, m, d = (int(x) for x in day.split("-"))
    d = min(28, d + later)  # the generator's days are 1-28: stay a valid date
    return dict(original, id=f"gen-{idx:08d}", url=f"https://{host}/{y}/{m:02d}/{d:02d}/copy-{idx}",
                text="\n\n".join(paras), date=f"{y}-{m:02d}-{d:02d}{original['date'][10:]}", source=agency)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=20251128)
    ap.add_argument("--out", default="-")
    ap.add_argument("--syndicated", type=float, default=0.0, help="fraction of articles that reprint an earlier one")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    copy_rng = random.Random(args.seed + 1)  # a second stream: --syndicated 0 leaves the main stream as it was
    recent = []
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    for i in range(args.articles):
        if recent and copy_rng.random() < args.syndicated:
            a = reprint(copy_rng, copy_rng.choice(recent), i)
        else:
            a = article(rng, i)
            recent.append(a)
            if len(recent) > 1000:
                recent.pop(0)
        out.write(json.dumps(a, ensure_ascii=False))
        out.write("\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
