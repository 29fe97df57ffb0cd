"""Build the project's own spaCy pipeline: blank English plus a gazetteer of Iowa places.

No English spaCy model fits rasa 3.6 on the package index, and nothing may be downloaded at
run time, so set-up builds the pipeline that rasa's SpacyNLP loads (`model:` in config.yml)
from the places file that clerk staff maintain.

Usage: python scripts/build_spacy_pipeline.py facts/iowa_places.yml build/spacy_iowa
"""

import sys
from pathlib import Path
from typing import Dict, List

import spacy
import yaml


def county_patterns(places: Dict) -> List[Dict[str, str]]:
    """One EntityRuler phrase pattern per county; matched on lower case text."""
    return [
        {"label": "county", "pattern": county["name"], "id": county["name"]}
        for county in places["counties"]
    ]


def build_pipeline(places_file: Path, output_dir: Path) -> None:
    """Write a blank English pipeline with an entity ruler for the places to `output_dir`."""
    places = yaml.safe_load(places_file.read_text(encoding="utf-8"))
    nlp = spacy.blank("en")
    nlp.meta["name"] = "iowa_places"
    nlp.meta["description"] = f"Blank English pipeline with a gazetteer built from {places_file}"
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = county_patterns(places)
    ruler.add_patterns(patterns)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    print(f"spaCy pipeline with {len(patterns)} place patterns written to {output_dir}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    build_pipeline(Path(sys.argv[1]), Path(sys.argv[2]))
