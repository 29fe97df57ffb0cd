"""Clerk staff's workspace on the page server (/clerk/): sign-in, the reports, try a question."""
