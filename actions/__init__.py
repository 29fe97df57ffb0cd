"""Custom actions of the court help desk assistant, one module per concern.

Each action module keeps its wording and settings in a YAML file of the same name beside it
(office_routing.yml, office_hours.yml, follow_up.yml, unclear_question.yml), its wording in
English and, under `es`, in Spanish, read once by settings.py; every action answers in the
conversation's language (the slot `language`, understanding/language.py). places.py is the
place logic they share with the NLU components.
"""
