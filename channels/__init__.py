"""Input channels of the help desk assistant, referenced from credentials.yml."""
