"""Survey pages: `answer` (public, behind a short link), `provider` (/org/...) and `council` (/council/...)."""
