"""Training kg's NER model (the ``kg-training`` distribution): the CRF, the CNN expert, the CLUENER split.

It depends on kg and writes model directories that :class:`kg.ner.NERModel` loads; kg never imports it.
The command is ``kg-train`` (:mod:`kg_training.cli`); see ``training/README.md``.
"""
from __future__ import annotations

__all__: list[str] = []
