"""Pure survey rules: `scoring` (scores and indicators) and `suppression` (anonymity thresholds). No Django."""
