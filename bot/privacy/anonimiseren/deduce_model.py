"""deduce, loaded for names only, from a small cache of our own.

deduce's full lookup cache takes two minutes and 1.2 GB to build (its street and institution tries);
its name annotators need only the name lists, so we build and cache just those (about a second) with
deduce's own loaders, in deduce's cache format.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

# The lists the name annotators below use; deduce's default cache also builds streets and
# institutions into tries that hold about a gigabyte.
NAME_LISTS = ["names/lst_first_name", "names/lst_surname", "names/lst_interfix", "names/lst_interfix_surname",
              "names/lst_prefix", "names/lst_initial", "whitelist/lst_common_word", "whitelist/lst_medical_term",
              "whitelist/lst_stop_word", "whitelist/lst_eponymous_disease"]


def import_deduce():
    """Import deduce without its logging.basicConfig(stream=sys.stdout, DEBUG): stdout is our output."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce  # noqa: F401  (the import configures logging)
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return sys.modules["deduce"]


def _name_like(*extra: dict) -> dict:
    return {"and": [{"like_name": True}, {"neg_lookup": "whitelist"}, {"neg_lookup": "prefix"}, *extra]}


def deduce_config() -> dict:
    """Only deduce's name annotators: identifiers, dates and addresses are found in our own code."""
    def pattern(tag, *positions, skip=(".",)):
        return {"annotator_type": "deduce.annotator.TokenPatternAnnotator", "group": "names",
                "args": {"tag": tag, "skip": list(skip), "pattern": list(positions)}}

    def lookup(tag, values):
        return {"annotator_type": "docdeid.process.MultiTokenLookupAnnotator", "group": "names",
                "args": {"tag": tag, "overlapping": True, "lookup_values": values}}

    name_tags = ["naam", "voornaam", "achternaam", "initiaal"]
    context = [
        {"name": "interfix_right", "direction": "right", "pre_tag": name_tags, "tag": "{tag}+interfix+achternaam",
         "skip": [".", "-"], "pattern": [{"lookup": "interfix"}, {"like_name": True}]},
        {"name": "initial_left", "direction": "left", "pre_tag": name_tags + ["interfix"], "tag": "initiaal+{tag}",
         "skip": ["."], "pattern": [{"lookup": "initial"}]},
        {"name": "naam_left", "direction": "left", "pre_tag": name_tags[:3], "tag": "naam+{tag}", "skip": ["-"],
         "pattern": [_name_like()]},
        {"name": "naam_right", "direction": "right", "pre_tag": ["prefix"] + name_tags + ["interfix"],
         "tag": "{tag}+naam", "skip": ["-"], "pattern": [_name_like()]},
    ]
    annotators = {
        "prefix_with_initial": pattern("prefix+initiaal", {"lookup": "prefix"},
                                       {"or": [{"lookup": "initial"}, {"is_initials": True}]}),
        "prefix_with_interfix": pattern("prefix+interfix+naam", {"lookup": "prefix"}, {"lookup": "interfix"},
                                        {"like_name": True}),
        "prefix_with_name": pattern("prefix+naam", {"lookup": "prefix"},
                                    {"and": [{"like_name": True}, {"neg_lookup": "whitelist"}]}),
        "interfix_with_name": pattern("interfix+achternaam", {"lookup": "interfix"},
                                      {"and": [{"lookup": "interfix_surname"}, {"neg_lookup": "whitelist"}]}, skip=()),
        "initial_with_name": pattern("initiaal+naam", {"lookup": "initial"}, _name_like()),
        "initial_interfix": pattern("initiaal+interfix+naam", {"lookup": "initial"}, {"lookup": "interfix"},
                                    {"like_name": True}),
        "first_name_lookup": lookup("voornaam", "first_name"),
        "surname_lookup": lookup("achternaam", "surname"),
        # Not iterative: deduce recurses once per step and overflows the stack on long runs of names
        # ("Jan Jan Jan ..."); NameRules._grow extends names further without recursion.
        "name_context": {"annotator_type": "deduce.annotator.ContextAnnotator", "group": "names",
                         "args": {"iterative": False, "pattern": context}},
        # "Alzheimer", "Parkinson": pseudo-names that deduce removes again with what overlaps them.
        "eponymous_disease": {"annotator_type": "docdeid.process.MultiTokenLookupAnnotator", "group": "names",
                              "args": {"lookup_values": "eponymous_disease", "tag": "pseudo_name",
                                       "overlapping": True}},
    }
    return {"adjacent_annotations_slack": r"[\. \-]?[\. ]?",
            "resolve_overlap_strategy": {"attributes": ["priority", "length"], "ascending": [False, False]},
            "redactor_open_char": "[", "redactor_close_char": "]", "annotators": annotators}


def cache_file(cache_dir: Path) -> Path:
    return cache_dir / "cache" / "lookup_structs.pickle"


def build_cache(cache_dir: Path) -> None:
    """Build the name lookup structures with deduce's own loaders and store them in deduce's cache format."""
    deduce = import_deduce()
    from deduce import lookup_struct_loader as loaders
    from deduce.lookup_structs import cache_lookup_structs, load_raw_itemsets
    from docdeid.ds import DsCollection, LookupSet

    lookup_path = deduce.deduce._LOOKUP_LIST_PATH
    tokenizer = deduce.Deduce._initialize_tokenizer(lookup_path)
    raw = load_raw_itemsets(base_path=lookup_path, subdirs=NAME_LISTS)
    structs = DsCollection()
    for name in ("interfix_surname", "initial", "stop_word", "common_word", "medical_term"):
        plain = LookupSet()
        plain.add_items_from_iterable(raw[name])
        structs[name] = plain
    structs["prefix"] = loaders.load_prefix_lookup(raw)
    structs["interfix"] = loaders.load_interfix_lookup(raw)
    structs["whitelist"] = loaders.load_whitelist_lookup(raw)
    structs["first_name"] = loaders.load_first_name_lookup(raw, tokenizer)
    structs["surname"] = loaders.load_surname_lookup(raw, tokenizer)
    structs["eponymous_disease"] = loaders.load_eponymous_disease_lookup(raw, tokenizer)
    cache_lookup_structs(structs, cache_path=cache_dir, deduce_version=deduce.__version__)


def load_deduce(cache_dir: Path):
    """A deduce.Deduce with our config, from our cache (built first when missing: never deduce's full build)."""
    deduce = import_deduce()
    if not cache_file(cache_dir).exists():
        build_cache(cache_dir)
    return deduce.Deduce(load_base_config=False, config=deduce_config(), cache_path=cache_dir)
