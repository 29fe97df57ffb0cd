"""Custom NLU pipeline components of the help desk assistant, referenced from config.yml."""
