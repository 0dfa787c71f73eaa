"""Compliance with contract requirements: statuses and the chase ladder."""
