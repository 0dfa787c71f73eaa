"""Signing in: the second factor (authenticator app, or an emailed code for individual employers), and per-account
throttling that slows attackers without locking the real person out."""
