"""What the tracker store holds, for the people who look after it: `make purge` (retention)."""
