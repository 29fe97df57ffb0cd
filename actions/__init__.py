"""Custom actions of the court help desk assistant, one module per concern.

Each module keeps its wording and settings in a YAML file of the same name beside it, loaded
once when the action server starts.
"""
