"""Write the two-outlet fixture: one invented event (a river flood in the invented town of
Kelmora) reported by two invented outlets with different figures, speakers and wordings.

    python tests/data/make_outlets.py      # rewrites tests/data/{ledger,wire,outlets}.jsonl, outlets.json

Every sentence is made up for these tests. Spans are real offsets into each article's text (kept
beside the claims as <doc>.txt), so the files obey the contract's offset invariant.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

LEDGER = {
    "id": "ledger_flood", "title": "Kelmora counts the cost of the river flood",
    "outlet": "Northern Ledger", "author": "Mira Okafor", "published": "2023-04-12",
    "claims": [
        dict(sentence='"The river rose faster than any of our models predicted," said Mayor Elena Vásquez on Monday.',
             kind="direct", text="The river rose faster than any of our models predicted,",
             speaker=("Elena Vásquez", "Elena Vásquez", "person", "Mayor"), cue=("said", "say"),
             date=("2023-04-10", "Monday", "relative")),
        dict(sentence="The floods killed at least 41 people and forced around 3,000 residents to evacuate.",
             kind="unattributed", text="The floods killed at least 41 people and forced around 3,000 residents to evacuate.",
             date=("2023-04-12", None, "published"),
             figures=[("at least 41", 41, None, "at_least", "people"), ("around 3,000", 3000, None, "about", "residents")]),
        dict(sentence="Repairs to the Oster bridge will cost $12 million, according to the regional transport office.",
             kind="according_to", text="Repairs to the Oster bridge will cost $12 million",
             speaker=("the regional transport office", "the regional transport office", "organization", None),
             cue=("according to", "according to"), date=("2023-04-12", None, "published"),
             figures=[("$12 million", 12000000, "USD", None, "repairs")]),
        dict(sentence="Fire chief Tomas Reyes said that rescue teams would keep searching the flooded districts through the night.",
             kind="indirect", text="rescue teams would keep searching the flooded districts through the night",
             speaker=("Tomas Reyes", "Tomas Reyes", "person", "Fire chief"), cue=("said", "say"),
             date=("2023-04-12", None, "published")),
        dict(sentence="Senior engineers at the water authority said the dam had not been inspected for a decade.",
             kind="indirect", text="the dam had not been inspected for a decade",
             speaker=("Senior engineers at the water authority", "Senior engineers at the water authority", "group", None),
             cue=("said", "say"), date=("2023-04-12", None, "published")),
        dict(sentence='"We will rebuild every bridge before winter," Governor Ana Lindqvist said.',
             kind="direct", text="We will rebuild every bridge before winter,",
             speaker=("Ana Lindqvist", "Ana Lindqvist", "person", "Governor"), cue=("said", "say"),
             date=("2023-04-12", None, "published")),
        dict(sentence="Vásquez said schools in the lower town would stay closed until May.",
             kind="indirect", text="schools in the lower town would stay closed until May",
             speaker=("Vásquez", "Elena Vásquez", "person", "Mayor"), cue=("said", "say"),
             date=("2023-04-12", None, "published")),
    ],
}

WIRE = {
    "id": "wire_flood", "title": "Death toll rises after Kelmora flood",
    "outlet": "Coastal Wire", "author": None, "published": "2023-04-13T08:30:00",
    "claims": [
        dict(sentence="Vasquez said the river had risen faster than any of the city's models predicted.",
             kind="indirect", text="the river had risen faster than any of the city's models predicted",
             speaker=("Vasquez", "Vasquez", "person", None), cue=("said", "say"),
             date=("2023-04-13", None, "published")),
        dict(sentence="The floods killed 58 people, and about 3,000 residents were evacuated.",
             kind="unattributed", text="The floods killed 58 people, and about 3,000 residents were evacuated.",
             date=("2023-04-13", None, "published"),
             figures=[("58", 58, None, None, "people"), ("about 3,000", 3000, None, "about", "residents")]),
        dict(sentence="According to the regional transport office, repairs to the Oster bridge will cost about $12 million.",
             kind="according_to", text="repairs to the Oster bridge will cost about $12 million",
             speaker=("the regional transport office", "Regional Transport Office", "organization", None),
             cue=("According to", "according to"), date=("2023-04-13", None, "published"),
             figures=[("about $12 million", 12000000, "USD", "about", "repairs")]),
        dict(sentence="Rescue teams will search the flooded districts through the night, fire chief Tomas Reyes said.",
             kind="indirect", text="Rescue teams will search the flooded districts through the night",
             speaker=("Tomas Reyes", "Tomas Reyes", "person", "fire chief"), cue=("said", "say"),
             date=("2023-04-13", None, "published")),
        dict(sentence="Engineers at the water authority said the dam had not been inspected in ten years.",
             kind="indirect", text="the dam had not been inspected in ten years",
             speaker=("Engineers at the water authority", "Engineers at the water authority", "group", None),
             cue=("said", "say"), date=("2023-04-13", None, "published")),
        dict(sentence='"We will rebuild every bridge before winter," said deputy governor Piet Holm.',
             kind="direct", text="We will rebuild every bridge before winter,",
             speaker=("Piet Holm", "Piet Holm", "person", "deputy governor"), cue=("said", "say"),
             date=("2023-04-13", None, "published")),
        dict(sentence="The aid group Relief North said it had delivered 20 tonnes of food to the shelters.",
             kind="indirect", text="it had delivered 20 tonnes of food to the shelters",
             speaker=("Relief North", "Relief North", "organization", None), cue=("said", "say"),
             date=("2023-04-13", None, "published"),
             figures=[("20 tonnes", 20, "tonne", None, "food")]),
        dict(sentence="Lindqvist said the state would pay half of the repair bill.",
             kind="indirect", text="the state would pay half of the repair bill",
             speaker=("Lindqvist", "Ana Lindqvist", "person", "Governor"), cue=("said", "say"),
             date=("2023-04-13", None, "published")),
        dict(sentence="An official at the water authority, who asked not to be named, said the spillway gates had jammed.",
             kind="indirect", text="the spillway gates had jammed",
             speaker=("An official at the water authority", "official at the water authority, who asked not to be named", "anonymous", None),
             cue=("said", "say"), date=("2023-04-13", None, "published")),
    ],
}


def build(article: dict) -> tuple[str, list[dict], dict]:
    text = article["title"] + "\n" + article["outlet"] + "\n\n" + "\n\n".join(c["sentence"] for c in article["claims"]) + "\n"
    path = f"tests/data/{article['id']}.txt"
    doc = {k: article[k] for k in ("id", "title", "outlet", "author", "published")}
    doc = {"id": doc["id"], "path": path, "title": doc["title"], "outlet": doc["outlet"],
           "author": doc["author"], "published": doc["published"]}
    claims = []
    for n, c in enumerate(article["claims"], 1):
        s0 = text.index(c["sentence"])
        t0 = s0 + c["sentence"].index(c["text"])

        def at(part: str, after: int = s0) -> list[int]:
            i = text.index(part, after)
            return [i, i + len(part)]

        speaker = None
        if c.get("speaker"):
            stext, name, type_, title = c["speaker"]
            speaker = {"text": stext, "name": name, "type": type_, "title": title, "span": at(stext)}
        cue = None
        if c.get("cue"):
            cue = {"text": c["cue"][0], "lemma": c["cue"][1], "span": at(c["cue"][0])}
        value, dtext, basis = c["date"]
        figures = [{"text": ft, "span": at(ft, t0), "value": v, "unit": u, "qualifier": q, "subject": subj}
                   for ft, v, u, q, subj in c.get("figures", [])]
        claims.append({"id": f"{article['id']}#{n}", "doc": doc, "kind": c["kind"], "text": c["text"],
                       "span": [t0, t0 + len(c["text"])], "speaker": speaker, "cue": cue,
                       "date": {"value": value, "text": dtext, "basis": basis}, "figures": figures,
                       "sentence": c["sentence"]})
    return text, claims, doc


def main() -> None:
    all_claims, docs = [], []
    for article, name in ((LEDGER, "ledger"), (WIRE, "wire")):
        text, claims, doc = build(article)
        (HERE / f"{article['id']}.txt").write_text(text, encoding="utf-8")
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for c in claims:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
        all_claims += claims
        docs.append(doc)
    with open(HERE / "outlets.jsonl", "w", encoding="utf-8") as fh:
        for c in all_claims:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(HERE / "outlets.json", "w", encoding="utf-8") as fh:
        json.dump({"schema": 1, "documents": docs, "claims": all_claims}, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    main()
