"""The model directory's README.md (the model card), written from its ``meta.json``.

The card carries CLUENER2020's research-use restriction wherever the model ships.
"""
from __future__ import annotations

from kg.ner.tags import LABEL_MAP

__all__ = ["model_card"]


def model_card(meta: dict) -> str:
    """Gives the model directory's README.md text from its metadata."""
    p = meta["params"]
    cnn = meta.get("cnn")
    lines = [
        "# kg NER model: character CRF" + (" + character CNN" if cnn else "") + " trained on CLUENER2020",
        "",
        "**Research use only.** Trained on the CLUENER2020 train split (CLUE benchmark; Sina news texts",
        "from THUCNews, no licence given). Use of this model inherits that restriction.",
        "",
        "- Files: `model.crfsuite` (python-crfsuite), `lexicons.json` (feature lexicons and gazetteer,",
        "  frozen at training time), " + ("`cnn.npz` (the CNN's weights and vocabularies), " if cnn else "")
        + "`meta.json` (settings and scores).",
        (f"- Trained on {meta['n_train']} sentences; {meta['n_val']} held out for validation "
         f"(split seed {meta['split_seed']}, fraction {meta['val_fraction']})."),
        (f"- Settings: {meta['scheme']} tags, trainer {p['algorithm']}, c1={p['c1']}, c2={p['c2']}, "
         f"{p['max_iterations']} iterations, gazetteer={p['gazetteer']}, "
         f"context words={p['context_words']}."),
        *([(f"- CNN expert (`cnn.npz`, run with NumPy): {len(cnn['dilations'])} dilated convolutions "
            f"(dilations {cnn['dilations']}), {cnn['hidden']} channels, {cnn['epochs']} epochs; its tag "
            f"log-probabilities, weighted {meta['cnn_weight']}, are added to the CRF's scores before "
            "Viterbi decoding. Character and character-pair embeddings pretrained with word2vec on "
            "the finreport corpus and the training sentences.")] if cnn else []),
        "- Labels: all ten CLUENER labels are trained; kg emits name→PERSON, company→COMPANY,",
        "  organization→ORG, government→GOV, position→TITLE.",
        "- Reproduce: see `training/README.md` (`bash training/train.sh kg/models/ner`).",
        "",
    ]
    val = meta.get("validation")
    if val:
        lines += ["## Scores on the held-out validation split (exact spans)", "",
                  "| label | precision | recall | F1 | gold spans |", "| --- | ---: | ---: | ---: | ---: |"]
        for lab, r in val["labels"].items():
            lines.append(f"| {LABEL_MAP[lab]} ({lab}) | {r['precision']:.4f} | {r['recall']:.4f} | "
                         f"{r['f1']:.4f} | {r['support']} |")
        lines += ["", (f"Macro F1 over the five labels: **{val['macro_f1']:.4f}**. Speed: "
                       "`python benchmarks/bench_ner.py` (the figure taken while training, "
                       f"{val['chars_per_s']:,} characters/second, shares the machine with it)."), ""]
    return "\n".join(lines)
