"""Custom actions of the court help desk assistant, one module per concern.

Each action module keeps its wording and settings in a YAML file of the same name beside it
(office_routing.yml, office_hours.yml, unclear_question.yml), read once by settings.py when
the action server starts; places.py is the place logic they share with the NLU components.
"""
