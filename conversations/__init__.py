"""What the tracker store holds, for the people who look after it: `make review` (what
visitors asked and what the assistant missed) and `make purge` (retention)."""
